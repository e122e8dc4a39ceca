/**
 * What changed in a PDF after a signed revision. Allowed: new signatures, form filling, annotations, DSS and any
 * other objects that do not alter what the pages show. Disallowed: pages added, removed or reordered, and a page's
 * content streams, resources or geometry changed (ETSI EN 319 142-1 and ISO 32000-1 §12.8.2.2 give the same split).
 */
import type { PdfFile, XrefEntry } from './pdfFile';
import { PdfDict, PdfRef, PdfStream, serialize, type PdfValue } from './pdfObjects';

export type ChangesAfter = 'none' | 'allowed' | 'disallowed';

export interface ChangeReport {
  changesAfter: ChangesAfter;
  /** Short English reasons for a "disallowed" verdict, for logs and JSON output. */
  details: string[];
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

const GEOMETRY = ['MediaBox', 'CropBox', 'Rotate', 'UserUnit'];

/** A stable text form of a value with references followed one level (so an indirect array compares by content). */
function shallow(file: PdfFile, value: PdfValue | undefined): string {
  const v = file.resolve(value);
  if (v instanceof PdfStream) return `stream:${serialize(v.dict)}`;
  return v === null ? 'null' : serialize(v);
}

function refsIn(value: PdfValue, out: number[] = []): number[] {
  if (value instanceof PdfRef) out.push(value.num);
  else if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value instanceof PdfDict) for (const v of value.entries.values()) refsIn(v, out);
  return out;
}

export function compareRevisions(before: PdfFile, after: PdfFile): ChangeReport {
  const changed = changedObjects(before, after);
  if (changed.size === 0) return { changesAfter: before.size === after.size ? 'none' : 'allowed', details: [] };
  const details: string[] = [];
  // New encryption re-keys every object written before it: what was signed would no longer read the same.
  const encrypt = after.trailer.get('Encrypt');
  if (shallow(before, before.trailer.get('Encrypt')) !== shallow(after, encrypt) || (encrypt instanceof PdfRef && changed.has(encrypt.num))) {
    details.push('the encryption dictionary was replaced');
  }
  const pagesBefore = before.pageRefs();
  const pagesAfter = after.pageRefs();
  if (pagesBefore.map((p) => p.num).join(',') !== pagesAfter.map((p) => p.num).join(',')) {
    details.push(`pages changed: ${pagesBefore.length} before, ${pagesAfter.length} after`);
  }
  pagesBefore.forEach((ref, i) => {
    const old = before.dict(ref);
    const now = after.dict(ref);
    if (!old || !now) return;
    const label = `page ${i + 1}`;
    if (shallow(before, before.inherited(old, 'Contents')) !== shallow(after, after.inherited(now, 'Contents'))) details.push(`${label}: content streams replaced`);
    for (const key of GEOMETRY) {
      if (shallow(before, before.inherited(old, key)) !== shallow(after, after.inherited(now, key))) details.push(`${label}: /${key} changed`);
    }
    const resourcesOld = before.inherited(old, 'Resources');
    if (shallow(before, resourcesOld) !== shallow(after, after.inherited(now, 'Resources'))) details.push(`${label}: resources changed`);
    // The objects the page draws: its content streams and the fonts/images/forms its resources name.
    const contents = refsIn(old.get('Contents') ?? null);
    const contentArray = before.resolve(old.get('Contents'));
    if (Array.isArray(contentArray)) refsIn(contentArray, contents);
    const resourceDict = resourcesOld instanceof PdfDict ? resourcesOld : null;
    const drawn = [...contents, ...(resourceDict ? refsIn(resourceDict) : [])];
    for (const key of ['XObject', 'Font']) {
      const sub = before.dict(resourceDict?.get(key));
      if (sub) drawn.push(...refsIn(sub));
    }
    const rewritten = [...new Set(drawn)].filter((n) => changed.has(n));
    if (rewritten.length) details.push(`${label}: objects it draws were rewritten (${rewritten.slice(0, 5).join(', ')})`);
  });
  return { changesAfter: details.length ? 'disallowed' : 'allowed', details };
}
