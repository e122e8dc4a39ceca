/**
 * The handling columns of incoming documents: each step is one immediate transaction that checks the state it starts
 * from, writes the columns and records the step as an event and an outbox mutation (so a second leader's instruction
 * made offline meets the first as a conflict on the server). Task lists read the partial indexes of open documents.
 */
import type { HandlingState } from '../../../shared/domain/handling';
import type { Db } from './database';
import { indexedStatements } from './deferredIndexes';
import { createChangeLog, type Actor } from './eventLog';
import type { HandlingColumns } from './incomingRepo';

/** What a step needs to know of the document before it is taken. */
export interface HandlingFacts extends HandlingColumns {
  id: string;
  arrival_date: string;
  type_name: string;
  priority: number;
  due_date: string | null;
  recalled_at: string | null;
}

export type HandlingSet = Partial<HandlingColumns> & { due_date?: string | null };

export interface HandlingStep {
  id: string;
  /** The states the step may start from (null: not instructed yet). */
  from: (HandlingState | null)[];
  set: HandlingSet;
  event: { kind: string; data: Record<string, unknown> };
  actor: Actor;
  at: string;
}

export interface TaskRow {
  id: string;
  handling_state: HandlingState;
  handling_due: string | null;
  lead_unit_id: string | null;
  assignee_id: string | null;
}

export interface UnitLoadRow {
  lead_unit_id: string | null;
  open: number;
  overdue: number;
  due_soon: number;
}

export interface TaskQuery {
  view: 'mine' | 'unit' | 'overdue' | 'dueSoon' | 'open';
  staffId: string;
  /** The unit whose open documents the `unit` view lists; in `mine`, the unit the person heads (its documents to assign). */
  unitId: string | null;
  today: string;
  /** The last day counted as "due soon". */
  soon: string;
  limit: number;
}

/** An instructed document as the tracking register prints it: what it is, and where its handling stands. */
export interface TrackingRow extends HandlingColumns {
  arrival_date: string;
  arrival_number: number;
  type_name: string;
  code_number: string;
  code_notation: string;
  issued_date: string;
  organ_name: string;
  subject: string;
  note: string;
  recalled_at: string | null;
}

export interface HandlingRepo {
  facts(id: string): Promise<HandlingFacts | null>;
  /** False when the document left the starting states meanwhile (nothing written). */
  step(step: HandlingStep): Promise<boolean>;
  /** Whether the person's reading of the document is already in its history. */
  hasRead(id: string, staffId: string): Promise<boolean>;
  /** Open documents of the view, soonest deadline first (those without one last). */
  tasks(query: TaskQuery): Promise<TaskRow[]>;
  /** Open, overdue and due-soon counts per lead unit. */
  byUnit(today: string, soon: string): Promise<UnitLoadRow[]>;
  /** Numbered documents that arrived in the period and received an instruction, led by the unit when one is given. */
  tracking(from: string, to: string, leadUnitId: string | null): Promise<TrackingRow[]>;
}

const TASK_COLUMNS = 'id, handling_state, handling_due, lead_unit_id, assignee_id';
const BY_DUE = 'ORDER BY handling_due IS NULL, handling_due, seq LIMIT @limit';

