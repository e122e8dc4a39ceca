import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegisterBook, RegisterBookEntry } from '../../electron/core/register-book/registerBookEntry';
import { exportRegisterBook } from '../../electron/core/register-book/registerBookExport';
import { makeBook, makeEntries } from './registerBookFixtures';
import { pdfWords, readingOrder, run, type PdfPageWords, type PdfWord } from './pdfWords';

const OUT = join('tests', '.artifacts', 'register-book');
const HEADERS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
];
// The register's left margin (20 mm for binding): where the table's first column begins.
const TABLE_LEFT = (20 * 72) / 25.4;
const BOTTOM_MARGIN = (15 * 72) / 25.4;

const dmy = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const squash = (s: string) => s.replace(/\s+/g, '');

/** What each of the ten cells must read, written out here rather than taken from the code under test. */
function expectedCells(e: RegisterBookEntry): string[] {
  const code = e.codeNumber ? `${e.codeNumber}/${e.codeNotation}` : e.codeNotation;
  const cells = [dmy(e.arrivalDate), String(e.arrivalNumber), e.organName, code, dmy(e.issuedDate), `${e.typeName} ${e.subject}`, e.recipients, dmy(e.handedOverDate), '', e.note];
  return cells.map((c) => c.normalize('NFC'));
}

/** Entries that exercise the edges: no document number, unknown date, not handed over, đ/Đ and every tone, markup characters. */
function edgeEntries(): RegisterBookEntry[] {
  return [
    {
      arrivalDate: '2026-12-30',
      arrivalNumber: 9001,
      organName: 'Ban Quản lý dự án Đầu tư & Xây dựng <khu vực> Đông Nam Bộ',
      codeNumber: '',
      codeNotation: 'Không số',
      issuedDate: '',
      typeName: 'Thư công',
      subject: 'Đề nghị đồng chí Đặng Văn Đức phối hợp; thanh điệu: ta tà tá tả tã tạ, ĐƯỜNG ĐỒNG ĐỨC ĐẠT',
      recipients: 'Đ/c Đỗ Thị Ánh Tuyết'.normalize('NFD'),
      handedOverDate: null,
      note: 'Ưu tiên',
    },
    {
      arrivalDate: '2026-12-31',
      arrivalNumber: 9002,
      organName: 'Bộ Nội vụ'.normalize('NFD'),
      codeNumber: '05',
      codeNotation: 'BNV-VP',
      issuedDate: '2026-12-29',
      typeName: 'Công văn',
      subject: 'V/v hướng dẫn lập hồ sơ và nộp lưu hồ sơ, tài liệu điện tử vào Lưu trữ cơ quan'.normalize('NFD'),
      recipients: 'Văn phòng',
      handedOverDate: '2026-12-31',
      note: '',
    },
  ];
}

interface ReadRow {
  page: number;
  cells: string[];
  /** True when the row began on an earlier page: a row taller than a page. */
  continues: boolean;
  /** The entry number a continued part names in its "Số đến" cell ("3 (tiếp)"). */
  continuesNumber?: string;
}

interface ReadRegister {
  headers: string[][];
  numberRows: string[][];
  rows: ReadRow[];
  pageLabels: string[];
  /** Words that stick out of their column or into the bottom margin. */
  overflowing: string[];
}

/**
 * Reads the register back from poppler's word boxes: the column number row "(1) … (10)" locates the columns, each
 * "Số đến" starts a row, and every other word lands in the column and row its box lies in.
 */
