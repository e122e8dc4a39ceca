/** Verifying a PDF's signatures, what later revisions changed, and the verdict a person acts on. */
export { verifyPdf, type RevocationStatus, type SignatureReport, type VerifyReport } from './verifyPdf';
export { judgeReport } from './signatureVerdict';
