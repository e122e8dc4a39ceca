/**
 * A document under the interchange names of Decree 30 Appendix VI (the same names edXML uses), dates as YYYY-MM-DD:
 * what the command line prints with --json and what scripts read.
 */
import type { IncomingDocument, OutgoingSummary, RecipientView } from '../contract';

export function incomingToInterchange(d: IncomingDocument) {
  return {
    id: d.id,
    ArrivalNumber: d.arrivalNumber,
    ArrivalDate: d.arrivalDate,
    OrganName: d.organName,
    CodeNumber: d.codeNumber,
    CodeNotation: d.codeNotation,
    IssuedDate: d.issuedDate,
    TypeName: d.typeName,
    Subject: d.subject,
    SignerInfo: { Position: d.signerPosition, FullName: d.signerName },
    Priority: d.priority,
    PageAmount: d.pageAmount,
    Description: d.note,
    ToPlaces: d.toPlaces,
    DueDate: d.dueDate,
  };
}

/** An outgoing document under the same names (Appendix VI, outgoing part), with its state in the workflow. */
export function outgoingToInterchange(d: OutgoingSummary & { recipients: RecipientView[] }) {
  return {
    id: d.id,
    status: d.status,
    CodeNumber: d.codeNumber,
    CodeNotation: d.codeNotation,
    IssuedDate: d.issuedDate,
    TypeName: d.typeName,
    Subject: d.subject,
    SignerInfo: { Competence: d.signerAuthority, Position: d.signerPosition, FullName: d.signerName },
    To: d.recipients.map((r) => ({ OrganId: r.organId, OrganName: r.name })),
    ToPlaces: d.toPlaces,
    Priority: d.priority,
    IssuedAmount: d.issuedAmount,
    DueDate: d.dueDate,
  };
}

/** Field of IncomingFields → its interchange name, as `--set` takes it and as the command line names it in errors. */
export const INTERCHANGE_NAMES: Record<string, string> = {
  arrivalDate: 'ArrivalDate',
  organName: 'OrganName',
  codeNumber: 'CodeNumber',
  codeNotation: 'CodeNotation',
  issuedDate: 'IssuedDate',
  typeName: 'TypeName',
  subject: 'Subject',
  signerName: 'SignerInfo.FullName',
  signerPosition: 'SignerInfo.Position',
  place: 'Place',
  priority: 'Priority',
  secrecy: 'Secrecy',
  pageAmount: 'PageAmount',
  dueDate: 'DueDate',
  toPlaces: 'ToPlaces',
  note: 'Description',
  documentId: 'DocumentId',
  channel: 'Channel',
};

/** `--set` names (case-insensitive) → field names of IncomingFields; "note" is accepted beside Description. */
export const INTERCHANGE_FIELDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(INTERCHANGE_NAMES).map(([field, name]) => [name.toLowerCase(), field])),
  note: 'note',
};
