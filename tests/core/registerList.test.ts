/**
 * The register list without a text query on a database upgraded from version 3: the same order as a plain sort of
 * the rows, every row exactly once across pages read by key in either direction, filters counted right, indexes used.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { createIncomingRepo, type IncomingRepo } from '../../electron/core/db/incomingRepo';
import { createRegisterList, LIST_COUNT_CAP } from '../../electron/core/db/incomingList';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import type { ListFilter, ListInput, SortKey } from '../../shared/contract';
import { ListInput as ListInputSchema } from '../../shared/contract/schemas';
import { mulberry32 } from '../support/prng';
import { tempDir } from '../support/coreFixture';

const ORGANS = ['Sở Y tế tỉnh Hà Tĩnh', 'Sở Y tế tỉnh Nghệ An', 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'Bộ Nội vụ', 'Sở Nội vụ tỉnh Đắk Lắk'];
const TYPES = ['Công văn', 'Quyết định', 'Kế hoạch'];
const STATUSES = ['registered', 'presented', 'forwarded'];
const DOCS = 600;
const SORTS: SortKey[] = ['arrivalNumber', 'arrivalDate', 'issuedDate', 'organName', 'dueDate'];

interface Row {
  seq: number;
  id: string;
  year: number;
  arrival_number: number;
  arrival_date: string;
  organ_name: string;
  issued_date: string;
  type_name: string;
  priority: number;
  status: string;
  due_date: string | null;
}

/** Version 3's register with many equal sort keys: few dates, few bodies, a third without a deadline. */
function buildVersion3(file: string) {
  const db = new Database(file);
  db.transaction(() => {
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) m.up(db);
    db.pragma('user_version = 3');
  })();
  const rnd = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const insert = db.prepare(
    `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, organ_name, duplicate_key, code_number,
       code_notation, issued_date, type_name, subject, signer_name, signer_position, place, priority, secrecy, due_date, to_places,
       note, document_id, channel, status, created_at)
     VALUES (@id, 'incoming', @year, @number, @arrival, @organ, @id, @number, 'CV', @issued, @type, 'Trích yếu', '', '', '',
       @priority, 'none', @due, '', '', '', 'paper', @status, '2026-11-20T00:00:00.000Z')`,
  );
  const numbers = new Map<number, number>();
  db.transaction(() => {
    for (let i = 0; i < DOCS; i++) {
      const year = pick([2024, 2025, 2026]);
      const number = (numbers.get(year) ?? 0) + 1;
      numbers.set(year, number);
      const day = `0${1 + Math.floor(rnd() * 3)}`;
      insert.run({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        year,
        number,
        arrival: `${year}-0${1 + Math.floor(number / 80)}-${day}`,
        organ: pick(ORGANS),
        issued: `${year}-01-${day}`,
        type: pick(TYPES),
        priority: rnd() < 0.8 ? 0 : 1 + Math.floor(rnd() * 3),
        due: rnd() < 0.35 ? null : `${year}-02-0${1 + Math.floor(rnd() * 4)}`,
        status: pick(STATUSES),
      });
    }
    for (const [year, last] of numbers) db.prepare("INSERT INTO register_counters VALUES ('incoming', ?, ?)").run(year, last);
  })();
  return db;
}

/** What the register held before the upgrade, sorted the plain way: every row read, the sequence number breaking ties. */
function referenceOrders(db: Db) {
  const order: Record<SortKey, string> = {
    arrivalNumber: 'year {d}, arrival_number {d}, seq {d}',
    arrivalDate: 'arrival_date {d}, arrival_number {d}, seq {d}',
    issuedDate: 'issued_date {d}, seq {d}',
    organName: 'organ_name {d}, seq {d}',
    dueDate: 'due_date IS NULL, due_date {d}, seq {d}',
  };
  const out = new Map<string, Row[]>();
  for (const by of SORTS) {
    for (const dir of ['asc', 'desc']) {
      const sql = `SELECT * FROM incoming_documents NOT INDEXED ORDER BY ${order[by].replaceAll('{d}', dir)}`;
      out.set(`${by} ${dir}`, db.prepare<[], Row>(sql).all());
    }
  }
  return out;
}

