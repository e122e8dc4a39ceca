/** Opens a PDF from a content URL with pdf.js; the worker is a file of our own origin (the CSP allows nothing else). */
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useState } from 'react';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

type PdfDocument = pdfjs.PDFDocumentProxy;

export function usePdfDocument(url: string | null): { doc: PdfDocument | null; failed: boolean } {
  const [state, setState] = useState<{ doc: PdfDocument | null; failed: boolean }>({ doc: null, failed: false });
  useEffect(() => {
    setState({ doc: null, failed: false });
    if (!url) return;
    // No eval under our CSP: pdf.js falls back to its interpreter for fonts. Its data files sit beside the bundle.
    const assets = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;
    const task = pdfjs.getDocument({
      url,
      isEvalSupported: false,
      withCredentials: true,
      cMapUrl: assets('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: assets('standard_fonts'),
      wasmUrl: assets('wasm'),
    });
    let live = true;
    task.promise.then(
      (doc) => live && setState({ doc, failed: false }),
      () => live && setState({ doc: null, failed: true }),
    );
    return () => {
      live = false;
      // Closing a document while pdf.js still loads it makes its worker throw "Worker was terminated" where nothing can
      // catch it: the load settles first, then the document is closed.
      const close = () => task.destroy();
      task.promise.then(close, close).catch(() => undefined);
    };
  }, [url]);
  return state;
}