export function createHandlingRepo(db: Db): HandlingRepo {
  const changes = createChangeLog(db);
  const selectFacts = db.prepare<[string], HandlingFacts>('SELECT * FROM incoming_documents WHERE id = ?');
  const selectRead = db.prepare<[string, string], number>(
    `SELECT 1 FROM events WHERE entity = 'incoming' AND entity_id = ? AND kind = 'handling.read' AND actor_id = ? LIMIT 1`,
  ).pluck();

  const step = db.transaction((s: HandlingStep): boolean => {
    const row = selectFacts.get(s.id);
    if (!row || !s.from.includes(row.handling_state)) return false;
    const change = changes.begin('incoming', s.id);
    const columns = Object.keys(s.set);
    if (columns.length > 0) db.prepare(`UPDATE incoming_documents SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...s.set, id: s.id });
    change.record({ actor: s.actor, at: s.at, kind: s.event.kind, data: s.event.data });
    return true;
  });

  // Each view reads one partial index (SQLite uses one only when the query repeats its WHERE term as written); `mine`
  // is the officer's documents and, for a unit head, the unit's documents still to assign. A view's documents with a
  // deadline are read in the index's order of deadlines and those without one in registration order, each part stopped
  // at the page's size: sorting the whole view, tens of thousands of rows where a backlog has built up, read every row.
  const part = (index: string, where: string) =>
    `SELECT * FROM (SELECT ${TASK_COLUMNS}, seq FROM incoming_documents INDEXED BY ${index} WHERE ${where} AND handling_due IS NOT NULL
       ORDER BY handling_due, seq LIMIT @limit)
     UNION ALL
     SELECT * FROM (SELECT ${TASK_COLUMNS}, seq FROM incoming_documents INDEXED BY ${index} WHERE ${where} AND handling_due IS NULL
       ORDER BY seq LIMIT @limit)`;
  // Prepared when first asked, as the indexes stand then (a first sync may have deferred them).
  const indexed = indexedStatements(db).prepare;
  const view = (...parts: string[]) => `SELECT ${TASK_COLUMNS}, seq FROM (${parts.join(' UNION ALL ')}) ${BY_DUE}`;
  const OPEN = `handling_state IN ('assigned', 'handling')`;
  const views = {
    mine: view(
      part('incoming_tasks_by_assignee', `handling_state = 'handling' AND assignee_id = @staffId`),
      part('incoming_tasks_by_unit', `${OPEN} AND handling_state = 'assigned' AND lead_unit_id = @unitId`),
    ),
    unit: view(part('incoming_tasks_by_unit', `${OPEN} AND lead_unit_id = @unitId`)),
    // A deadline before today or within the coming days is never missing: one part in the order of deadlines.
    overdue: `SELECT ${TASK_COLUMNS} FROM incoming_documents INDEXED BY incoming_tasks_by_due WHERE ${OPEN} AND handling_due < @today
      ORDER BY handling_due, seq LIMIT @limit`,
    dueSoon: `SELECT ${TASK_COLUMNS} FROM incoming_documents INDEXED BY incoming_tasks_by_due WHERE ${OPEN} AND handling_due BETWEEN @today AND @soon
      ORDER BY handling_due, seq LIMIT @limit`,
    open: view(part('incoming_tasks_by_due', OPEN)),
  };
  // Open documents per unit are kept by triggers (migration 13); of the partial index only the documents not yet due
  // are read, since overdue is what is open and neither due later nor without a deadline.
  const unitOpen = `FROM incoming_documents INDEXED BY incoming_tasks_by_unit_due
    WHERE handling_state IN ('assigned', 'handling') AND lead_unit_id IS nullif(c.unit, '')`;
  const selectByUnit = `SELECT nullif(c.unit, '') AS lead_unit_id, c.n AS open,
      c.n - (SELECT count(*) ${unitOpen} AND handling_due >= @today) - (SELECT count(*) ${unitOpen} AND handling_due IS NULL) AS overdue,
      (SELECT count(*) ${unitOpen} AND handling_due BETWEEN @today AND @soon) AS due_soon
    FROM handling_open_counts c WHERE c.n > 0 ORDER BY lead_unit_id`;

  // A provisional entry (no số đến yet) joins the register once the lease holder has numbered it, as in the other books.
  const selectTracking = db.prepare<{ from: string; to: string; unit: string | null }, TrackingRow>(
    `SELECT * FROM incoming_documents
     WHERE arrival_date BETWEEN @from AND @to AND arrival_number IS NOT NULL AND handling_state IS NOT NULL
       AND (@unit IS NULL OR lead_unit_id = @unit)
     ORDER BY arrival_date, arrival_number`,
  );

  return {
    facts: async (id) => selectFacts.get(id) ?? null,
    step: async (s) => step.immediate(s),
    hasRead: async (id, staffId) => selectRead.get(id, staffId) === 1,
    tasks: async (q) => indexed(views[q.view]).all(q) as TaskRow[],
    byUnit: async (today, soon) => indexed(selectByUnit).all({ today, soon }) as UnitLoadRow[],
    tracking: async (from, to, unit) => selectTracking.all({ from, to, unit }),
  };
}
