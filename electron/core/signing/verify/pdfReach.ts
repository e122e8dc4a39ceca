/**
 * The objects a page or an annotation draws with, followed transitively: content streams, resources, fonts →
 * FontDescriptor → FontFile, form XObjects and their own resources, patterns, shadings, ExtGState, appearance
 * streams. Change detection needs the whole graph: replacing a font program two references down alters the page as
 * much as replacing its content stream.
 */
import type { PdfFile } from '../pdf/pdfFile';
import { PdfDict, PdfRef, PdfStream, type PdfValue } from '../pdf/pdfObjects';

/**
 * Keys that point back up or sideways rather than at what is drawn: /Parent (page tree, field tree, a popup's markup
 * annotation), /P (an annotation's page), /Popup and /IRT (other annotations, judged on their own), /V (a field's
 * value: a signature's dictionary is judged by the signature checks, a filled value is allowed to change).
 */
const NOT_DRAWN = new Set(['Parent', 'P', 'Popup', 'IRT', 'V']);

/** Structure, not drawing: our own signing rewrites these (page /Annots, catalog /AcroForm and /DSS); pages and the catalog are judged on their own. */
const STRUCTURE_TYPES = new Set(['Page', 'Pages', 'Catalog']);

/** Far more objects than any document draws with: past this the walk stops rather than crawl a crafted file. */
export const MAX_REACHED = 2_000_000;

/**
 * Calls `each` with the number of every indirect object reachable from `roots` that `visited` does not hold yet,
 * adding them to it, so that several walks over one revision share the work. Returns false when the bound was hit.
 */
export function reachObjects(file: PdfFile, roots: PdfValue[], visited: Set<number>, each: (num: number) => void): boolean {
  const stack: PdfValue[] = [...roots];
  while (stack.length) {
    const value = stack.pop()!;
    if (value instanceof PdfRef) {
      if (visited.has(value.num)) continue;
      if (visited.size >= MAX_REACHED) return false;
      visited.add(value.num);
      const target = file.get(value.num);
      const dict = target instanceof PdfStream ? target.dict : target instanceof PdfDict ? target : null;
      if (dict && STRUCTURE_TYPES.has(dict.name('Type') ?? '')) continue;
      each(value.num);
      stack.push(target);
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value instanceof PdfDict || value instanceof PdfStream) {
      const dict = value instanceof PdfStream ? value.dict : value;
      for (const [key, v] of dict.entries) if (!NOT_DRAWN.has(key)) stack.push(v);
    }
  }
  return true;
}
