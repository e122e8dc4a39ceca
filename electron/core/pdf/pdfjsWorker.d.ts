/** pdf.js ships no types for its worker module; only its presence matters here (it runs in the calling thread). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}

/** The minified build of pdf.js's API: the same module as pdf.mjs, whose types it has. */
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
