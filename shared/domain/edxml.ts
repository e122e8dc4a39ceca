/**
 * edXML of QCVN 102:2016/BTTTT (amended by Circular 01/2022/TT-BTTTT): the names and codes both ends of an exchange
 * agree on. resources/xml/edxml.xsd is the schema.
 */
import { msg } from '../messages';

export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** The package's dates are yyyy/MM/dd; the register's are ISO. */
export const toEdxmlDate = (iso: string) => iso.replaceAll('-', '/');
export const fromEdxmlDate = (date: string) => date.replaceAll('/', '-');

/** Bussiness/BussinessDocType: what a document message does. */
export const BUSINESS_TYPES = { new: 0, revocation: 1, update: 2, replacement: 3 } as const;

/**
 * Status codes: 01 arrived, 02 rejected, 03 accepted, 04 assigned, 05 in progress, 06 completed, 13 taken back by the
 * sender, 15 agree / 16 refuse an update or take-back; one vendor writes 14 for agree, read as 15.
 */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];
export const normalStatusCode = (code: string): StatusCode | null =>
  code === '14' ? '15' : (STATUS_CODES as readonly string[]).includes(code) ? (code as StatusCode) : null;

/** "Đã đến", "Đã hoàn thành", …: a status code in words; a code outside the standard's list stays as it is. */
export function statusLabel(code: string): string {
  const known = normalStatusCode(code);
  return known ? msg(`exchange.status.${known}`) : code;
}

/** DocumentType/Type: 1 legal normative, 2 administrative. */
export const documentKind = (legalNormative: boolean) => (legalNormative ? 1 : 2);

/** The sender's OrganId and the issue date a DocumentId names (`<OrganId>,<yyyy/MM/dd>,<number>/<notation>`). */
export function parseDocumentId(documentId: string): { organId: string; date: string; code: string } | null {
  const m = /^([^,]+),(\d{4}\/\d{2}\/\d{2}),(.+)$/.exec(documentId);
  return m ? { organId: m[1]!, date: fromEdxmlDate(m[2]!), code: m[3]! } : null;
}
