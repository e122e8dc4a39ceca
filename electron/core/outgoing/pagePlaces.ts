/**
 * Where the workflow's signatures go when nobody placed them: the number and date in page 1's header (the template's
 * blanks, else under the header), and the signer's approval above their printed name on the last page.
 */
import { foldVietnamese } from '../../../shared/domain/fold';
import { proposeIssuePlaces, type IssuePlaces } from '../../../shared/domain/issuePlaces';
import { readPdf } from '../pdf/pdfText';
import type { PageRect } from '../signing/signatureAppearance';

/** A4 in points: the size Decree 30 documents have, assumed when a page's size could not be read. */
const A4 = { width: 595.28, height: 841.89 };
/** The approval image's box: about a handwritten signature's size. */
const BOX = { width: 150, height: 60 };

export async function issuePlacesOf(file: string): Promise<IssuePlaces> {
  const reading = await readPdf(file, { maxPages: 1, maxTextChars: 20_000 });
  const size = reading.firstPageSize ?? A4;
  const items = reading.firstPage.map((l) => ({ text: l.text, x: l.x, y: size.height - l.y, width: l.width, size: l.fontSize }));
  const { numberAt, dateAt } = proposeIssuePlaces(items, [0, 0, size.width, size.height]);
  return { numberAt, dateAt };
}

/** Centred above the signer's name on the last page; without it, the lower right of that page. */
export async function approvalPlaceOf(file: string, signerName: string): Promise<PageRect> {
  const reading = await readPdf(file, { maxTextChars: 20_000 });
  const size = reading.firstPageSize ?? A4;
  const page = reading.pageCount ?? 1;
  const lines = page === 1 ? reading.firstPage : reading.lastPage;
  const name = foldVietnamese(signerName).trim();
  const line = name ? [...lines].reverse().find((l) => foldVietnamese(l.text).trim() === name) : undefined;
  if (!line) return { page, x: size.width - 56 - BOX.width, y: 72, ...BOX };
  const centre = line.x + line.width / 2;
  return { page, x: centre - BOX.width / 2, y: size.height - line.y + line.fontSize * 1.2, ...BOX };
}
