/**
 * What changed in a PDF after a signed revision. Allowed: new signatures, form filling, new annotations, DSS and any
 * other objects that do not alter what the pages show. Disallowed: pages added, removed or reordered; a page's
 * content streams, resources or geometry changed, or any object they draw with, however deep (ETSI EN 319 142-1 and
 * ISO 32000-1 §12.8.2.2 give the same split); and an annotation that existed at signing time modified or removed.
 *
 * Why existing annotations are frozen: the number and date the issuing signature writes are locked FreeText
 * annotations, and each signature's image is its widget's appearance. Were they free to change, "Số: 125" could be
 * rewritten after issuing, or another signer's image swapped, and every signature would still say "valid". What
 * people do after signing — add comments and stamps, fill form fields, sign further — needs no existing annotation
 * changed, except the widgets of form fields being filled (their /V, /AP, /AS) and of empty signature fields being
 * signed; those stay free, and so do popups, whose /Open flag viewers toggle. The catalog is frozen too, but for what
 * later signing writes (pdfCatalogChanges.ts). DocMDP P=3 would allow more; Vanthu does not certify documents, and
 * an approval signature promises the signed view.
 */
import { catalogChanges } from './pdfCatalogChanges';
import type { PdfFile, XrefEntry } from '../pdf/pdfFile';
import { PdfDict, PdfRef, PdfStream, serialize, type PdfValue } from '../pdf/pdfObjects';
import { reachObjects } from './pdfReach';

export type ChangesAfter = 'none' | 'allowed' | 'disallowed';

export interface ChangeReport {
  changesAfter: ChangesAfter;
  /** Short English reasons for a "disallowed" verdict, for logs and JSON output. */
  details: string[];
  /** Among the disallowed changes: pages or what they draw, and annotations present at signing time. */
  pagesChanged: boolean;
  annotationsChanged: boolean;
  /** The catalog's layers, actions, scripts and the like (see pdfCatalogChanges.ts). */
  catalogChanged: boolean;
}

function entryKey(entry: XrefEntry | undefined): string {
  if (!entry) return '-';
  if (entry.type === 1) return `1:${entry.offset}`;
  if (entry.type === 2) return `2:${entry.stream}:${entry.index}`;
  return '0';
}

/** Object numbers whose definition differs between the two revisions (new ones included). */
function changedObjects(before: PdfFile, after: PdfFile): Set<number> {
  const changed = new Set<number>();
  for (const [num, entry] of after.entries) {
    const old = before.entries.get(num);
    if (entryKey(old) !== entryKey(entry)) changed.add(num);
  }
  // An object kept in an object stream changes when that stream is rewritten.
  for (const [num, entry] of after.entries) {
    if (entry.type === 2 && changed.has(entry.stream)) changed.add(num);
  }
  return changed;
}

function sameStreamData(before: PdfFile, old: PdfStream, after: PdfFile, now: PdfStream): boolean {
  if (Buffer.from(before.rawStreamData(old)).equals(Buffer.from(after.rawStreamData(now)))) return true;
  // Encrypted with AES, the same data reads differently each time it is written (a fresh IV): compare it decoded.
  try {
    return Buffer.from(before.streamData(old)).equals(Buffer.from(after.streamData(now)));
  } catch {
    return false;
  }
}

/** Objects of the signed revision that a later one rewrote with a different value (a rewrite to the same bytes is none). */
function rewrittenObjects(before: PdfFile, after: PdfFile, changed: Set<number>): Set<number> {
  const out = new Set<number>();
  for (const num of changed) {
    const entry = before.entries.get(num);
    if (!entry || entry.type === 0) continue;
    let old: PdfValue;
    let now: PdfValue;
    try {
      old = before.get(num);
      now = after.get(num);
    } catch {
      out.add(num);
      continue;
    }
    const same =
      old instanceof PdfStream && now instanceof PdfStream
        ? serialize(old.dict) === serialize(now.dict) && sameStreamData(before, old, after, now)
        : !(old instanceof PdfStream) && !(now instanceof PdfStream) && serialize(old) === serialize(now);
    if (!same) out.add(num);
  }
  return out;
}

const GEOMETRY = ['MediaBox', 'CropBox', 'Rotate', 'UserUnit'];

/** A stable text form of a value with references followed one level (so an indirect array compares by content). */
function shallow(file: PdfFile, value: PdfValue | undefined): string {
  const v = file.resolve(value);
  if (v instanceof PdfStream) return `stream:${serialize(v.dict)}`;
  return v === null ? 'null' : serialize(v);
}

