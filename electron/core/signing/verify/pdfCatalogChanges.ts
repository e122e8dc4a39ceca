/**
 * What a later revision changed in the document catalog. The catalog holds what no page draws yet what a reader
 * shows or runs all the same: optional-content layers and their default on/off state (/OCProperties), actions run on
 * opening or closing (/OpenAction, /AA), document JavaScript and embedded files (/Names), bookmarks and their actions
 * (/Outlines), page labels, viewer preferences, output intents. A layer switched off hides signed content from every
 * reader while each page stays byte for byte what was signed.
 *
 * A revision after a signature may write only what later signing writes: /AcroForm (its fields and widgets are judged
 * as form and annotation changes), /DSS with /Extensions (B-LT validation data and the ESIC extension level that
 * announces it) and /Version (a writer raising the version for what it adds). /Pages is judged page by page. Every
 * other entry is frozen, and followed in depth, except /Metadata and /StructTreeRoot: they describe the document for
 * search and assistive tools, draw and run nothing, and editors (Acrobat adding a comment to a tagged file) rewrite
 * the objects below them; their own catalog entries stay frozen. Vanthu's signing touches neither /Metadata nor
 * /Perms, so a PDF/A file keeps both as they were.
 */
import type { PdfFile } from '../pdf/pdfFile';
import { serialize, type PdfValue } from '../pdf/pdfObjects';

const WRITTEN_BY_SIGNING = new Set(['AcroForm', 'DSS', 'Extensions', 'Version', 'Pages']);
const DESCRIPTIVE = new Set(['Metadata', 'StructTreeRoot']);

/**
 * Reasons the catalog of `after` differs from that of `before` beyond what later signing writes. `rewrittenAmong`
 * answers the objects reachable from the given values of `before` that `after` rewrote.
 */
export function catalogChanges(before: PdfFile, after: PdfFile, rewrittenAmong: (roots: PdfValue[]) => number[]): string[] {
  const old = before.catalog();
  const now = after.catalog();
  const keys = new Set([...old.entries.keys(), ...now.entries.keys()]);
  const out: string[] = [];
  for (const key of keys) {
    if (WRITTEN_BY_SIGNING.has(key)) continue;
    const was = old.get(key);
    const is = now.get(key);
    if (was === undefined) out.push(`catalog: /${key} added`);
    else if (is === undefined) out.push(`catalog: /${key} removed`);
    else if (serialize(was) !== serialize(is)) out.push(`catalog: /${key} changed`);
    else if (!DESCRIPTIVE.has(key)) {
      const hits = rewrittenAmong([was]);
      if (hits.length) out.push(`catalog: objects under /${key} were rewritten (${hits.slice(0, 5).join(', ')})`);
    }
  }
  return out;
}
