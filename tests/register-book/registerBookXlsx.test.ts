import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRegisterBook } from '../../electron/core/register-book/registerBookExport';
import type { OutgoingRegisterEntry, RegisterBookEntry } from '../../electron/core/register-book/registerBookEntry';
import { HEADERS, OUTGOING_HEADERS } from './readRegister';
import { makeBook, makeEntries, makeOutgoingBook, makeOutgoingEntries } from './registerBookFixtures';

const OUT = join('tests', '.artifacts', 'register-book');
const HEADER_ROW = 6;

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0] as ExcelJS.Worksheet;
}

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('incoming register XLSX', () => {
  const entries = makeEntries(60);
  (entries[4] as RegisterBookEntry).handedOverDate = null;
  Object.assign(entries[5] as RegisterBookEntry, { codeNumber: '', codeNotation: 'Không số', issuedDate: '' });
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const bytes = await exportRegisterBook(makeBook(entries), 'xlsx');
    writeFileSync(join(OUT, 'year-2026.xlsx'), bytes);
    sheet = await readBack(bytes);
  });

  it('has the title block and the ten headers with their column numbers', () => {
    expect(sheet.getCell(1, 1).value).toBe('ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK');
    expect(sheet.getCell(2, 1).value).toBe('SỞ NỘI VỤ');
    expect(sheet.getCell(3, 1).value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(sheet.getCell(4, 1).value).toBe('Năm 2026');
    expect(HEADERS.map((_, i) => sheet.getCell(HEADER_ROW, i + 1).value)).toEqual(HEADERS);
    expect(HEADERS.map((_, i) => sheet.getCell(HEADER_ROW + 1, i + 1).value)).toEqual(HEADERS.map((_, i) => `(${i + 1})`));
  });

  it('stores dates as real dates shown dd/mm/yyyy, numbers as numbers, text composed (NFC)', () => {
    entries.forEach((e, i) => {
      const row = sheet.getRow(HEADER_ROW + 2 + i);
      const arrival = row.getCell(1);
      expect(arrival.value).toEqual(utcDate(e.arrivalDate));
      expect(arrival.type).toBe(ExcelJS.ValueType.Date);
      expect(arrival.numFmt).toBe('dd/mm/yyyy');
      expect(row.getCell(2).value).toBe(e.arrivalNumber);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(3).value).toBe(e.organName.normalize('NFC'));
      const code = e.codeNumber ? `${e.codeNumber}/${e.codeNotation}` : e.codeNotation;
      expect(row.getCell(4).value).toBe(code.normalize('NFC'));
      expect(row.getCell(5).value).toEqual(e.issuedDate ? utcDate(e.issuedDate) : null);
      expect(row.getCell(6).value).toBe(`${e.typeName}\n${e.subject}`.normalize('NFC'));
      expect(row.getCell(6).alignment?.wrapText).toBe(true);
      expect(row.getCell(7).value).toBe(e.recipients.normalize('NFC'));
      expect(row.getCell(8).value).toEqual(e.handedOverDate ? utcDate(e.handedOverDate) : null);
      expect(row.getCell(9).value).toBeNull();
      expect(row.getCell(10).value).toBe(e.note === '' ? null : e.note.normalize('NFC'));
    });
    expect(sheet.rowCount).toBe(HEADER_ROW + 1 + entries.length);
  });

  it('gives each row the height its wrapped text needs, since spreadsheet programs do not on opening', () => {
    const heights = entries.map((_, i) => sheet.getRow(HEADER_ROW + 2 + i).height);
    // Type name and summary are two lines at least: 12 pt lines are 15.75 pt high.
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(2 * 15.75);
    const longest = entries.reduce((best, e, i) => (e.subject.length > (entries[best] as RegisterBookEntry).subject.length ? i : best), 0);
    const shortest = entries.reduce((best, e, i) => (e.subject.length < (entries[best] as RegisterBookEntry).subject.length ? i : best), 0);
    // The longest summary (about 400 characters in a 48-character column) needs many more lines than the shortest.
    expect(heights[longest]).toBeGreaterThanOrEqual(6 * 15.75);
    expect(heights[longest]).toBeGreaterThan(heights[shortest] as number);
    expect(sheet.getRow(HEADER_ROW).height).toBeGreaterThanOrEqual(2 * 15.75);
  });

  it('prints on A4 landscape, fit to width, header rows repeated, header frozen', () => {
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.fitToHeight).toBe(0);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW + 1}`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW + 1 });
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
    for (let c = 1; c <= 10; c++) expect(sheet.getColumn(c).width).toBeGreaterThan(5);
  });

  it('writes an empty period with the headers and a "no documents" line', async () => {
    const empty = await readBack(await exportRegisterBook(makeBook([], '2026-03-01', '2026-03-31'), 'xlsx'));
    expect(empty.getCell(4, 1).value).toBe('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(HEADERS.map((_, i) => empty.getCell(HEADER_ROW, i + 1).value)).toEqual(HEADERS);
    expect(empty.getCell(HEADER_ROW + 2, 1).value).toBe('Không có văn bản đến nào trong khoảng thời gian này.');
  });
});

describe('outgoing register XLSX', () => {
  const entries = makeOutgoingEntries(40);
  Object.assign(entries[3] as OutgoingRegisterEntry, { dispatchedDate: null, copies: null });
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const bytes = await exportRegisterBook(makeOutgoingBook(entries), 'xlsx');
    writeFileSync(join(OUT, 'outgoing-2026.xlsx'), bytes);
    sheet = await readBack(bytes);
  });

  it('has the outgoing title block, sheet name and the ten outgoing headers with their column numbers', () => {
    expect(sheet.name).toBe('Sổ văn bản đi');
    expect(sheet.getCell(2, 1).value).toBe('ỦY BAN NHÂN DÂN HUYỆN KRÔNG BÔNG');
    expect(sheet.getCell(3, 1).value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(sheet.getCell(5, 1).value).toBe(`Từ số 1 đến số ${entries.length}`);
    expect(OUTGOING_HEADERS.map((_, i) => sheet.getCell(HEADER_ROW, i + 1).value)).toEqual(OUTGOING_HEADERS);
    expect(OUTGOING_HEADERS.map((_, i) => sheet.getCell(HEADER_ROW + 1, i + 1).value)).toEqual(OUTGOING_HEADERS.map((_, i) => `(${i + 1})`));
    expect(sheet.getCell(HEADER_ROW, 11).value).toBeNull();
    expect(sheet.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW + 1}`);
  });

  it('writes each entry in the ten columns: dates as dates, copies as a number, the signer block on its lines', () => {
    entries.forEach((e, i) => {
      const row = sheet.getRow(HEADER_ROW + 2 + i);
      expect(row.getCell(1).value).toBe(`${e.codeNumber}/${e.codeNotation}`.normalize('NFC'));
      expect(row.getCell(2).value).toEqual(utcDate(e.issuedDate));
      expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy');
      expect(row.getCell(3).value).toBe(`${e.typeName}\n${e.subject}`.normalize('NFC'));
      expect(row.getCell(4).value).toBe(e.signer.normalize('NFC'));
      expect(row.getCell(5).value).toBe(e.recipients.normalize('NFC'));
      expect(row.getCell(6).value).toBe(e.fileCopyHolder.normalize('NFC'));
      expect(row.getCell(7).value).toBe(e.copies);
      expect(row.getCell(8).value).toEqual(e.dispatchedDate ? utcDate(e.dispatchedDate) : null);
      expect(row.getCell(9).value).toBeNull();
      expect(row.getCell(10).value).toBe(e.note === '' ? null : e.note.normalize('NFC'));
      // Three signer lines at the least.
      expect(row.height).toBeGreaterThanOrEqual(3 * 15.75);
    });
    expect(sheet.getRow(HEADER_ROW + 2).getCell(1).value).toBe('01/QĐ-UBND');
    expect(sheet.rowCount).toBe(HEADER_ROW + 1 + entries.length);
  });
});
