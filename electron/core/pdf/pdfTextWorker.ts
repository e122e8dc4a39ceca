/** Worker-thread entry: reads PDFs one at a time on request. Runs in its own thread so a hostile file can be stopped. */
import { parentPort } from 'node:worker_threads';
import { extractPdfText } from './extractPdfText';
import { loadPdfJs } from './pdfJsNode';
import { writePageImages } from './pageImages';
import { WORKER_READY, type PdfTextJob } from './pdfTextProtocol';

// pdf.js reports recoverable oddities of real-world files on the console; the caller gets a problem code instead.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = () => undefined;

parentPort?.on('message', async (job: PdfTextJob) => {
  parentPort?.postMessage(job.kind === 'images' ? await writePageImages(job) : await extractPdfText(job.file, job));
});

void loadPdfJs().then(() => parentPort?.postMessage(WORKER_READY));
