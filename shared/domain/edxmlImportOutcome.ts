/**
 * What an edXML import came to, in the words the user reads: one sentence, a detail line and the document to open.
 * The register form's banner and the desktop app's dialog for a package opened from the file manager say the same.
 */
import type { Output } from '../contract';
import { msg, type MessageKey } from '../messages';
import { arrivalNumberText } from './arrivalNumber';
import { joinCode } from './documentCode';
import { PRIORITIES } from './documentTypes';
import { statusLabel } from './edxml';

export interface ImportOutcomeText {
  kind: 'success' | 'error';
  text: string;
  detail?: string;
  /** The document registered, or the one already in the register. */
  documentId?: string;
}

type FieldChange = Extract<Output<'exchange.import'>, { kind: 'updated' }>['changes'][number];

/** "Trích yếu nội dung: “…” → “…”; …": what an update (edXML business type 2) corrected, with its reason. */
export function describeUpdate(reason: string, changes: readonly FieldChange[]): string {
  const value = (field: string, v: string | number | null) => (v === null || v === '' ? '—' : field === 'priority' ? (PRIORITIES[Number(v)] ?? String(v)) : String(v));
  const lines = changes.map((c) => msg('exchange.updatedChange', { field: msg(`ui.field.${c.field}` as MessageKey), from: value(c.field, c.from), to: value(c.field, c.to) }));
  return msg('exchange.updatedDetail', { reason, changes: lines.length ? lines.join('; ') : msg('exchange.updatedNothing') });
}

export function describeImportOutcome(out: Output<'exchange.import'>): ImportOutcomeText {
  if (out.kind === 'registered') {
    const doc = out.document;
    return {
      kind: 'success',
      text: msg('ui.register.saved', { n: arrivalNumberText(doc.arrivalNumber) }),
      detail: [
        msg('ui.edxml.registeredDetail', { code: joinCode(doc.codeNumber, doc.codeNotation) || '—', organ: doc.organName, verdict: msg(`signingUi.verdict.${out.verdict}`) }),
        out.replaced.length ? msg('exchange.cli.replaced', { numbers: out.replaced.map((r) => `${arrivalNumberText(r.arrivalNumber)}/${r.year}`).join(', ') }) : '',
      ]
        .filter((line) => line !== '')
        .join(' '),
      documentId: doc.id,
    };
  }
  if (out.kind === 'updated') {
    const first = out.documents[0];
    return { kind: 'success', text: msg('exchange.updated'), detail: describeUpdate(out.reason, out.changes), ...(first ? { documentId: first.id } : {}) };
  }
  if (out.kind === 'recalled') {
    const first = out.documents[0];
    return { kind: 'success', text: msg('ui.edxml.recalled'), detail: out.reason, ...(first ? { documentId: first.id } : {}) };
  }
  // The sender learns why through the 02 status message, saved for the clerk to send back.
  if (out.kind === 'refused') return { kind: 'error', text: out.reason, detail: msg('ui.edxml.refusalSaved', { name: out.status.name }) };
  if (out.kind === 'duplicate') {
    const first = out.matches[0];
    return {
      kind: 'error',
      text: msg('ui.edxml.duplicate'),
      ...(first ? { detail: msg('ui.edxml.duplicateDetail', { n: arrivalNumberText(first.arrivalNumber), year: first.year, organ: first.organName }), documentId: first.id } : {}),
    };
  }
  return { kind: 'success', text: msg('exchange.cli.statusRecorded', { label: statusLabel(out.code), code: out.code, organId: out.organId }) };
}
