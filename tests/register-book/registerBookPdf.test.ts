import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingRegisterEntry, RegisterBook, RegisterBookEntry } from '../../electron/core/register-book/registerBookEntry';
import { exportRegisterBook } from '../../electron/core/register-book/registerBookExport';
import { makeBook, makeEntries, makeOutgoingBook, makeOutgoingEntries } from './registerBookFixtures';
import { pdfWords, run } from './pdfWords';
import { HEADERS, OUTGOING_HEADERS, OUTGOING_LAYOUT, readRegister, wholeRows, type ReadRegister } from './readRegister';

const OUT = join('tests', '.artifacts', 'register-book');

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

/** The ten cells of an outgoing entry as they must read, written out here rather than taken from the code under test. */
function expectedOutgoingCells(e: OutgoingRegisterEntry): string[] {
  const cells = [`${e.codeNumber}/${e.codeNotation}`, dmy(e.issuedDate), `${e.typeName} ${e.subject}`, e.signer, e.recipients, e.fileCopyHolder, String(e.copies ?? ''), dmy(e.dispatchedDate), '', e.note];
  return cells.map((c) => c.normalize('NFC'));
}

describe('outgoing register PDF', () => {
  const entries = makeOutgoingEntries(60);
  let path: string;
  let read: ReadRegister;
  let pages: number;

  beforeAll(async () => {
    path = await writeBook('outgoing-2026.pdf', makeOutgoingBook(entries));
    pages = pageCount(path);
    read = readRegister(pdfWords(path), OUTGOING_LAYOUT);
  });

  it('is a sound A4 landscape PDF with embedded subset fonts, on several pages', () => {
    expectSoundPdf(path);
    expect(pages).toBeGreaterThan(3);
  });

  it('repeats the ten outgoing headers in their legal order and the column numbers on every page', () => {
    expect(read.headers).toHaveLength(pages);
    for (const headers of read.headers) expect(headers).toEqual(OUTGOING_HEADERS);
    for (const numbers of read.numberRows) expect(numbers).toEqual(OUTGOING_HEADERS.map((_, i) => `(${i + 1})`));
    expect(read.pageLabels).toEqual(Array.from({ length: pages }, (_, i) => `Trang ${i + 1}/${pages}`));
  });

  it('has the title block and a row for 01/QĐ-UBND in the text layer', () => {
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).not.toMatch(/[\u0300-\u036f]/);
    for (const title of ['ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK', 'ỦY BAN NHÂN DÂN HUYỆN KRÔNG BÔNG', 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Năm 2026', `Từ số 1 đến số ${entries.length}`]) {
      expect(text).toContain(title);
    }
    expect(text).toMatch(/^\s*01\/QĐ-UBND\s+\d\d\/\d\d\/2026\s+Quyết định\s/m);
  });

  it('prints every entry, in order, each cell in its column, signer block and recall note included', () => {
    expect(read.rows.filter((r) => r.continues)).toEqual([]);
    read.rows.forEach((row, i) => {
      const expected = expectedOutgoingCells(entries[i] as OutgoingRegisterEntry);
      expect(row.cells.map(squash), `entry ${expected[0]}`).toEqual(expected.map(squash));
    });
    expect(read.rows).toHaveLength(entries.length);
    expect(read.rows.some((r) => r.cells[9]?.startsWith('Đã thu hồi:'))).toBe(true);
    expect(read.overflowing).toEqual([]);
  });

  it('renders with poppler', () => {
    run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', path, join(OUT, 'outgoing-2026')]);
  });
});

describe('edge cases of the outgoing register PDF', () => {
  it('names a row taller than a page by its number and notation on the pages it continues on', async () => {
    const entries = makeOutgoingEntries(4);
    const tall = entries[0] as OutgoingRegisterEntry;
    tall.subject = Array.from({ length: 160 }, (_, i) => `Đoạn ${i + 1}: nội dung trích yếu rất dài của văn bản.`).join(' ');
    const path = await writeBook('outgoing-tall-row.pdf', makeOutgoingBook(entries));
    const read = readRegister(pdfWords(path), OUTGOING_LAYOUT);
    const parts = read.rows.filter((r) => r.continues);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.map((p) => p.continuesNumber)).toEqual(parts.map(() => '01/QĐ-UBND'));
    const rows = wholeRows(read.rows);
    rows.forEach((row, i) => expect(row.cells.map(squash)).toEqual(expectedOutgoingCells(entries[i] as OutgoingRegisterEntry).map(squash)));
    expect(read.overflowing).toEqual([]);
  });

  it('prints an empty period with the outgoing headers and a "no documents" line', async () => {
    const path = await writeBook('outgoing-empty.pdf', makeOutgoingBook([], '2026-03-01', '2026-03-31'));
    expect(pageCount(path)).toBe(1);
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('Không có văn bản đi nào trong khoảng thời gian này.');
    expect(readRegister(pdfWords(path), OUTGOING_LAYOUT).headers).toEqual([OUTGOING_HEADERS]);
  });
});
