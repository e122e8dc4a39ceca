/**
 * A work file exported for the archive (Decree 30 Appendix VI: "export a file with its documents and metadata to PDF
 * and XML"): the PDF is a cover sheet (FileCode, title, dates, unit, owner, retention, counts), the table of its
 * documents under the Appendix VI fields, then each document's own pages; the XML package carries the same metadata
 * under the Appendix VI element names, each document with the SHA-256 and name of its file so the signed originals
 * can be matched to it. resources/xml/work-file.xsd describes the package.
 */
import { longVietnameseDate, shortVietnameseDate } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { msg } from '../../../shared/messages';
import type { FiledDocument, WorkFileDetail } from '../../../shared/contract';
import { loadBundledFont } from '../pdf/bundledFonts';
import { writeFormPdf } from '../pdf/formPdf';
import { mergePdfs, pdfPageCount } from '../pdf/mergePdfs';
import type { TextLine } from '../pdf/pdfWriter';
import { writeTablePdf } from '../pdf/tablePdf';
import { escapeXml } from '../xml/escapeXml';

const A4_PORTRAIT = [595, 842] as const;
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM };

export interface ExportOrg {
  organId: string;
  name: string;
}

/** A filed document with its PDF bytes (null: it has none on this computer). */
export interface ExportDocument extends FiledDocument {
  pageAmount: number | null;
  pdf: { hash: string; name: string; bytes: Uint8Array } | null;
}

/** "ho-so_000.12.34.H41.2026.01.QĐ.pdf" made ASCII-safe: the FileCode names the export. */
export function exportFileName(file: Pick<WorkFileDetail, 'fileCode'>, format: 'pdf' | 'xml'): string {
  const code = file.fileCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9.-]+/g, '-');
  return `${msg('workFile.fileStem')}_${code}.${format}`;
}

const docCode = (d: FiledDocument) => joinCode(d.codeNumber, d.codeNotation);

/** `pages`: each document's page count from its PDF (documentPageCounts), null where it has none or it cannot be read. */
export async function workFilePdf(
  file: WorkFileDetail,
  org: ExportOrg,
  docs: readonly ExportDocument[],
  pages: readonly (number | null)[],
  options: { fontsDirectory?: string } = {},
): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([
    loadBundledFont('LiberationSerif-Regular', options.fontsDirectory),
    loadBundledFont('LiberationSerif-Bold', options.fontsDirectory),
  ]);
  const pageTotal = docs.reduce((sum, d, i) => sum + (pages[i] ?? d.pageAmount ?? 0), 0);
  const info = { title: `${msg('workFile.pdf.title')} ${file.fileCode} — ${file.title}`, subject: file.title, author: org.name, creator: 'Vanthu', language: 'vi' };
  const body = (text: string, extra: Partial<TextLine> = {}): TextLine => ({ text, size: 13, position: 'left', gapBefore: 6, ...extra });
  const cover = await writeFormPdf({
    fonts: { regular, bold },
    pageSize: A4_PORTRAIT,
    margins: MARGINS,
    lines: [
      // The organisation is named in capitals over the left part, as on an official paper.
      { text: org.name.toLocaleUpperCase('vi'), size: 13, bold: true, position: 'heading', underline: true },
      { text: msg('workFile.pdf.title'), size: 28, bold: true, gapBefore: 120 },
      { text: file.title, size: 16, bold: true, gapBefore: 18 },
      body(msg('workFile.pdf.code', { code: file.fileCode }), { gapBefore: 60 }),
      body(msg('workFile.pdf.notation', { notation: file.notation })),
      body(msg('workFile.pdf.unit', { unit: file.unitName })),
      body(msg('workFile.pdf.owner', { owner: file.ownerName })),
      body(
        msg('workFile.pdf.dates', {
          from: longVietnameseDate(file.openedOn),
          to: file.closedOn ? longVietnameseDate(file.closedOn) : msg('workFile.pdf.open'),
        }),
      ),
      body(msg('workFile.pdf.retention', { term: file.retention || '—' })),
      body(msg('workFile.pdf.count', { count: docs.length, pages: pageTotal })),
      body(msg('workFile.pdf.online', { answer: msg(file.online ? 'workFile.pdf.yes' : 'workFile.pdf.no') })),
    ],
    pageLabel: () => '',
    labelSize: 10,
    info,
  });
  const contents = await writeTablePdf({
    fonts: { regular, bold },
    pageSize: A4_PORTRAIT,
    margins: { ...MARGINS, left: 20 * MM },
    title: [
      { text: msg('workFile.pdf.contents'), size: 14, bold: true },
      { text: msg('workFile.pdf.code', { code: file.fileCode }), size: 11 },
    ],
    columns: [
      { header: msg('workFile.pdf.col.ordinal'), width: 6, align: 'center' },
      { header: msg('workFile.pdf.col.code'), width: 16 },
      { header: msg('workFile.pdf.col.date'), width: 13, align: 'center' },
      { header: msg('workFile.pdf.col.organ'), width: 17 },
      { header: msg('workFile.pdf.col.subject'), width: 29 },
      { header: msg('workFile.pdf.col.pages'), width: 7, align: 'center' },
      { header: msg('workFile.pdf.col.note'), width: 14 },
    ],
    numberColumns: true,
    rows: docs.map((d, i) => [
      String(d.ordinal),
      docCode(d),
      d.issuedDate ? shortVietnameseDate(d.issuedDate) : '',
      d.organName || org.name,
      `${d.typeName}\n${d.subject}`,
      String(pages[i] ?? d.pageAmount ?? ''),
      [
        d.kind === 'incoming' ? msg('workFile.pdf.incoming', { number: d.arrivalNumber ?? '' }) : msg('workFile.pdf.outgoing'),
        !d.pdf ? msg('workFile.pdf.noPdf') : pages[i] === null ? msg('workFile.pdf.unreadable') : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ]),
    emptyText: msg('workFile.pdf.empty'),
    fontSize: 10,
    pageLabel: (page, total) => msg('workFile.pdf.page', { page, total }),
    info,
  });
  const documents = docs.filter((d, i) => d.pdf && pages[i] !== null).map((d) => d.pdf!.bytes);
  return mergePdfs([cover, contents, ...documents], info);
}