const FILTERS: { name: string; filter: ListFilter; keep: (r: Row) => boolean }[] = [
  { name: 'none', filter: {}, keep: () => true },
  { name: 'year', filter: { year: 2025 }, keep: (r) => r.year === 2025 },
  { name: 'year+type+urgency', filter: { year: 2025, typeName: 'Công văn', priority: 2 }, keep: (r) => r.year === 2025 && r.type_name === 'Công văn' && r.priority === 2 },
  { name: 'status', filter: { status: 'presented' }, keep: (r) => r.status === 'presented' },
  { name: 'dates', filter: { from: '2025-02-01', to: '2026-03-31' }, keep: (r) => r.arrival_date >= '2025-02-01' && r.arrival_date <= '2026-03-31' },
  { name: 'year and a longer range', filter: { year: 2025, from: '2024-06-01', to: '2025-02-28' }, keep: (r) => r.year === 2025 && r.arrival_date <= '2025-02-28' },
  { name: 'dates in a year', filter: { from: '2025-02-01', to: '2025-03-31' }, keep: (r) => r.arrival_date >= '2025-02-01' && r.arrival_date <= '2025-03-31' },
  { name: 'folded body', filter: { organName: 'so y te' }, keep: (r) => r.organ_name.startsWith('Sở Y tế') },
  { name: 'body+year+type', filter: { organName: 'HA TINH', year: 2024, typeName: 'Quyết định' }, keep: (r) => r.organ_name.endsWith('Hà Tĩnh') && r.year === 2024 && r.type_name === 'Quyết định' },
];

let tmp: { dir: string; remove(): void };
let db: Db;
let repo: IncomingRepo;
let before: Map<string, Row[]>;
let beforeRows: Row[];

