/**
 * Where a signature goes on a document when nobody placed it: the approval between the signer's title and name on the
 * last page, the organisation's seal over the competent person's signature, the issued number and date in page 1's
 * blanks. Read from the file's text (pdf.js in the reading thread) with the same rules the app's viewer applies, so the
 * command line and the outgoing workflow place signatures where a clerk would.
 */
import { proposeIssuePlaces, type IssuePlaces, type IssueProposal } from '../../../../shared/domain/issuePlaces';
import type { PageBox } from '../../../../shared/domain/pageText';
import { proposeSignerBlockPlace } from '../../../../shared/domain/signerBlock';
import { readPdf, type PageRuns } from '../../pdf/pdfText';
import { issueTexts } from './issuePlaces';
import { openPdfForUpdate, pageViewOf } from '../pdf/pdfOpen';
import type { PageRect, TextPosition } from './signatureAppearance';
import { verifyPdf } from '../verify/verifyPdf';

/** Page 1's and the last page's runs; a file pdf.js cannot read gets empty pages of the boxes the signing engine sees. */
async function edgePages(pdfPath: string): Promise<{ first: PageRuns; last: PageRuns }> {
  const reading = await readPdf(pdfPath, { maxPages: 1, maxTextChars: 10_000, edgeRuns: true });
  if (reading.edgeRuns) return reading.edgeRuns;
  const file = openPdfForUpdate(pdfPath);
  try {
    const pages = file.pageRefs();
    const page = (n: number): PageRuns => ({ page: n, items: [], box: pageViewOf(file, pages[n - 1]!).box as PageBox });
    return { first: page(1), last: page(pages.length) };
  } finally {
    file.close();
  }
}

/**
 * The approval signature's box on the last page: centred between the signer's title and full name (the block whose
 * name is `signerName` when given and printed), else the bottom right corner inside the margins; `found` tells which.
 */
export async function proposeApprovalPlace(pdfPath: string, signerName?: string): Promise<{ rect: PageRect; found: boolean }> {
  const { last } = await edgePages(pdfPath);
  const { rect, found } = proposeSignerBlockPlace(last.items, last.box, signerName);
  return { rect: { page: last.page, ...rect }, found };
}

/** Where a signer's draft takes its signatures, from one reading of its first and last pages. */
export interface DraftPlaces {
  /** The approval's box (see proposeApprovalPlace). */
  approval: PageRect;
  /** Where page 1 takes the number and the date at issue (see proposeIssuePlaces). */
  issue: IssuePlaces;
}

export async function proposeDraftPlaces(pdfPath: string, signerName?: string): Promise<DraftPlaces> {
  const { first, last } = await edgePages(pdfPath);
  const { numberAt, dateAt } = proposeIssuePlaces(first.items, first.box);
  return { approval: { page: last.page, ...proposeSignerBlockPlace(last.items, last.box, signerName).rect }, issue: { numberAt, dateAt } };
}

/**
 * The area the organisation's seal covers the left third of (Decree 30): where the newest intact signature is drawn,
 * the competent person's; without one, the approval's place at the signer's block.
 */
export async function proposeSealPlace(pdfPath: string): Promise<{ rect: PageRect; source: 'signature' | 'signerBlock' | 'corner' }> {
  // Whether a signature is intact does not depend on trusting its issuer: no roots are needed to find it.
  const report = await verifyPdf(pdfPath, { trustedRoots: [] });
  const drawn = [...report.signatures].reverse().find((s) => s.placement !== null && s.intact)?.placement;
  if (drawn) return { rect: drawn, source: 'signature' };
  const approval = await proposeApprovalPlace(pdfPath);
  return { rect: approval.rect, source: approval.found ? 'signerBlock' : 'corner' };
}

/**
 * What an issuing signature writes on page 1 and where: the missing number, day and month in the template's blanks
 * after "Số:" and in "ngày … tháng … năm …", or whole lines under the header when the page has no blanks.
 */
export async function proposeIssueTexts(pdfPath: string, values: { numberNotation?: string; date?: string }): Promise<{ texts: { text: string; at: TextPosition }[]; found: boolean }> {
  const proposal = await proposeIssuePlacesOf(pdfPath);
  return { texts: await issueTexts({ numberAt: proposal.numberAt, dateAt: proposal.dateAt }, values), found: proposal.found };
}

/** Where page 1 takes the number and the date (see proposeIssuePlaces), for a caller that writes them more than once. */
export async function proposeIssuePlacesOf(pdfPath: string): Promise<IssueProposal> {
  const { first } = await edgePages(pdfPath);
  return proposeIssuePlaces(first.items, first.box);
}
