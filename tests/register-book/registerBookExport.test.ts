import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRegisterBook, registerBookFileName } from '../../electron/core/register-book/registerBookExport';
import type { OutgoingRegisterEntry, RegisterBookEntry } from '../../electron/core/register-book/registerBookEntry';
import { AppError } from '../../shared/errors';
import { makeBook, makeEntries, makeOutgoingBook, makeOutgoingEntries } from './registerBookFixtures';
import { run } from './pdfWords';

const OUT = join('tests', '.artifacts', 'register-book');

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('exportRegisterBook', () => {
  it('suggests an ASCII file name with the period', () => {
    expect(registerBookFileName(makeBook([]), 'pdf')).toBe('so-van-ban-den_2026-01-01_2026-12-31.pdf');
    expect(registerBookFileName({ from: '2026-03-01', to: '2026-03-31' }, 'xlsx')).toBe('so-van-ban-den_2026-03-01_2026-03-31.xlsx');
  });

  it('refuses an impossible or reversed period, in Vietnamese, for both formats', async () => {
    for (const format of ['pdf', 'xlsx'] as const) {
      for (const [from, to] of [['2026-02-30', '2026-03-01'], ['2026-12-31', '2026-01-01'], ['2026-1-1', '2026-12-31']] as const) {
        const error = await refusal(exportRegisterBook(makeBook([], from, to), format));
        expect(error.code).toBe('BAD_INPUT');
        expect(error.message).toContain('Khoảng thời gian in sổ không hợp lệ');
      }
    }
  });

  it('names the entry that is wrong and produces nothing', async () => {
    const entries = makeEntries(5);
    (entries[3] as RegisterBookEntry).handedOverDate = '2026-13-01';
    const bad = await refusal(exportRegisterBook(makeBook(entries), 'pdf'));
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toBe('Văn bản đến số 4 có dữ liệu không hợp lệ (Ngày chuyển). Chưa tạo sổ.');

    const outside = makeEntries(3);
    const late = await refusal(exportRegisterBook(makeBook(outside, '2026-01-01', '2026-01-31'), 'xlsx'));
    expect(late.message).toMatch(/^Văn bản đến số 2 có ngày đến \d\d\/\d\d\/2026 nằm ngoài khoảng in sổ/);

    const numberless = makeEntries(2);
    (numberless[1] as RegisterBookEntry).arrivalNumber = 0;
    expect((await refusal(exportRegisterBook(makeBook(numberless), 'pdf'))).message).toContain('(Số đến)');

    const nameless = { ...makeBook([]), organName: '  ' };
    expect((await refusal(exportRegisterBook(nameless, 'pdf'))).message).toContain('Chưa có tên cơ quan');
  });

  it('prints entries in order of arrival whatever order they come in, and decomposed titles composed', async () => {
    const entries = makeEntries(12).reverse();
    const book = { ...makeBook(entries), organName: 'Sở Nội vụ'.normalize('NFD') };
    const path = join(OUT, 'reversed.pdf');
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path, await exportRegisterBook(book, 'pdf'));
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('SỞ NỘI VỤ');
    const numbers = [...text.matchAll(/^\s*\d\d\/\d\d\/2026\s+(\d+)\s/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  // The full 20,000-entry year is measured by `npm run bench -- registerBook`; this guards the same path at a size the suite affords.
  it('writes a long book (2,000 entries, hundreds of pages) quickly and completely', async () => {
    const count = 2_000;
    const started = performance.now();
    const bytes = await exportRegisterBook(makeBook(makeEntries(count)), 'pdf');
    const seconds = (performance.now() - started) / 1000;
    const path = join(OUT, `long-${count}.pdf`);
    writeFileSync(path, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [path]))?.[1]);
    // Each row is two to six lines: a few rows per page.
    expect(pages).toBeGreaterThan(count / 12);
    expect(pages).toBeLessThan(count / 3);
    const last = run('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), path, '-']);
    expect(last).toMatch(new RegExp(`\\s${count}\\s`));
    expect(last).toContain(`Trang ${pages}/${pages}`);
    // About half a second on an idle machine; the bound only catches a return to per-string text shaping (minutes).
    expect(seconds).toBeLessThan(20);
  });
});

describe('exportRegisterBook of the outgoing register', () => {
  it('suggests its own file name', () => {
    expect(registerBookFileName(makeOutgoingBook([]), 'xlsx')).toBe('so-van-ban-di_2026-01-01_2026-12-31.xlsx');
  });

  it('names a wrong entry by its number and notation, in Vietnamese, and produces nothing', async () => {
    const entries = makeOutgoingEntries(5);
    (entries[2] as OutgoingRegisterEntry).dispatchedDate = '2026-02-30';
    const bad = await refusal(exportRegisterBook(makeOutgoingBook(entries), 'pdf'));
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toMatch(/^Văn bản đi 03\/\S+ có dữ liệu không hợp lệ \(Ngày chuyển\)\. Chưa tạo sổ\.$/);

    const late = await refusal(exportRegisterBook(makeOutgoingBook(makeOutgoingEntries(3), '2026-01-01', '2026-01-31'), 'xlsx'));
    expect(late.message).toMatch(/^Văn bản đi 02\/\S+ có ngày văn bản \d\d\/\d\d\/2026 nằm ngoài khoảng in sổ/);
  });

  it('lists entries by issue date, each sequence in number order, and prints no number range over two sequences', async () => {
    const entries = makeOutgoingEntries(4).map((e) => ({ ...e, issuedDate: '2026-05-04' }));
    const copy = { ...(entries[1] as OutgoingRegisterEntry), sequence: 'outgoing:copies', number: 1, codeNumber: '01', codeNotation: 'SY-UBND' };
    const path = join(OUT, 'outgoing-two-sequences.pdf');
    writeFileSync(path, await exportRegisterBook(makeOutgoingBook([copy, ...entries].reverse()), 'pdf'));
    const text = run('pdftotext', ['-layout', path, '-']);
    const codes = [...text.matchAll(/^\s*(\d\d\/[A-ZĐ]+-[A-Z]+)\s/gm)].map((m) => m[1]);
    // Sequences in the order of their ids ('outgoing' before 'outgoing:copies'), as the repository lists them.
    expect(codes).toEqual([...entries.map((e) => `${e.codeNumber}/${e.codeNotation}`), '01/SY-UBND']);
    expect(text).not.toContain('Từ số');
  });
});
