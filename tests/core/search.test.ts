import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, FIXED_NOW, fields, openTestCore } from '../support/coreFixture';

let core: Core;
let dispose: () => void;

const DOCS = [
  { codeNumber: '15', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', subject: 'Quyết định phê duyệt kế hoạch sử dụng đất năm 2027' },
  { codeNumber: '16', codeNotation: 'STC-NS', typeName: 'Công văn', subject: 'V/v hướng dẫn lập dự toán ngân sách năm 2027', organName: 'Sở Tài chính tỉnh Hà Tĩnh' },
  { codeNumber: '17', codeNotation: 'GM-UBND', typeName: 'Giấy mời', subject: 'Mời dự hội nghị tổng kết công tác văn thư, lưu trữ', priority: 1 },
  { codeNumber: '18', codeNotation: 'TB-VP', typeName: 'Thông báo', subject: 'Thông báo lịch tiếp công dân tháng 12', arrivalDate: '2025-12-10', issuedDate: '2025-12-09' },
];

beforeAll(async () => {
  ({ core, dispose } = await openTestCore({
    now: FIXED_NOW,
    analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: 'Điều 1. Giao Phòng Tài nguyên và Môi trường thực hiện đo đạc địa chính' }),
  }));
  for (const d of DOCS) await call(core, 'incoming.register', { fields: fields(d), attachments: [] });
  const pdf = await core.stage(Buffer.from('%PDF-1.7\n'), 'qd.pdf');
  await call(core, 'incoming.register', {
    fields: fields({ codeNumber: '19', codeNotation: 'QĐ-STNMT', typeName: 'Quyết định', subject: 'Quyết định giao nhiệm vụ' }),
    attachments: [{ hash: pdf.hash, name: pdf.name }],
  });
});
afterAll(() => dispose());

async function search(query: string, filter: Record<string, unknown> = {}) {
  const result = await call(core, 'incoming.list', { filter: { query, ...filter } });
  return result.rows.map((r) => r.codeNumber);
}

describe('full-text search with Vietnamese folding', () => {
  it('"quyet dinh" finds "Quyết định"', async () => {
    expect((await search('quyet dinh')).sort()).toEqual(['15', '19']);
  });
  it('"dat" finds "đất" and "Đ" folds to "d"', async () => {
    expect(await search('dat')).toContain('15');
    expect(await search('DIA CHINH')).toEqual(['19']);
  });
  it('NFD input finds NFC text', async () => {
    expect(await search('ngân sách'.normalize('NFD'))).toEqual(['16']);
  });
  it('searches the text of attached PDFs', async () => {
    expect(await search('do dac')).toEqual(['19']);
  });
  it('matches the last word as a prefix while typing', async () => {
    expect(await search('hoi ngh')).toEqual(['17']);
  });
  it('combines a query with year and type filters', async () => {
    expect(await search('quyet', { year: 2026, typeName: 'Quyết định' })).toEqual(expect.arrayContaining(['15', '19']));
    expect(await search('thong bao', { year: 2026 })).toEqual([]);
    expect(await search('thong bao', { year: 2025 })).toEqual(['18']);
  });
  it('puts the best match first', async () => {
    // "kế hoạch sử dụng đất" is the whole point of 15, a passing word elsewhere.
    expect((await search('ke hoach su dung dat'))[0]).toBe('15');
  });
  it('takes a one-letter last word as typed, not as the prefix of every word with that letter', async () => {
    expect(await search('quyet d')).toEqual([]);
    expect((await search('quyet di')).sort()).toEqual(['15', '19']);
  });
  it('answers a type filter with exactly that type, not another spelling that folds the same', async () => {
    expect(await search('quyet', { typeName: 'Quyet dinh' })).toEqual([]);
  });
  it('counts matches in the index alone when no table filter applies', async () => {
    const result = await call(core, 'incoming.list', { filter: { query: 'nam 2027' } });
    expect(result).toMatchObject({ total: 2, totalCapped: false });
  });
  it('finds nothing for punctuation only, without error', async () => {
    expect(await search('  ...  ')).toEqual([]);
  });
});