const XML_NAMESPACE = 'urn:vanthu:work-file:1';

const element = (indent: string, name: string, value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? [] : [`${indent}<${name}>${escapeXml(String(value))}</${name}>`];

/**
 * The XML package: <File> with the file's Appendix VI fields, then <Document> per filed document with its own (the
 * FileCode parts repeated, as the archive's document records carry them).
 */
export function workFileXml(file: WorkFileDetail, org: ExportOrg, docs: readonly ExportDocument[], pageCounts: readonly (number | null)[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<File xmlns="${XML_NAMESPACE}">`];
  const i1 = '  ';
  const i2 = '    ';
  const i3 = '      ';
  lines.push(
    ...element(i1, 'FileCode', file.fileCode),
    ...element(i1, 'OrganId', org.organId),
    ...element(i1, 'OrganName', org.name),
    ...element(i1, 'FileCatalog', file.year),
    ...element(i1, 'FileNotation', file.notation),
    ...element(i1, 'Title', file.title),
    ...element(i1, 'Maintenance', file.retention),
    ...element(i1, 'Language', 'Tiếng Việt'),
    ...element(i1, 'StartDate', file.openedOn),
    ...element(i1, 'EndDate', file.closedOn),
    ...element(i1, 'DocTotal', docs.length),
    ...element(i1, 'PageTotal', docs.reduce((sum, d, i) => sum + (pageCounts[i] ?? d.pageAmount ?? 0), 0)),
    ...element(i1, 'UnitName', file.unitName),
    ...element(i1, 'Creator', file.ownerName),
    ...element(i1, 'ProcessedOnline', file.online ? 'true' : 'false'),
    `${i1}<Documents>`,
  );
  docs.forEach((d, i) => {
    lines.push(
      `${i2}<Document>`,
      ...element(i3, 'FileCode', file.fileCode),
      ...element(i3, 'OrganId', org.organId),
      ...element(i3, 'FileCatalog', file.year),
      ...element(i3, 'FileNotation', file.notation),
      ...element(i3, 'DocOrdinal', d.ordinal),
      ...element(i3, 'Direction', d.kind === 'incoming' ? 'incoming' : 'outgoing'),
      ...element(i3, 'TypeName', d.typeName),
      ...element(i3, 'CodeNumber', d.codeNumber),
      ...element(i3, 'CodeNotation', d.codeNotation),
      ...element(i3, 'IssuedDate', d.issuedDate),
      ...element(i3, 'OrganName', d.organName || org.name),
      ...element(i3, 'Subject', d.subject),
      ...element(i3, 'Language', 'Tiếng Việt'),
      ...element(i3, 'PageAmount', pageCounts[i] ?? d.pageAmount),
      ...element(i3, 'ArrivalDate', d.kind === 'incoming' ? d.arrivalDate : null),
      ...element(i3, 'ArrivalNumber', d.kind === 'incoming' ? d.arrivalNumber : null),
      ...element(i3, 'FileName', d.pdf?.name),
      ...element(i3, 'FileHash', d.pdf?.hash),
      `${i2}</Document>`,
    );
  });
  lines.push(`${i1}</Documents>`, '</File>', '');
  return lines.join('\n');
}

export async function documentPageCounts(docs: readonly ExportDocument[]): Promise<(number | null)[]> {
  return Promise.all(docs.map(async (d) => (d.pdf ? pdfPageCount(d.pdf.bytes) : null)));
}