function readRegister(pages: PdfPageWords[]): ReadRegister {
  const result: ReadRegister = { headers: [], numberRows: [], rows: [], pageLabels: [], overflowing: [] };
  pages.forEach((page, index) => {
    const numberRow = page.words.filter((w) => /^\(\d+\)$/.test(w.text));
    const first = numberRow.find((w) => w.text === '(1)');
    if (!first) throw new Error(`page ${index + 1}: no column numbers`);
    const numbers = numberRow.filter((w) => Math.abs(w.yMin - first.yMin) < 1).sort((a, b) => a.xMin - b.xMin);
    result.numberRows.push(numbers.map((w) => w.text));
    // Column numbers are centred in their columns: each edge mirrors the previous one about a centre.
    const edges = [TABLE_LEFT];
    for (const w of numbers) edges.push(2 * ((w.xMin + w.xMax) / 2) - (edges[edges.length - 1] as number));
    const columnOf = (w: PdfWord) => {
      const column = edges.findIndex((edge, i) => i < edges.length - 1 && w.xMin >= edge - 0.5 && w.xMin < (edges[i + 1] as number));
      if (column < 0 || w.xMax > (edges[column + 1] as number) + 0.5) result.overflowing.push(`p${index + 1} "${w.text}"`);
      return column;
    };
    const footerTop = page.height - BOTTOM_MARGIN;
    const header = page.words.filter((w) => w.yMax <= first.yMin && w.yMin >= first.yMin - 38);
    result.headers.push(HEADERS.map((_, c) => readingOrder(header.filter((w) => columnOf(w) === c)).map((w) => w.text).join(' ')));
    const body = page.words.filter((w) => w.yMin > first.yMax && w.yMin < footerTop);
    result.pageLabels.push(page.words.filter((w) => w.yMin >= footerTop).map((w) => w.text).join(' '));
    for (const w of page.words) if (w.yMin < footerTop && w.yMax > footerTop) result.overflowing.push(`p${index + 1} "${w.text}" in the margin`);

    const starts = body.filter((w) => columnOf(w) === 1 && /^\d+$/.test(w.text)).map((w) => w.yMin).sort((a, b) => a - b);
    const pageRows: ReadRow[] = starts.map(() => ({ page: index + 1, cells: HEADERS.map(() => ''), continues: false }));
    const continuation: ReadRow = { page: index + 1, cells: HEADERS.map(() => ''), continues: true };
    for (const w of readingOrder(body)) {
      let rowIndex = -1;
      while (rowIndex + 1 < starts.length && (starts[rowIndex + 1] as number) <= w.yMin + 2) rowIndex++;
      const row = rowIndex < 0 ? continuation : (pageRows[rowIndex] as ReadRow);
      const column = columnOf(w);
      row.cells[column] = row.cells[column] ? `${row.cells[column]} ${w.text}` : w.text;
    }
    if (continuation.cells.some((c) => c !== '')) result.rows.push(continuation);
    for (const row of pageRows) {
      const marker = /^(\d+) \(tiếp\)$/.exec(row.cells[1] ?? '');
      if (marker) Object.assign(row, { continues: true, continuesNumber: marker[1] }, { cells: row.cells.map((c, i) => (i === 1 ? '' : c)) });
    }
    result.rows.push(...pageRows);
  });
  return result;
}

/** Joins continuation parts onto the row they continue. */
function wholeRows(rows: ReadRow[]): ReadRow[] {
  const whole: ReadRow[] = [];
  for (const row of rows) {
    const previous = whole[whole.length - 1];
    if (row.continues && previous) previous.cells = previous.cells.map((c, i) => [c, row.cells[i]].filter(Boolean).join(' '));
    else whole.push({ ...row, cells: [...row.cells] });
  }
  return whole;
}

async function writeBook(name: string, book: RegisterBook): Promise<string> {
  const path = join(OUT, name);
  writeFileSync(path, await exportRegisterBook(book, 'pdf'));
  return path;
}

