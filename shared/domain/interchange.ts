/**
 * A document under the interchange names of Decree 30 Appendix VI (the same names edXML uses), dates as YYYY-MM-DD:
 * what the command line prints with --json and what scripts read.
 */
import type { IncomingDocument } from '../contract';

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
    ToPlaces: d.toPlaces,
    DueDate: d.dueDate,
  };
}

/** `--set` names (case-insensitive) → field names of IncomingFields. */
export const INTERCHANGE_FIELDS: Record<string, string> = {
  arrivaldate: 'arrivalDate',
  organname: 'organName',
  codenumber: 'codeNumber',
  codenotation: 'codeNotation',
  issueddate: 'issuedDate',
  typename: 'typeName',
  subject: 'subject',
  'signerinfo.fullname': 'signerName',
  'signerinfo.position': 'signerPosition',
  place: 'place',
  priority: 'priority',
  secrecy: 'secrecy',
  pageamount: 'pageAmount',
  duedate: 'dueDate',
  toplaces: 'toPlaces',
  description: 'note',
  note: 'note',
  documentid: 'documentId',
  channel: 'channel',
};
