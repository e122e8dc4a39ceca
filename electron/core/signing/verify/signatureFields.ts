/**
 * The signatures of a PDF, gathered from every revision and not only the last one: a later incremental update can
 * drop an earlier signature's field, the whole /AcroForm, or point a field's /V elsewhere, and a verifier that reads
 * only the final form would then neither list nor judge that signature. The earlier revisions are found by walking
 * the cross-reference /Prev chain back, each one opened as the file's prefix up to its own %%EOF.
 */
import { createHash } from 'node:crypto';
import { PdfFile } from '../pdf/pdfFile';
import { PdfDict, PdfRef, PdfString, type PdfValue } from '../pdf/pdfObjects';

export interface FoundSignature {
  fieldName: string;
  dict: PdfDict;
  byteRange: [number, number, number, number];
  /** Where the signature is drawn: the widget's page (a reference) and /Rect; null for a field with no widget rectangle. */
  widget: { page: PdfRef | null; rect: number[] } | null;
  /** Present in an earlier revision's form, missing from the final one. */
  removed: boolean;
}

/** More revisions than any real document has; a bound against files crafted to make verification crawl. */
const MAX_REVISIONS = 1000;
const BACK_CHUNK = 64 * 1024;

/** Signature fields with a value, walking the AcroForm field tree (FT may be inherited from a parent). */
function signaturesInForm(file: PdfFile): Omit<FoundSignature, 'removed'>[] {
  const acroForm = file.dict(file.catalog().get('AcroForm'));
  const out: Omit<FoundSignature, 'removed'>[] = [];
  const seen = new Set<number>();
  const walk = (value: PdfValue, parentName: string, parentFt: string | undefined, depth: number): void => {
    if (depth > 32) return;
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
    }
    const node = file.dict(value);
    if (!node) return;
    const t = node.get('T');
    const fieldName = t instanceof PdfString ? (parentName ? `${parentName}.${t.text}` : t.text) : parentName;
    const ft = node.name('FT') ?? parentFt;
    const kids = file.resolve(node.get('Kids'));
    if (Array.isArray(kids)) kids.forEach((k) => walk(k, fieldName, ft, depth + 1));
    const v = file.dict(node.get('V'));
    if (ft === 'Sig' && v) {
      const br = file.resolve(v.get('ByteRange'));
      if (Array.isArray(br) && br.length === 4 && br.every((n) => typeof n === 'number')) {
        out.push({ fieldName, dict: v, byteRange: br as [number, number, number, number], widget: widgetOf(file, node, kids) });
      }
    }
  };
  const fields = file.resolve(acroForm?.get('Fields'));
  if (Array.isArray(fields)) fields.forEach((f) => walk(f, '', undefined, 0));
  return out;
}

/** The field's own rectangle when it is merged with its widget, else its first kid's. */
function widgetOf(file: PdfFile, field: PdfDict, kids: PdfValue | undefined): FoundSignature['widget'] {
  const candidates = [field, ...(Array.isArray(kids) ? kids.map((k) => file.dict(k)) : [])];
  for (const widget of candidates) {
    const rect = file.resolve(widget?.get('Rect'));
    if (widget && Array.isArray(rect) && rect.length === 4 && rect.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      const page = widget.get('P');
      return { page: page instanceof PdfRef ? page : null, rect: rect as number[] };
    }
  }
  return null;
}

/** One signature is the same in two revisions when its ranges and its CMS are: a swapped /V is another signature. */
function identity(sig: Omit<FoundSignature, 'removed'>): string {
  const contents = sig.dict.get('Contents');
  const cms = contents instanceof PdfString ? createHash('sha256').update(contents.bytes).digest('hex') : '-';
  return `${sig.byteRange.join(' ')}|${cms}`;
}

/** Offsets just past each "%%EOF" (and its end-of-line) before `before`, nearest first. */
function* eofsBefore(file: PdfFile, before: number): Generator<number> {
  let end = before;
  while (end > 0) {
    const start = Math.max(0, end - BACK_CHUNK);
    // Overlap by the marker's length so one split across two chunks is still seen.
    const text = file.read(start, Math.min(end + 4, file.size) - start).toString('latin1');
    for (let at = text.lastIndexOf('%%EOF', end - start - 1); at >= 0; at = at === 0 ? -1 : text.lastIndexOf('%%EOF', at - 1)) {
      const after = start + at + 5;
      const eol = file.read(after, 2).toString('latin1');
      yield after + (eol.startsWith('\r\n') ? 2 : /^[\r\n]/.test(eol) ? 1 : 0);
    }
    end = start;
  }
}

/**
 * The revision before `current`: the prefix ending at the last %%EOF before its newest cross-reference section whose
 * startxref is that section's /Prev. Null for the first revision, and for a /Prev pointing forward (the first-page
 * table of a linearized file, which belongs to the same revision as the main table it names).
 */
function previousRevision(path: string, current: PdfFile): PdfFile | null {
  const section = current.sections[0]!;
  const prev = section.trailer.get('Prev');
  if (typeof prev !== 'number' || prev >= section.offset) return null;
  for (const end of eofsBefore(current, section.offset)) {
    if (end <= prev) return null;
    let candidate: PdfFile;
    try {
      candidate = PdfFile.open(path, end);
    } catch {
      continue;
    }
    if (candidate.startxref === prev) return candidate;
    candidate.close();
  }
  return null;
}

/**
 * Every signature found in any revision's form, ordered by where its signed ranges end; `removed` marks those the
 * final revision no longer has. `final` stays open (the caller's); the earlier revisions are opened and closed here.
 */
export function signaturesOfEveryRevision(path: string, final: PdfFile): FoundSignature[] {
  const byIdentity = new Map<string, FoundSignature>();
  for (const sig of signaturesInForm(final)) byIdentity.set(identity(sig), { ...sig, removed: false });
  let current = final;
  for (let n = 0; n < MAX_REVISIONS; n++) {
    const earlier = previousRevision(path, current);
    if (current !== final) current.close();
    current = earlier ?? final;
    if (!earlier) break;
    try {
      for (const sig of signaturesInForm(earlier)) {
        const key = identity(sig);
        if (!byIdentity.has(key)) byIdentity.set(key, { ...sig, removed: true });
      }
    } catch {
      // A revision whose form cannot be read offers no signature; the ones before it may still have some.
    }
  }
  if (current !== final) current.close();
  return [...byIdentity.values()].sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}
