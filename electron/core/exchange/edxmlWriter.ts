/**
 * Writes an edXML document message as a stream: the envelope first, then each file read from disk and base64-encoded
 * piece by piece, so a package of any size costs a few hundred kilobytes of memory.
 */
import { createReadStream } from 'node:fs';
import { BUSINESS_TYPES, EDXML_NAMESPACE, toEdxmlDate } from '../../../shared/domain/edxml';
import { escapeXml } from '../xml/escapeXml';
import type { EdxmlAttachmentInfo, EdxmlHeader, EdxmlOrgan, EdxmlStatus } from './edxmlMessage';

const XLINK = 'http://www.w3.org/1999/xlink';
const READ_CHUNK = 3 * 64 * 1024;

type Node = [name: string, value: string | number | null | Node[]];

function render(nodes: Node[]): string {
  return nodes
    .map(([name, value]) => {
      if (value === null) return '';
      const inner = Array.isArray(value) ? render(value) : escapeXml(String(value));
      return `<edXML:${name}>${inner}</edXML:${name}>`;
    })
    .join('');
}

const organ = (o: EdxmlOrgan): Node[] => [
  ['OrganId', o.organId],
  ['OrganName', o.name],
];

function messageHeader(h: EdxmlHeader): Node[] {
  return [
    ['From', organ(h.from)],
    ...h.to.map((o): Node => ['To', organ(o)]),
    ['Code', [['CodeNumber', h.codeNumber], ['CodeNotation', h.codeNotation]]],
    ['PromulgationInfo', [['Place', h.place], ['PromulgationDate', toEdxmlDate(h.promulgationDate)]]],
    ['DocumentType', [['Type', h.type], ['TypeName', h.typeName]]],
    ['Subject', h.subject],
    ['SignerInfo', [['Competence', h.signer.competence], ['Position', h.signer.position], ['FullName', h.signer.fullName]]],
    ['DueDate', h.dueDate === null ? null : toEdxmlDate(h.dueDate)],
    ['ToPlaces', h.toPlaces.map((p): Node => ['Place', p])],
    [
      'OtherInfo',
      [
        ['Priority', h.priority],
        ['PromulgationAmount', h.promulgationAmount],
        ['PageAmount', h.pageAmount],
        ['Appendixes', h.appendixes.map((a): Node => ['Appendix', a])],
      ],
    ],
    ['DocumentId', h.documentId],
  ];
}

function traceHeaderList(h: EdxmlHeader): Node[] {
  return [
    ...h.trace.map((t): Node => ['TraceHeader', [['OrganId', t.organId], ['Timestamp', t.timestamp]]]),
    [
      'Bussiness',
      [
        ['BussinessDocType', h.business],
        ['BussinessDocReason', h.businessReason],
        // An update (2.2.3) says what it changes: the document's information (1), not its recipients (0).
        ['BussinessDocumentInfo', h.business === BUSINESS_TYPES.update ? [['DocumentInfo', 1], ['DocumentReceiver', 0]] : null],
        ['DocumentId', h.businessDocumentId || null],
        ['StaffInfo', [['Department', h.staff.department], ['Staff', h.staff.name]]],
        ['Paper', 0],
        [
          'ReplacementInfoList',
          h.replacements.length === 0
            ? null
            : h.replacements.map((r): Node => ['ReplacementInfo', [['DocumentId', r.documentId], ['OrganIdList', r.organIds.map((o): Node => ['OrganId', o])]]]),
        ],
      ],
    ],
  ];
}

const reference = (a: EdxmlAttachmentInfo) =>
  `<edXML:Reference xmlns:xlink="${XLINK}" xlink:href="cid:${escapeXml(a.contentId)}" xlink:type="simple">` +
  render([['AttachmentName', a.name], ['ContentType', a.mime], ['ContentId', `cid:${a.contentId}`], ['Description', a.description]]) +
  '</edXML:Reference>';

const attachmentHead = (a: EdxmlAttachmentInfo) =>
  `<Attachment><ContentType>${escapeXml(a.mime)}</ContentType><ContentId>${escapeXml(a.contentId)}</ContentId>` +
  `<Description>${escapeXml(a.description)}</Description><ContentTransferEncoded>`;

/** A file's base64, piece by piece: bytes past a multiple of 3 wait for the next piece, so no padding falls inside. */
async function* base64Of(file: string): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
    const bytes = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const whole = bytes.length - (bytes.length % 3);
    yield bytes.subarray(0, whole).toString('base64');
    rest = bytes.subarray(whole);
  }
  if (rest.length) yield rest.toString('base64');
}

/** The package's text and bytes in order, for `pipeline` into a file or the content store. */
export async function* edxmlDocument(header: EdxmlHeader, files: readonly (EdxmlAttachmentInfo & { path: string })[]): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NAMESPACE}">`;
  yield `<edXML:edXMLEnvelope xmlns:edXML="${EDXML_NAMESPACE}"><edXML:edXMLHeader>`;
  yield `<edXML:MessageHeader>${render(messageHeader(header))}</edXML:MessageHeader>`;
  yield `<edXML:TraceHeaderList>${render(traceHeaderList(header))}</edXML:TraceHeaderList>`;
  yield '</edXML:edXMLHeader><edXML:edXMLBody><edXML:edXMLManifest version="1.0">';
  for (const f of files) yield reference(f);
  yield '</edXML:edXMLManifest></edXML:edXMLBody></edXML:edXMLEnvelope>';
  yield '<AttachmentEncoded>';
  for (const f of files) {
    yield attachmentHead(f);
    yield* base64Of(f.path);
    yield `</ContentTransferEncoded><AttachmentName>${escapeXml(f.name)}</AttachmentName></Attachment>`;
  }
  yield '</AttachmentEncoded></edXML>\n';
}

/** A status message: a small envelope with a Status header and an empty manifest. */
export function edxmlStatus(status: EdxmlStatus): string {
  const r = status.responseFor;
  const header = render([
    [
      'Status',
      [
        ['ResponseFor', [['OrganId', r.organId], ['Code', r.code], ['PromulgationDate', toEdxmlDate(r.promulgationDate)], ['DocumentId', r.documentId]]],
        ['From', organ(status.from)],
        ['StatusCode', status.code],
        ['Description', status.description],
        ['Timestamp', status.timestamp],
        ['StaffInfo', [['Department', status.staff.department], ['Staff', status.staff.name]]],
      ],
    ],
  ]);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NAMESPACE}"><edXML:edXMLEnvelope xmlns:edXML="${EDXML_NAMESPACE}">` +
    `<edXML:edXMLHeader>${header}</edXML:edXMLHeader><edXML:edXMLBody/></edXML:edXMLEnvelope></edXML>\n`
  );
}
