/**
 * The per-unit counts of open, overdue and due-soon documents come from the open counts kept by triggers (migration 13)
 * and the not-yet-due part of the partial index. Whatever writes the handling columns — a step, a change pulled from
 * the server, a document arriving already instructed, one deleted — they must equal a plain count of the documents.
 * The task views read their deadlines and their documents without one in two parts: the same rows as a plain sort.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { createHandlingRepo, type HandlingRepo, type TaskQuery } from '../../electron/core/db/handlingRepo';
import { mulberry32 } from '../support/prng';
import { tempDir } from '../support/coreFixture';

const STAFF = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
const UNITS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
const STATES = [null, 'assigned', 'handling', 'closed'] as const;
const TODAY = '2026-06-15';
const SOON = '2026-06-17';

let tmp: { dir: string; remove(): void };
let db: Db;
let repo: HandlingRepo;
let next = 0;

function insert(state: (typeof STATES)[number], unit: string | null, due: string | null, assignee: string | null = null) {
  const i = next++;
  db.prepare(
    `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, organ_name, duplicate_key, code_number,
       code_notation, issued_date, type_name, subject, signer_name, signer_position, place, priority, secrecy, to_places, note,
       document_id, channel, status, created_at, handling_state, lead_unit_id, handling_due, assignee_id)
     VALUES (?, 'incoming', 2026, ?, '2026-06-01', 'Bộ Nội vụ', ?, '1', 'CV', '2026-06-01', 'Công văn', 'Trích yếu', '', '', '', 0,
       'none', '', '', '', 'paper', 'registered', '2026-06-01T00:00:00.000Z', ?, ?, ?, ?)`,
  ).run(`00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, i + 1, `k${i}`, state, unit, due, assignee);
}

/** The counts as a plain aggregate of every document reads them. */
const plain = () =>
  db
    .prepare(
      `SELECT lead_unit_id, count(*) AS open, count(*) FILTER (WHERE handling_due < @today) AS overdue,
         count(*) FILTER (WHERE handling_due BETWEEN @today AND @soon) AS due_soon
       FROM incoming_documents NOT INDEXED WHERE handling_state IN ('assigned', 'handling') GROUP BY lead_unit_id ORDER BY lead_unit_id`,
    )
    .all({ today: TODAY, soon: SOON });

beforeAll(() => {
  tmp = tempDir('vanthu-unit-counts-');
  db = openDatabase(path.join(tmp.dir, 'vanthu.db'));
  repo = createHandlingRepo(db);
});
afterAll(() => {
  db.close();
  tmp.remove();
});

describe('per-unit counts of open documents', () => {
  it('equal a plain count after inserts, state and unit changes, deadline changes and deletes in any order', async () => {
    const rnd = mulberry32(21);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const unit = () => (rnd() < 0.15 ? null : pick(UNITS));
    const due = () => (rnd() < 0.2 ? null : `2026-06-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`);
    for (let i = 0; i < 60; i++) insert(pick(STATES), unit(), due());
    for (let round = 0; round < 400; round++) {
      const id = db.prepare<[], string>('SELECT id FROM incoming_documents ORDER BY random() LIMIT 1').pluck().get()!;
      const change = rnd();
      if (change < 0.35) db.prepare('UPDATE incoming_documents SET handling_state = ? WHERE id = ?').run(pick(STATES), id);
      else if (change < 0.6) db.prepare('UPDATE incoming_documents SET lead_unit_id = ? WHERE id = ?').run(unit(), id);
      else if (change < 0.75) db.prepare('UPDATE incoming_documents SET handling_state = ?, lead_unit_id = ?, handling_due = ? WHERE id = ?').run(pick(STATES), unit(), due(), id);
      else if (change < 0.85) db.prepare('UPDATE incoming_documents SET handling_due = ? WHERE id = ?').run(due(), id);
      else if (change < 0.93) insert(pick(STATES), unit(), due());
      else db.prepare('DELETE FROM incoming_documents WHERE id = ?').run(id);
      if (round % 20 === 0) expect(await repo.byUnit(TODAY, SOON), `round ${round}`).toEqual(plain());
    }
    const counts = await repo.byUnit(TODAY, SOON);
    expect(counts).toEqual(plain());
    // Something of each kind was counted: the comparison is not between two empty lists.
    expect(counts.some((c) => c.lead_unit_id === null)).toBe(true);
    expect(counts.reduce((sum, c) => sum + c.overdue, 0)).toBeGreaterThan(0);
    expect(counts.reduce((sum, c) => sum + c.due_soon, 0)).toBeGreaterThan(0);
  });

  it('reads only the part of the partial index that is not yet due', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM incoming_documents INDEXED BY incoming_tasks_by_unit_due
        WHERE handling_state IN ('assigned', 'handling') AND lead_unit_id IS ? AND handling_due >= ?`)
      .all(UNITS[0], TODAY)
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX incoming_tasks_by_unit_due \(lead_unit_id=\? AND handling_due>\?\)/);
  });
});

describe('task views', () => {
  /** A view as a plain sort of every document reads it: soonest deadline first, those without one last. */
  const WHERE: Record<TaskQuery['view'], string> = {
    mine: "(handling_state = 'handling' AND assignee_id = @staffId) OR (handling_state = 'assigned' AND lead_unit_id = @unitId)",
    unit: "handling_state IN ('assigned', 'handling') AND lead_unit_id = @unitId",
    overdue: "handling_state IN ('assigned', 'handling') AND handling_due < @today",
    dueSoon: "handling_state IN ('assigned', 'handling') AND handling_due BETWEEN @today AND @soon",
    open: "handling_state IN ('assigned', 'handling')",
  };
  const plainView = (q: TaskQuery) =>
    db
      .prepare(
        `SELECT id, handling_state, handling_due, lead_unit_id, assignee_id FROM incoming_documents NOT INDEXED WHERE ${WHERE[q.view]}
         ORDER BY handling_due IS NULL, handling_due, seq LIMIT @limit`,
      )
      .all(q);

  it('list the rows a plain sort lists, at every page size', async () => {
    const rnd = mulberry32(5);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    for (let i = 0; i < 300; i++) {
      const state = pick(STATES);
      insert(state, rnd() < 0.1 ? null : pick(UNITS), rnd() < 0.3 ? null : `2026-06-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`, state === 'handling' ? pick(STAFF) : null);
    }
    for (const view of ['mine', 'unit', 'overdue', 'dueSoon', 'open'] as const) {
      for (const limit of [3, 20, 500]) {
        const q: TaskQuery = { view, staffId: STAFF[0]!, unitId: UNITS[1]!, today: TODAY, soon: SOON, limit };
        const rows = await repo.tasks(q);
        expect(rows.map((r) => ({ ...r, seq: undefined })), `${view} ${limit}`).toEqual(plainView(q).map((r) => ({ ...(r as object), seq: undefined })));
        expect(rows.length, `${view} ${limit}`).toBeGreaterThan(0);
      }
      // The largest page reaches the documents without a deadline where the view has any.
      const all = plainView({ view, staffId: STAFF[0]!, unitId: UNITS[1]!, today: TODAY, soon: SOON, limit: 500 }) as { handling_due: string | null }[];
      if (view === 'mine' || view === 'unit' || view === 'open') expect(all.some((r) => r.handling_due === null), view).toBe(true);
    }
  });
});