describe('list filters and sorting', () => {
  it('sorts by Số đến, newest first by default', async () => {
    const rows = (await call(core, 'incoming.list', { filter: { year: 2026 } })).rows;
    expect(rows.map((r) => r.arrivalNumber)).toEqual([4, 3, 2, 1]);
  });
  it('filters by urgency, date range and issuing body', async () => {
    expect((await call(core, 'incoming.list', { filter: { priority: 1 } })).rows.map((r) => r.codeNumber)).toEqual(['17']);
    expect((await call(core, 'incoming.list', { filter: { from: '2025-01-01', to: '2025-12-31' } })).total).toBe(1);
    expect((await call(core, 'incoming.list', { filter: { organName: 'Sở Tài chính tỉnh Hà Tĩnh' } })).total).toBe(1);
  });
  it('pages with offset and limit and reports the total', async () => {
    const page = await call(core, 'incoming.list', { sort: { by: 'arrivalDate', dir: 'asc' }, offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.rows).toHaveLength(2);
  });
  it('reports the totals of the whole register and of one year', async () => {
    expect((await call(core, 'incoming.list', {})).total).toBe(5);
    expect((await call(core, 'incoming.list', { filter: { year: 2026 } })).total).toBe(4);
    expect((await call(core, 'incoming.list', { filter: { year: 2025 } })).total).toBe(1);
    expect((await call(core, 'incoming.list', { filter: { year: 2019 } })).total).toBe(0);
  });
  it('proposes issuing bodies already seen, by prefix', async () => {
    expect(await call(core, 'incoming.organNames', { prefix: 'Sở Tài' })).toEqual([
      'Sở Tài chính tỉnh Hà Tĩnh',
      'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh',
    ]);
  });
});

describe('the last word while typing', () => {
  let own: Core;
  let close: () => void;
  beforeAll(async () => {
    ({ core: own, dispose: close } = await openTestCore({ now: FIXED_NOW }));
    await call(own, 'incoming.register', { fields: fields({ codeNumber: '31', subject: 'Bảng lương tháng 11' }), attachments: [] });
    await call(own, 'incoming.register', { fields: fields({ codeNumber: '32', subject: 'Ban chỉ đạo phòng, chống thiên tai' }), attachments: [] });
  });
  afterAll(() => close());
  const codes = async (query: string) => (await call(own, 'incoming.list', { filter: { query } })).rows.map((r) => r.codeNumber).sort();

  it('is the word itself when the register has that word', async () => {
    expect(await codes('ban')).toEqual(['32']);
    expect(await codes('bang')).toEqual(['31']);
  });
  it('is the start of longer words when it is no word yet', async () => {
    expect(await codes('luon')).toEqual(['31']);
    expect(await codes('thien ta')).toEqual(['32']);
  });
});

describe('large results', () => {
  let own: Core;
  let close: () => void;
  beforeAll(async () => {
    ({ core: own, dispose: close } = await openTestCore({ now: FIXED_NOW }));
    const items = Array.from({ length: 1100 }, (_, i) => ({
      fields: fields({ codeNumber: String(i + 1), subject: `Báo cáo tiến độ giải ngân đợt ${i + 1}` }),
      attachments: [],
    }));
    await own.incoming.registerMany(items, null);
  });
  afterAll(() => close());
  const list = (extra: Record<string, unknown>) => call(own, 'incoming.list', { filter: { query: 'giai ngan' }, ...extra });

  it('stops counting at a thousand and says so', async () => {
    expect(await list({})).toMatchObject({ total: 1000, totalCapped: true });
  });
  it('shows a large result newest first, page after page, past the count cap', async () => {
    const numbers = async (offset: number) => (await list({ offset, limit: 100 })).rows.map((r) => r.arrivalNumber);
    expect(await numbers(0)).toEqual(Array.from({ length: 100 }, (_, i) => 1100 - i));
    expect(await numbers(950)).toEqual(Array.from({ length: 100 }, (_, i) => 150 - i));
    expect(await numbers(1050)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
  });
  it('sorts a large result when asked', async () => {
    const rows = (await list({ sort: { by: 'arrivalNumber', dir: 'asc' }, limit: 3 })).rows;
    expect(rows.map((r) => r.arrivalNumber)).toEqual([1, 2, 3]);
  });
});

describe('the years the register holds', () => {
  it('are every year with a document, however old, newest first, and always the current year', async () => {
    const opened = await openTestCore({ now: FIXED_NOW });
    try {
      expect(await call(opened.core, 'incoming.years', {})).toEqual([2026]);
      for (const [i, year] of [2015, 2019, 2015].entries()) {
        const date = `${year}-06-0${i + 1}`;
        await call(opened.core, 'incoming.register', { fields: fields({ codeNumber: String(i + 1), arrivalDate: date, issuedDate: date }), attachments: [] });
      }
      expect((await call(opened.core, 'incoming.list', {})).total).toBe(3);
      expect(await call(opened.core, 'incoming.years', {})).toEqual([2026, 2019, 2015]);
    } finally {
      opened.dispose();
    }
  });
});
