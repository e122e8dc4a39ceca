/**
 * Leaders' directives: their rows, the units in charge, the progress reports, the full-text row, and for every change
 * one event and one outbox mutation in the same immediate transaction (entity 'directive'), so that they sync.
 */
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';
import { directiveSearchText, yearFacet } from './searchText';

export interface DirectiveRow {
  seq: number;
  id: string;
  content: string;
  meeting_name: string | null;
  meeting_date: string | null;
  incoming_id: string | null;
  leader_id: string;
  leader_name: string;
  given_date: string;
  due_date: string;
  cancelled_at: string | null;
  cancel_note: string | null;
  created_at: string;
}

export interface DirectiveUnitRow {
  document_id: string;
  unit_id: string;
  unit_name: string;
  lead: number;
  done_date: string | null;
  done_by: string | null;
  done_note: string | null;
}

export interface DirectiveReportRow {
  id: string;
  unit_id: string;
  note: string;
  at: string;
  actor: string;
}

export interface DirectiveEventRow {
  id: string;
  at: string;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface StoredDirective {
  row: DirectiveRow;
  units: DirectiveUnitRow[];
  reports: DirectiveReportRow[];
  events: DirectiveEventRow[];
}

export type NewDirective = Omit<DirectiveRow, 'seq' | 'cancelled_at' | 'cancel_note'> & {
  units: Pick<DirectiveUnitRow, 'unit_id' | 'unit_name' | 'lead'>[];
};

export interface DirectiveEvent {
  kind: string;
  data: Record<string, unknown>;
  actor: Actor;
  at: string;
}

/** One step on an existing directive: its own columns, one unit's part, a new report; all optional. */
export interface DirectiveStep {
  id: string;
  set?: Partial<Pick<DirectiveRow, 'due_date' | 'cancelled_at' | 'cancel_note'>>;
  unit?: { unitId: string; doneDate: string; doneBy: string; doneNote: string };
  report?: DirectiveReportRow;
  /** Checked inside the transaction against what is stored now: false writes nothing. */
  allowed(current: StoredDirective): boolean;
  event: DirectiveEvent;
}

export interface DirectiveListQuery {
  /** Given on or after / on or before (YYYY-MM-DD); null: no bound. */
  from: string | null;
  to: string | null;
  leaderId: string | null;
  unitId: string | null;
  incomingId: string | null;
  /** Also the directives due in the period, whenever given (the tracking report's period). */
  dueInPeriod: boolean;
  /** Also each unit's newest progress report. */
  lastReports: boolean;
}

/** A listed directive: its row, its units and, when asked, each unit's newest report by unit id. */
export interface ListedDirective {
  row: DirectiveRow;
  units: DirectiveUnitRow[];
  lastReports: Map<string, string>;
}

export interface DirectiveRepo {
  create(d: NewDirective, event: DirectiveEvent): Promise<void>;
  /** False when the directive is not there or `allowed` refused its current state (nothing written). */
  step(s: DirectiveStep): Promise<boolean>;
  get(id: string): Promise<StoredDirective | null>;
  /** Directives matching the query with their units (no events), newest given first. */
  list(q: DirectiveListQuery): Promise<ListedDirective[]>;
}

export function createDirectiveRepo(db: Db): DirectiveRepo {
  const changes = createChangeLog(db);
  const insertDirective = db.prepare(
    `INSERT INTO directives (id, content, meeting_name, meeting_date, incoming_id, leader_id, leader_name, given_date, due_date, created_at)
     VALUES (@id, @content, @meeting_name, @meeting_date, @incoming_id, @leader_id, @leader_name, @given_date, @due_date, @created_at)`,
  );
  const insertUnit = db.prepare(`INSERT INTO directive_units (document_id, unit_id, unit_name, lead) VALUES (?, ?, ?, ?)`);
  const insertReport = db.prepare(`INSERT INTO directive_reports (document_id, id, unit_id, note, at, actor) VALUES (?, ?, ?, ?, ?, ?)`);
  const completeUnit = db.prepare(`UPDATE directive_units SET done_date = ?, done_by = ?, done_note = ? WHERE document_id = ? AND unit_id = ?`);
  const insertFts = db.prepare('INSERT INTO directive_fts (rowid, body, facets) VALUES (?, ?, ?)');
  const selectRow = db.prepare<[string], DirectiveRow>('SELECT * FROM directives WHERE id = ?');
  const selectUnits = db.prepare<[string], DirectiveUnitRow>('SELECT * FROM directive_units WHERE document_id = ? ORDER BY lead DESC, unit_name');
  const selectReports = db.prepare<[string], DirectiveReportRow>('SELECT id, unit_id, note, at, actor FROM directive_reports WHERE document_id = ? ORDER BY at, id');
  const selectEvents = db.prepare<[string], { id: string; at: string; actor: string; kind: string; data: string }>(
    `SELECT id, at, actor, kind, data FROM events WHERE entity_id = ? AND entity = 'directive' ORDER BY at, rowid`,
  );
  // Directives number in the hundreds a year per organisation: the period's rows are read with their units and the
  // statuses, which depend on today, are computed by the domain rules rather than in SQL.
  const matching = `SELECT * FROM directives
     WHERE ((@from IS NULL OR given_date >= @from) AND (@to IS NULL OR given_date <= @to)
         OR @dueInPeriod = 1 AND (@from IS NULL OR due_date >= @from) AND (@to IS NULL OR due_date <= @to))
       AND (@leaderId IS NULL OR leader_id = @leaderId) AND (@incomingId IS NULL OR incoming_id = @incomingId)
       AND (@unitId IS NULL OR EXISTS (SELECT 1 FROM directive_units u WHERE u.document_id = directives.id AND u.unit_id = @unitId))`;
  const selectList = db.prepare<Record<string, string | number | null>, DirectiveRow>(`${matching} ORDER BY given_date DESC, seq DESC`);
  // The units of the same directives by the same filter, rather than by a list of their ids: a year's list passes
  // thousands of ids, which cost more to pass and look up than the filter does to run again.
  const selectListUnits = db.prepare<Record<string, string | number | null>, DirectiveUnitRow>(
    `SELECT * FROM directive_units WHERE document_id IN (SELECT id FROM (${matching})) ORDER BY lead DESC, unit_name`,
  );
  // Oldest first, so that the newest of each unit is the one left in the map.
  const selectListReports = db.prepare<Record<string, string | number | null>, { document_id: string; unit_id: string; note: string }>(
    `SELECT document_id, unit_id, note FROM directive_reports WHERE document_id IN (SELECT id FROM (${matching})) ORDER BY at, id`,
  );

  function read(id: string): StoredDirective | null {
    const row = selectRow.get(id);
    if (!row) return null;
    return {
      row,
      units: selectUnits.all(id),
      reports: selectReports.all(id),
      events: selectEvents.all(id).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> })),
    };
  }

  const create = db.transaction((d: NewDirective, e: DirectiveEvent) => {
    const { units, ...row } = d;
    const seq = insertDirective.run(row).lastInsertRowid;
    for (const u of units) insertUnit.run(d.id, u.unit_id, u.unit_name, u.lead);
    const search = directiveSearchText({ content: d.content, meetingName: d.meeting_name ?? '', leaderName: d.leader_name });
    changes.create('directive', d.id).record({ actor: e.actor, at: e.at, kind: e.kind, data: e.data }, search);
    insertFts.run(seq, search, yearFacet(Number(d.given_date.slice(0, 4))));
  });

  const step = db.transaction((s: DirectiveStep): boolean => {
    const current = read(s.id);
    if (!current || !s.allowed(current)) return false;
    const change = changes.begin('directive', s.id);
    const columns = Object.keys(s.set ?? {});
    if (columns.length > 0) db.prepare(`UPDATE directives SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...s.set, id: s.id });
    if (s.unit) completeUnit.run(s.unit.doneDate, s.unit.doneBy, s.unit.doneNote, s.id, s.unit.unitId);
    if (s.report) insertReport.run(s.id, s.report.id, s.report.unit_id, s.report.note, s.report.at, s.report.actor);
    change.record({ actor: s.event.actor, at: s.event.at, kind: s.event.kind, data: s.event.data });
    return true;
  });

  return {
    create: async (d, e) => create.immediate(d, e),
    step: async (s) => step.immediate(s),
    get: async (id) => read(id),
    async list(q) {
      const params = { from: q.from, to: q.to, leaderId: q.leaderId, unitId: q.unitId, incomingId: q.incomingId, dueInPeriod: q.dueInPeriod ? 1 : 0 };
      // One read: the directives, their units and their reports seen in the same state.
      const { rows, allUnits, reports } = db.transaction(() => ({
        rows: selectList.all(params),
        allUnits: selectListUnits.all(params),
        reports: q.lastReports ? selectListReports.all(params) : [],
      }))();
      const units = new Map<string, DirectiveUnitRow[]>();
      for (const u of allUnits) {
        const of = units.get(u.document_id);
        if (of) of.push(u);
        else units.set(u.document_id, [u]);
      }
      const lastReports = new Map<string, Map<string, string>>();
      for (const r of reports) {
        const of = lastReports.get(r.document_id) ?? new Map<string, string>();
        of.set(r.unit_id, r.note);
        lastReports.set(r.document_id, of);
      }
      return rows.map((row) => ({ row, units: units.get(row.id) ?? [], lastReports: lastReports.get(row.id) ?? new Map() }));
    },
  };
}