/** The field type and whether the field has a value, for a widget merged with its field or below it (§12.7.3.1). */
function fieldOf(file: PdfFile, widget: PdfDict): { ft: string | undefined; hasValue: boolean } {
  let ft: string | undefined;
  let hasValue = false;
  let node: PdfDict | null = widget;
  for (let depth = 0; node && depth < 32; depth++) {
    ft ??= node.name('FT');
    hasValue ||= node.has('V');
    node = file.dict(node.get('Parent'));
  }
  return { ft, hasValue };
}

/** Annotations that may change after signing without breaking it: see the module comment for why these only. */
function mayChange(file: PdfFile, annotation: PdfDict): boolean {
  const subtype = annotation.name('Subtype');
  if (subtype === 'Popup') return true;
  if (subtype !== 'Widget') return false;
  const { ft, hasValue } = fieldOf(file, annotation);
  return ft !== 'Sig' || !hasValue;
}

function annotsOf(file: PdfFile, page: PdfDict): PdfValue[] {
  const annots = file.resolve(page.get('Annots'));
  return Array.isArray(annots) ? annots : [];
}

export function compareRevisions(before: PdfFile, after: PdfFile): ChangeReport {
  const changed = changedObjects(before, after);
  if (changed.size === 0) return { changesAfter: before.size === after.size ? 'none' : 'allowed', details: [], pagesChanged: false, annotationsChanged: false, catalogChanged: false };
  const pages: string[] = [];
  const annotations: string[] = [];
  // New encryption re-keys every object written before it: what was signed would no longer read the same.
  const encrypt = after.trailer.get('Encrypt');
  if (shallow(before, before.trailer.get('Encrypt')) !== shallow(after, encrypt) || (encrypt instanceof PdfRef && changed.has(encrypt.num))) {
    pages.push('the encryption dictionary was replaced');
  }
  const pagesBefore = before.pageRefs();
  const pagesAfter = after.pageRefs();
  if (pagesBefore.map((p) => p.num).join(',') !== pagesAfter.map((p) => p.num).join(',')) {
    pages.push(`pages changed: ${pagesBefore.length} before, ${pagesAfter.length} after`);
  }
  const rewritten = rewrittenObjects(before, after, changed);
  // One visited set for the whole revision: pages sharing fonts and images walk them once.
  const visited = new Set<number>();
  let complete = true;
  const rewrittenAmong = (roots: PdfValue[]): number[] => {
    const hits: number[] = [];
    if (rewritten.size) complete = reachObjects(before, roots, visited, (n) => rewritten.has(n) && hits.push(n)) && complete;
    return hits;
  };
  pagesBefore.forEach((ref, i) => {
    const old = before.dict(ref);
    const now = after.dict(ref);
    if (!old || !now) return;
    const label = `page ${i + 1}`;
    if (shallow(before, before.inherited(old, 'Contents')) !== shallow(after, after.inherited(now, 'Contents'))) pages.push(`${label}: content streams replaced`);
    for (const key of GEOMETRY) {
      if (shallow(before, before.inherited(old, key)) !== shallow(after, after.inherited(now, key))) pages.push(`${label}: /${key} changed`);
    }
    const resources = before.inherited(old, 'Resources');
    if (shallow(before, resources) !== shallow(after, after.inherited(now, 'Resources'))) pages.push(`${label}: resources changed`);
    const drawn = rewrittenAmong([old.get('Contents') ?? null, resources]);
    if (drawn.length) pages.push(`${label}: objects it draws were rewritten (${drawn.slice(0, 5).join(', ')})`);

    const kept = annotsOf(after, now);
    const keptRefs = new Set(kept.flatMap((a) => (a instanceof PdfRef ? [a.num] : [])));
    const keptDirect = new Set(kept.flatMap((a) => (a instanceof PdfDict ? [serialize(a)] : [])));
    for (const annot of annotsOf(before, old)) {
      const dict = before.dict(annot);
      if (!dict) continue;
      const name = annot instanceof PdfRef ? `annotation ${annot.num} (${dict.name('Subtype') ?? '?'})` : `a direct ${dict.name('Subtype') ?? '?'} annotation`;
      const stays = annot instanceof PdfRef ? keptRefs.has(annot.num) : keptDirect.has(serialize(annot));
      if (!stays && dict.name('Subtype') !== 'Popup') annotations.push(`${label}: ${name} removed`);
      else if (stays && !mayChange(before, dict) && rewrittenAmong([annot]).length) annotations.push(`${label}: ${name} modified`);
    }
  });
  const catalog = catalogChanges(before, after, rewrittenAmong);
  if (!complete) pages.push('too many objects to compare');
  const details = [...pages, ...annotations, ...catalog];
  return {
    changesAfter: details.length ? 'disallowed' : 'allowed',
    details,
    pagesChanged: pages.length > 0,
    annotationsChanged: annotations.length > 0,
    catalogChanged: catalog.length > 0,
  };
}