beforeAll(() => {
  tmp = tempDir('vanthu-list-');
  const file = path.join(tmp.dir, 'vanthu.db');
  const v3 = buildVersion3(file);
  before = referenceOrders(v3);
  beforeRows = v3.prepare<[], Row>('SELECT * FROM incoming_documents ORDER BY seq').all();
  v3.close();
  db = openDatabase(file);
  repo = createIncomingRepo(db);
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const list = (input: Partial<ListInput>) => repo.list(ListInputSchema.parse(input));

describe('upgrading a version 3 register', () => {
  it('keeps every row and fills the counts and the issuing bodies', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    // Later migrations add columns (an outgoing document's internal copy, its recall): empty on every older row.
    const after = db.prepare<[], Record<string, unknown>>('SELECT * FROM incoming_documents ORDER BY seq').all();
    expect(after.map((r) => Object.fromEntries(Object.keys(beforeRows[0]!).map((k) => [k, r[k]])))).toEqual(beforeRows);
    expect(after.every((r) => r.outgoing_id === null && r.recalled_at === null)).toBe(true);
    const counts = db.prepare('SELECT year, type_name, priority, status, n FROM incoming_counts ORDER BY 1, 2, 3, 4').all();
    const grouped = db
      .prepare('SELECT year, type_name, priority, status, count(*) AS n FROM incoming_documents GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4')
      .all();
    expect(counts).toEqual(grouped);
    expect(db.prepare('SELECT name FROM incoming_organs ORDER BY name').pluck().all()).toEqual([...ORGANS].sort());
  });
});

describe('the register list after the upgrade', () => {
  it('orders every sort as the plain sort did, ties broken by registration order', async () => {
    for (const by of SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = await list({ sort: { by, dir }, limit: 500 });
        const rest = await list({ sort: { by, dir }, offset: 500, limit: 500 });
        expect([...all.rows, ...rest.rows].map((r) => r.id), `${by} ${dir}`).toEqual(before.get(`${by} ${dir}`)!.map((r) => r.id));
        expect(all.total).toBe(DOCS);
      }
    }
    // Without a sort: newest arrival first, as before.
    expect((await list({ limit: 5 })).rows.map((r) => r.id)).toEqual(before.get('arrivalNumber desc')!.slice(0, 5).map((r) => r.id));
  });

  it('visits every row exactly once, page after page by key and back, with each filter and sort', async () => {
    for (const { name, filter, keep } of FILTERS) {
      for (const by of SORTS) {
        for (const dir of ['asc', 'desc'] as const) {
          const label = `${name}, ${by} ${dir}`;
          const expected = before.get(`${by} ${dir}`)!.filter(keep).map((r) => r.id);
          expect(expected.length, label).toBeGreaterThan(0);
          const forward: string[] = [];
          let page = await list({ filter, sort: { by, dir }, limit: 7 });
          expect(page.total, label).toBe(expected.length);
          while (page.rows.length > 0) {
            forward.push(...page.rows.map((r) => r.id));
            page = await list({ filter, sort: { by, dir }, limit: 7, after: page.rows.at(-1)!.id });
          }
          expect(forward, label).toEqual(expected);
          const backward: string[] = [];
          page = await list({ filter, sort: { by, dir }, limit: 7, before: expected.at(-1)! });
          while (page.rows.length > 0) {
            backward.unshift(...page.rows.map((r) => r.id));
            page = await list({ filter, sort: { by, dir }, limit: 7, before: page.rows[0]!.id });
          }
          expect(backward, label).toEqual(expected.slice(0, -1));
          // A jump by offset lands where the key pages do, also past the rows with a deadline.
          const middle = Math.floor(expected.length * 0.7);
          expect((await list({ filter, sort: { by, dir }, offset: middle, limit: 3 })).rows.map((r) => r.id), label).toEqual(expected.slice(middle, middle + 3));
        }
      }
    }
  });

  it('matches the issuing body by folded words, in the list and in a text search', async () => {
    const bodies = async (filter: ListFilter) => [...new Set((await list({ filter, limit: 500 })).rows.map((r) => r.organName))].sort();
    expect(await bodies({ organName: 'so y te' })).toEqual(['Sở Y tế tỉnh Hà Tĩnh', 'Sở Y tế tỉnh Nghệ An']);
    expect(await bodies({ organName: 'SỞ Y TẾ tỉnh hà tĩnh' })).toEqual(['Sở Y tế tỉnh Hà Tĩnh']);
    expect(await bodies({ organName: 'noi vu' })).toEqual(['Bộ Nội vụ', 'Sở Nội vụ tỉnh Đắk Lắk']);
    expect(await bodies({ organName: 'dak lak' })).toEqual(['Sở Nội vụ tỉnh Đắk Lắk']);
    expect(await bodies({ organName: 'o y te' })).toEqual([]); // words match from their start
    expect(await list({ filter: { organName: 'so tai chinh' } })).toEqual({ total: 0, totalCapped: false, rows: [] });
  });

  it('keeps the counts right when documents are registered and handed over', async () => {
    const actor = { id: null, name: 'Văn thư' };
    const outcome = await repo.register({
      fields: {
        arrivalDate: '2026-05-04', organName: 'Sở Tài chính tỉnh Quảng Bình', codeNumber: '9', codeNotation: 'STC-NS', issuedDate: '2026-05-02',
        typeName: 'Kế hoạch', subject: 'Kế hoạch thu chi', signerName: '', signerPosition: '', place: '', priority: 3, secrecy: 'none',
        pageAmount: null, dueDate: null, toPlaces: '', note: '', documentId: '', channel: 'paper', restricted: false,
      },
      year: 2026, duplicateKey: 'new-key', attachments: [], searchText: 'ke hoach thu chi', actor, at: '2026-05-04T01:00:00.000Z', duplicateReason: null,
    });
    if (outcome.kind !== 'registered') throw new Error('not registered');
    const filter = { year: 2026, typeName: 'Kế hoạch', priority: 3 };
    const registered = (await list({ filter: { ...filter, status: 'registered' } })).total;
    expect((await list({ filter: { organName: 'tai chinh tinh quang binh' } })).rows.map((r) => r.id)).toEqual([outcome.id]);
    expect(await repo.handOver({ documentId: outcome.id, action: 'forward', date: '2026-05-05', recipient: { kind: 'unit', id: 'u', name: 'Văn phòng' }, note: '', actor, at: '2026-05-05T01:00:00.000Z' })).toBe(true);
    expect((await list({ filter: { ...filter, status: 'registered' } })).total).toBe(registered - 1);
    expect((await list({ filter: { ...filter, status: 'forwarded' } })).rows.map((r) => r.id)).toContain(outcome.id);
    const grouped = db.prepare('SELECT year, type_name, priority, status, count(*) AS n FROM incoming_documents GROUP BY 1, 2, 3, 4').all();
    expect(db.prepare('SELECT year, type_name, priority, status, n FROM incoming_counts WHERE n > 0').all()).toEqual(grouped);
  });

  it('refuses a key page with a text query, and both directions at once', () => {
    const id = before.get('arrivalNumber asc')![0]!.id;
    expect(ListInputSchema.safeParse({ filter: { query: 'trich yeu' }, after: id }).success).toBe(false);
    expect(ListInputSchema.safeParse({ after: id, before: id }).success).toBe(false);
    expect(ListInputSchema.safeParse({ after: id }).success).toBe(true);
  });
});

