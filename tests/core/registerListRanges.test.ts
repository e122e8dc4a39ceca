/**
 * Ranges of arrival dates with thousands of matches, sorted by issue date or deadline: their keys are sorted inside the
 * range index (migration 13) and only the page's rows read, and the total of a range over several years takes whole
 * years from the counts. Pages must come out as a plain sort of the rows does, and the totals as a plain count.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { createIncomingRepo, type IncomingRepo } from '../../electron/core/db/incomingRepo';
import type { ListFilter, ListInput, SortKey } from '../../shared/contract';
import { ListInput as ListInputSchema } from '../../shared/contract/schemas';
import { mulberry32 } from '../support/prng';
import { tempDir } from '../support/coreFixture';

/** 2025 is dense (its last four months alone hold more than the 2,000 matches gathered through rows); 2026 thinner. */
const YEARS: [number, number][] = [[2024, 1_500], [2025, 9_000], [2026, 2_500]];

let tmp: { dir: string; remove(): void };
let db: Db;
let statements: string[];
let repo: IncomingRepo;

beforeAll(() => {
  tmp = tempDir('vanthu-ranges-');
  db = openDatabase(path.join(tmp.dir, 'vanthu.db'));
  const rnd = mulberry32(13);
  const insert = db.prepare(
    `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, organ_name, duplicate_key, code_number,
       code_notation, issued_date, type_name, subject, signer_name, signer_position, place, priority, secrecy, due_date, to_places,
       note, document_id, channel, status, created_at)
     VALUES (@id, 'incoming', @year, @number, @arrival, 'Bộ Nội vụ', @id, @number, 'CV', @issued, 'Công văn', 'Trích yếu', '', '', '',
       0, 'none', @due, '', '', '', 'paper', 'registered', '2026-11-20T00:00:00.000Z')`,
  );
  const date = (year: number) => `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  db.transaction(() => {
    let i = 0;
    for (const [year, count] of YEARS) {
      for (let number = 1; number <= count; number++) {
        // Issue dates and deadlines with many ties, so that the registration order must break them.
        const arrival = date(year);
        insert.run({ id: `00000000-0000-4000-8000-${String(i++).padStart(12, '0')}`, year, number, arrival, issued: date(year), due: rnd() < 0.4 ? null : date(year) });
      }
    }
  })();
  statements = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => (statements.push(sql), target.prepare(sql));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  repo = createIncomingRepo(recording);
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const list = (input: Partial<ListInput>) => repo.list(ListInputSchema.parse(input));

const ORDER: Partial<Record<SortKey, string>> = { issuedDate: 'issued_date {d}, seq {d}', dueDate: 'due_date IS NULL, due_date {d}, seq {d}' };

function expected(filter: { from: string; to: string }, by: SortKey, dir: 'asc' | 'desc'): string[] {
  const order = ORDER[by]!.replaceAll('{d}', dir);
  return db
    .prepare<[string, string], string>(`SELECT id FROM incoming_documents NOT INDEXED WHERE arrival_date BETWEEN ? AND ? ORDER BY ${order}`)
    .pluck()
    .all(filter.from, filter.to);
}

const RANGES: { name: string; filter: { from: string; to: string } }[] = [
  { name: 'half a dense year', filter: { from: '2025-01-01', to: '2025-06-30' } },
  { name: 'the end of a dense year and most of the next', filter: { from: '2025-09-01', to: '2026-10-31' } },
  { name: 'three years cut at both ends', filter: { from: '2024-06-15', to: '2026-03-10' } },
];

describe('a long range of arrival dates sorted by another date', () => {
  it('pages as a plain sort does, by key and by offset, and counts as a plain count does', async () => {
    for (const { name, filter } of RANGES) {
      for (const by of ['issuedDate', 'dueDate'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const label = `${name}, ${by} ${dir}`;
          const all = expected(filter, by, dir);
          expect(all.length, label).toBeGreaterThan(2_000);
          const page = (input: { offset?: number; after?: string }) => list({ filter, sort: { by, dir }, limit: 100, ...input });
          const first = await page({});
          expect(first.total, label).toBe(all.length);
          expect(first.totalCapped, label).toBe(false);
          expect(first.rows.map((r) => r.id), label).toEqual(all.slice(0, 100));
          // Past the deadlines into the documents without one, by key from a row and by an offset.
          const at = Math.floor(all.length * 0.65);
          expect((await page({ after: all[at - 1] })).rows.map((r) => r.id), label).toEqual(all.slice(at, at + 100));
          expect((await page({ offset: at })).rows.map((r) => r.id), label).toEqual(all.slice(at, at + 100));
        }
      }
    }
    // The dense parts were gathered through the range index, keys first.
    expect(statements.some((sql) => /WHERE d\.seq IN \(SELECT d\.seq FROM incoming_documents d INDEXED BY incoming_by_arrival_range/.test(sql))).toBe(true);
  });

  it('states the total of a range over several years exactly', async () => {
    const total = async (filter: ListFilter) => (await list({ filter, sort: { by: 'issuedDate', dir: 'desc' }, limit: 1 })).total;
    const count = db.prepare<[string, string], number>('SELECT count(*) FROM incoming_documents WHERE arrival_date BETWEEN ? AND ?').pluck();
    expect(await total({ from: '2024-06-15', to: '2026-03-10' })).toBe(count.get('2024-06-15', '2026-03-10'));
    expect(await total({ from: '2024-01-01', to: '2026-12-31' })).toBe(13_000);
    expect(await total({ from: '2023-05-01', to: '2027-01-31' })).toBe(13_000);
  });
});
