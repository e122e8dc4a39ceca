/**
 * The parts of a read package, once the schema has passed it: the message header as the register needs it, and each
 * file with its name and content id. Manifest references and attachments are matched by content id ("cid:" or not).
 */
import { EDXML_NAMESPACE, fromEdxmlDate, normalStatusCode } from '../../../shared/domain/edxml';
import type { StoredContent } from '../content/contentStore';
import type { EdxmlAttachmentInfo, EdxmlHeader, EdxmlOrgan, EdxmlStatus } from './edxmlMessage';
import type { XmlNode } from './edxmlReader';

const children = (node: XmlNode | undefined, name: string) => (node?.children ?? []).filter((c) => c.name === name && c.uri === EDXML_NAMESPACE);
const child = (node: XmlNode | undefined, name: string) => children(node, name)[0];
/** Trimmed text of a path below `node`; '' when absent. */
const text = (node: XmlNode | undefined, ...path: string[]) => path.reduce(child, node)?.text.trim().normalize('NFC') ?? '';
const numberOr = (value: string, fallback: number | null) => (value === '' ? fallback : Number(value));
const bareCid = (id: string) => id.trim().replace(/^cid:/i, '');

const organ = (node: XmlNode | undefined): EdxmlOrgan => ({ organId: text(node, 'OrganId'), name: text(node, 'OrganName') });

/** The status message the package is, or null when it is a document. */
export function statusOf(root: XmlNode): EdxmlStatus | null {
  const status = child(child(child(root, 'edXMLEnvelope'), 'edXMLHeader'), 'Status');
  if (!status) return null;
  return {
    responseFor: {
      organId: text(status, 'ResponseFor', 'OrganId'),
      code: text(status, 'ResponseFor', 'Code'),
      promulgationDate: fromEdxmlDate(text(status, 'ResponseFor', 'PromulgationDate')),
      documentId: text(status, 'ResponseFor', 'DocumentId'),
    },
    from: organ(child(status, 'From')),
    // The schema admits only known codes; 14, which one vendor writes for "agree", reads as 15.
    code: normalStatusCode(text(status, 'StatusCode'))!,
    description: text(status, 'Description'),
    timestamp: text(status, 'Timestamp'),
    staff: { department: text(status, 'StaffInfo', 'Department'), name: text(status, 'StaffInfo', 'Staff') },
  };
}

export function messageHeaderOf(root: XmlNode): EdxmlHeader {
  const header = child(child(root, 'edXMLEnvelope'), 'edXMLHeader');
  const m = child(header, 'MessageHeader');
  const trace = child(header, 'TraceHeaderList');
  const business = child(trace, 'Bussiness');
  const dueDate = text(m, 'DueDate');
  return {
    from: organ(child(m, 'From')),
    to: children(m, 'To').map(organ),
    codeNumber: text(m, 'Code', 'CodeNumber'),
    codeNotation: text(m, 'Code', 'CodeNotation'),
    place: text(m, 'PromulgationInfo', 'Place'),
    promulgationDate: fromEdxmlDate(text(m, 'PromulgationInfo', 'PromulgationDate')),
    type: Number(text(m, 'DocumentType', 'Type')),
    typeName: text(m, 'DocumentType', 'TypeName'),
    subject: text(m, 'Subject'),
    signer: { competence: text(m, 'SignerInfo', 'Competence'), position: text(m, 'SignerInfo', 'Position'), fullName: text(m, 'SignerInfo', 'FullName') },
    dueDate: dueDate ? fromEdxmlDate(dueDate) : null,
    toPlaces: children(child(m, 'ToPlaces'), 'Place').map((p) => p.text.trim()).filter(Boolean),
    priority: Number(text(m, 'OtherInfo', 'Priority')),
    promulgationAmount: numberOr(text(m, 'OtherInfo', 'PromulgationAmount'), null),
    pageAmount: numberOr(text(m, 'OtherInfo', 'PageAmount'), null),
    appendixes: children(child(child(m, 'OtherInfo'), 'Appendixes'), 'Appendix').map((a) => a.text.trim()).filter(Boolean),
    documentId: text(m, 'DocumentId'),
    business: Number(numberOr(text(business, 'BussinessDocType'), 0)),
    businessReason: text(business, 'BussinessDocReason'),
    businessDocumentId: text(business, 'DocumentId'),
    replacements: children(child(business, 'ReplacementInfoList'), 'ReplacementInfo').map((r) => ({
      documentId: text(r, 'DocumentId'),
      organIds: children(child(r, 'OrganIdList'), 'OrganId').map((o) => o.text.trim()),
    })),
    staff: { department: text(business, 'StaffInfo', 'Department'), name: text(business, 'StaffInfo', 'Staff') },
    trace: children(trace, 'TraceHeader').map((t) => ({ organId: text(t, 'OrganId'), timestamp: text(t, 'Timestamp') })),
  };
}

export type PackageFile = EdxmlAttachmentInfo & StoredContent;

/**
 * The package's files in the order they were attached, and the names of files the manifest references that the
 * package does not carry.
 */
export function packageFilesOf(root: XmlNode): { files: PackageFile[]; missing: string[] } {
  const manifest = child(child(child(root, 'edXMLEnvelope'), 'edXMLBody'), 'edXMLManifest');
  const files = children(child(root, 'AttachmentEncoded'), 'Attachment').map((a) => {
    const encoded = child(a, 'ContentTransferEncoded')!.stored!;
    return {
      contentId: bareCid(text(a, 'ContentId')),
      name: text(a, 'AttachmentName'),
      mime: text(a, 'ContentType'),
      description: text(a, 'Description'),
      hash: encoded.hash,
      size: encoded.size,
    };
  });
  const carried = new Set(files.map((f) => f.contentId));
  const missing = children(manifest, 'Reference')
    .filter((r) => !carried.has(bareCid(text(r, 'ContentId') || (r.attributes.href ?? ''))))
    .map((r) => text(r, 'AttachmentName'));
  return { files, missing };
}