describe('totals past the count cap', () => {
  it('are exact for the register and its facets, and capped for a date range or an issuing body', async () => {
    const big = tempDir('vanthu-list-cap-');
    const file = openDatabase(path.join(big.dir, 'vanthu.db'));
    try {
      const docs = LIST_COUNT_CAP + 50;
      file.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, organ_name, duplicate_key, code_number,
           code_notation, issued_date, type_name, subject, signer_name, signer_position, place, priority, secrecy, to_places, note,
           document_id, channel, status, created_at)
         SELECT printf('00000000-0000-4000-8000-%012d', i), 'incoming', 2026, i, '2026-03-02', 'Bộ Nội vụ', i, i, 'BNV', '2026-03-01',
           'Công văn', 'Trích yếu', '', '', '', 0, 'none', '', '', '', 'paper', 'registered', '2026-03-02T00:00:00.000Z' FROM n`,
      ).run(docs);
      file.prepare("INSERT INTO incoming_organs VALUES ('Bộ Nội vụ', ' bo noi vu')").run();
      const cappedRepo = createIncomingRepo(file);
      const totals = async (filter: ListFilter) => {
        const { total, totalCapped } = await cappedRepo.list(ListInputSchema.parse({ filter, limit: 1 }));
        return { total, totalCapped };
      };
      expect(await totals({})).toEqual({ total: docs, totalCapped: false });
      expect(await totals({ year: 2026, typeName: 'Công văn', priority: 0, status: 'registered' })).toEqual({ total: docs, totalCapped: false });
      // One date range or issuing body alone is counted on its own index, further than the cap.
      expect(await totals({ from: '2026-03-01' })).toEqual({ total: docs, totalCapped: false });
      expect(await totals({ organName: 'noi vu' })).toEqual({ total: docs, totalCapped: false });
      expect(await totals({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ total: docs, totalCapped: false });
      // Combined filters are counted up to the cap.
      expect(await totals({ organName: 'noi vu', year: 2026 })).toEqual({ total: LIST_COUNT_CAP, totalCapped: true });
      expect(await totals({ organName: 'noi vu', from: '2026-01-01' })).toEqual({ total: LIST_COUNT_CAP, totalCapped: true });
      expect(await totals({ organName: 'noi vu', to: '2026-03-01' })).toEqual({ total: 0, totalCapped: false });
    } finally {
      file.close();
      big.remove();
    }
  });
});

describe('query plans of the list', () => {
  /** Runs a list through a connection that records each statement run and its values, then asks SQLite how it reads them. */
  function plans(input: Partial<ListInput>) {
    const runs: { sql: string; values: unknown[] }[] = [];
    const recording = new Proxy(db, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key);
        return (sql: string) => {
          const statement = target.prepare(sql);
          const proxy: unknown = new Proxy(statement, {
            get(st, k) {
              if (k === 'get' || k === 'all') return (...values: unknown[]) => (runs.push({ sql, values }), st[k](...values));
              if (k === 'pluck') return () => (st.pluck(), proxy);
              const v = Reflect.get(st, k);
              return typeof v === 'function' ? v.bind(st) : v;
            },
          });
          return proxy;
        };
      },
    });
    const { filter, ...rest } = ListInputSchema.parse(input);
    createRegisterList(recording, 'd.id').list({ ...rest, filter });
    return runs
      .filter((r) => r.sql.includes('incoming_documents'))
      .map(({ sql, values }) => ({ sql, plan: db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values).map((r) => (r as { detail: string }).detail) }));
  }
  const rowQueries = (input: Partial<ListInput>) => plans(input).filter((p) => p.sql.includes('ORDER BY'));

  it('never scans the whole table, and walks the sort index without sorting for each sorted first page', () => {
    const cases: Partial<ListInput>[] = [];
    for (const by of SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        // 20 rows a page: at this register's size a page of 100 would be a sixth of it, where sorting the matches is cheaper.
        const page = { limit: 20 };
        cases.push({ sort: { by, dir }, ...page }, { filter: { year: 2025 }, sort: { by, dir }, ...page }, { filter: { status: 'registered' }, sort: { by, dir }, ...page });
      }
    }
    for (const input of cases) {
      const label = JSON.stringify(input);
      const all = plans(input);
      expect(all.length, label).toBeGreaterThan(0);
      for (const { plan } of all) expect(plan.filter((d) => /^SCAN (d|incoming_documents)$/.test(d)), label).toEqual([]);
      for (const { plan } of rowQueries(input)) {
        expect(plan.join(' | '), label).toMatch(/(SCAN|SEARCH) d USING (COVERING )?INDEX incoming_by_/);
        expect(plan.join(' | '), label).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('reads a year by its year-first index, and a rare filter through its own index', () => {
    const [byDue] = rowQueries({ filter: { year: 2025 }, sort: { by: 'dueDate', dir: 'asc' } });
    expect(byDue!.plan.join(' | ')).toMatch(/SEARCH d USING INDEX incoming_by_year_due_date \(year=\? AND due_date>\?\)/);
    const [byIssued] = rowQueries({ filter: { year: 2025 }, sort: { by: 'issuedDate', dir: 'desc' } });
    expect(byIssued!.plan.join(' | ')).toMatch(/SEARCH d USING INDEX incoming_by_year_issued_date \(year=\?\)/);
    // Few matches: gathered through the urgency index, which seeks the year and the type too, and sorted.
    const rare = rowQueries({ filter: { year: 2025, typeName: 'Công văn', priority: 2 }, sort: { by: 'dueDate', dir: 'asc' } });
    expect(rare[0]!.plan.join(' | ')).toMatch(/SEARCH d USING INDEX incoming_by_priority \(priority=\? AND year=\? AND type_name=\?\)/);
    // A range over two years sorted by issue date, one run per year, merged: 2025, mostly inside the range, walks its
    // part of the year-first index; 2026, whose first quarter only is inside, gathers that quarter and sorts it.
    const merged = rowQueries({ filter: { from: '2025-02-01', to: '2026-03-31' }, sort: { by: 'issuedDate', dir: 'asc' }, limit: 7 });
    expect(merged.map((q) => q.plan.join(' | '))).toEqual([
      'SEARCH d USING INDEX incoming_by_year_issued_date (year=?)',
      'SEARCH d USING INDEX incoming_by_arrival_date (arrival_date>? AND arrival_date<?) | USE TEMP B-TREE FOR ORDER BY',
    ]);
    // A key page seeks into the index at the previous row's date (rows of that date before it are stepped over there).
    const after = before.get('issuedDate desc')![300]!.id;
    const [keyed] = rowQueries({ sort: { by: 'issuedDate', dir: 'desc' }, after });
    expect(keyed!.plan.join(' | ')).toBe('SEARCH d USING INDEX incoming_by_issued_date (issued_date<?)');
  });

  it('counts a large filtered list only up to the cap', () => {
    expect(LIST_COUNT_CAP).toBe(10_000);
    const counting = plans({ filter: { organName: 'so y te', typeName: 'Công văn' } }).filter((p) => p.sql.startsWith('SELECT count(*)'));
    expect(counting.map((p) => p.sql)).toContainEqual(expect.stringContaining(`LIMIT ${LIST_COUNT_CAP + 1})`));
    for (const { sql } of counting) expect(sql).toMatch(/LIMIT \d+\)$/);
    // An issuing body in one year is counted on the index of both, without reading the documents.
    const inYear = plans({ filter: { organName: 'so y te', year: 2025 } }).filter((p) => p.sql.startsWith('SELECT count(*)'));
    expect(inYear.map((p) => p.plan.join(' | '))).toContainEqual(expect.stringMatching(/SEARCH d USING COVERING INDEX incoming_by_organ_year \(organ_name=\? AND year=\?\)/));
  });
});