function pageCount(path: string): number {
  const info = run('pdfinfo', [path]);
  expect(info).toMatch(/Page size:\s+842 x 595 pts \(A4\)/);
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

function expectSoundPdf(path: string): void {
  expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors');
  const fonts = run('pdffonts', [path]).split('\n').slice(2).filter((l) => l.trim() !== '');
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+LiberationSerif\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
}

beforeAll(() => mkdirSync(OUT, { recursive: true }));

describe('incoming register PDF', () => {
  const entries = [...makeEntries(150), ...edgeEntries()];
  let path: string;
  let read: ReadRegister;
  let pages: number;

  beforeAll(async () => {
    path = await writeBook('year-2026.pdf', makeBook(entries));
    pages = pageCount(path);
    read = readRegister(pdfWords(path));
  });

  it('is a sound A4 landscape PDF with embedded subset fonts', () => {
    expectSoundPdf(path);
    expect(pages).toBeGreaterThan(10);
  });

  it('repeats the ten headers and the column numbers on every page', () => {
    expect(read.headers).toHaveLength(pages);
    for (const headers of read.headers) expect(headers).toEqual(HEADERS);
    for (const numbers of read.numberRows) expect(numbers).toEqual(HEADERS.map((_, i) => `(${i + 1})`));
  });

  it('numbers every page "Trang x/y" with y the real page count', () => {
    expect(read.pageLabels).toEqual(Array.from({ length: pages }, (_, i) => `Trang ${i + 1}/${pages}`));
  });

  it('prints every entry, in order, each cell in its column, in composed (NFC) Vietnamese, no row split across pages', () => {
    expect(read.rows.filter((r) => r.continues)).toEqual([]);
    expect(read.rows.map((r) => r.cells[1])).toEqual(entries.map((e) => String(e.arrivalNumber)));
    read.rows.forEach((row, i) => {
      const expected = expectedCells(entries[i] as RegisterBookEntry);
      expect(row.cells.map(squash), `entry ${expected[1]}`).toEqual(expected.map(squash));
    });
    expect(read.overflowing).toEqual([]);
  });

  it('keeps the layout text readable: title block, then numbers and notations in order', () => {
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).not.toMatch(/[\u0300-\u036f]/);
    for (const title of ['ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK', 'SỞ NỘI VỤ', 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', 'Năm 2026', 'Từ số 1 đến số 9002']) {
      expect(text).toContain(title);
    }
    let at = 0;
    for (const e of entries) {
      const line = new RegExp(`${dmy(e.arrivalDate)}\\s+${e.arrivalNumber}\\s.*?${e.codeNumber ? `${e.codeNumber}/` : ''}${e.codeNotation.normalize('NFC')}`, 'g');
      line.lastIndex = at;
      const found = line.exec(text);
      expect(found, `entry ${e.arrivalNumber}`).not.toBeNull();
      at = line.lastIndex;
    }
  });

  it('renders with poppler', () => {
    run('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '2', path, join(OUT, 'year-2026')]);
  });
});

describe('edge cases of the incoming register PDF', () => {
  it('splits a row taller than a page cleanly across pages, text complete and in order', async () => {
    const entries = makeEntries(6);
    const tall = entries[2] as RegisterBookEntry;
    tall.subject = Array.from({ length: 160 }, (_, i) => `Đoạn ${i + 1}: nội dung trích yếu rất dài của văn bản.`).join(' ');
    const path = await writeBook('tall-row.pdf', makeBook(entries));
    expectSoundPdf(path);
    const pages = pageCount(path);
    expect(pages).toBeGreaterThanOrEqual(3);
    const read = readRegister(pdfWords(path));
    expect(read.headers.every((h) => h.join('|') === HEADERS.join('|'))).toBe(true);
    // The tall row starts a page of its own, fills pages, and the entries after it follow on the last part's page.
    const parts = read.rows.filter((r) => r.continues);
    expect(parts.length).toBe(pages - 2);
    // Each continued part names its entry.
    expect(parts.map((p) => p.continuesNumber)).toEqual(parts.map(() => String(tall.arrivalNumber)));
    const rows = wholeRows(read.rows);
    expect(rows.map((r) => r.cells[1])).toEqual(entries.map((e) => String(e.arrivalNumber)));
    rows.forEach((row, i) => expect(row.cells.map(squash)).toEqual(expectedCells(entries[i] as RegisterBookEntry).map(squash)));
    expect(read.overflowing).toEqual([]);
    expect(read.pageLabels).toEqual(Array.from({ length: pages }, (_, i) => `Trang ${i + 1}/${pages}`));
  });

  it('prints characters the font lacks as "?" and drops control characters, without breaking the row', async () => {
    const [entry] = makeEntries(1);
    Object.assign(entry as RegisterBookEntry, { note: 'Mã\u0007 QR\t中文 😀', recipients: 'Văn phòng\r\nPhòng Tổng hợp' });
    const path = await writeBook('odd-characters.pdf', makeBook([entry as RegisterBookEntry]));
    expectSoundPdf(path);
    const [row] = readRegister(pdfWords(path)).rows;
    expect(row?.cells[9]).toBe('Mã QR ?? ?');
    expect(row?.cells[6]).toBe('Văn phòng Phòng Tổng hợp');
  });

  it('prints an empty period as one page with the title, the headers and a "no documents" line', async () => {
    const path = await writeBook('empty.pdf', makeBook([], '2026-03-01', '2026-03-31'));
    expectSoundPdf(path);
    expect(pageCount(path)).toBe(1);
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(text).toContain('Không có văn bản đến nào trong khoảng thời gian này.');
    expect(text).not.toContain('Từ số');
    const read = readRegister(pdfWords(path));
    expect(read.headers).toEqual([HEADERS]);
    expect(read.pageLabels).toEqual(['Trang 1/1']);
  });
});
