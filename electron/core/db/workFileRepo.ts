/**
 * The file plan, work files and the documents filed into them. Every change is one immediate transaction that checks
 * the state it starts from, writes its rows and records itself as an event and an outbox mutation (createChangeLog), so
 * plan entries and files sync like documents. The facts the "processed entirely online" rule and the export read come
 * from the documents' own rows and history here, in one place.
 */
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';

export interface PlanEntryRow {
  id: string;
  year: number;
  notation: string;
  title: string;
  unit_id: string | null;
  retention: string;
  note: string;
}

export interface WorkFileRow {
  id: string;
  year: number;
  plan_entry_id: string | null;
  notation: string;
  title: string;
  unit_id: string;
  owner_id: string;
  owner_name: string;
  retention: string;
  state: 'open' | 'closed';
  opened_on: string;
  closed_on: string | null;
  processed_online: 0 | 1 | null;
}

export interface FiledRow {
  doc_kind: 'incoming' | 'outgoing';
  doc_id: string;
  filed_at: string;
  filed_by: string;
}

export interface ExportRow {
  format: 'pdf' | 'xml';
  hash: string;
  name: string;
  size: number;
}

/** A filed document as the export, the list and the online rule read it: Appendix VI fields and the facts of its handling. */
export interface FiledDocumentRow extends FiledRow {
  /** False when this computer does not hold the document (not pulled yet, or restricted from its user). */
  present: boolean;
  type_name: string;
  code_number: string;
  code_notation: string;
  issued_date: string | null;
  organ_name: string;
  subject: string;
  page_amount: number | null;
  arrival_date: string | null;
  arrival_number: number | null;
  channel: 'paper' | 'electronic' | null;
  handling_state: 'assigned' | 'handling' | 'closed' | null;
  status: string | null;
  attachments: number;
  instructed: boolean;
  closed: boolean;
  sealed: boolean;
  /** The document's PDF as it stands now (the newest signed version), if it has one. */
  pdf_hash: string | null;
}

export interface KpiRow {
  unit_id: string;
  opened: number;
  closed: number;
  closed_online: number;
}

interface Step {
  actor: Actor;
  at: string;
}

export interface WorkFileRepo {
  planEntries(year: number): Promise<PlanEntryRow[]>;
  planEntry(id: string): Promise<PlanEntryRow | null>;
  /** Creates the entry, or changes it when `id` exists. */
  savePlanEntry(entry: PlanEntryRow, step: Step): Promise<void>;
  file(id: string): Promise<WorkFileRow | null>;
  /** Files of the year, optionally of one unit or state, by notation. */
  files(query: { year: number; unitId: string | null; state: 'open' | 'closed' | null }): Promise<WorkFileRow[]>;
  /** An open file of the year with this notation, to refuse a second one. */
  openWithNotation(year: number, notation: string): Promise<WorkFileRow | null>;
  open(file: WorkFileRow, step: Step): Promise<void>;
  /** The documents in filing order (DocOrdinal), with what the export and the online rule need. */
  documents(fileId: string): Promise<FiledDocumentRow[]>;
  /** Whether this computer holds the document. */
  documentExists(kind: 'incoming' | 'outgoing', id: string): Promise<boolean>;
  /** The open files a document is filed in, for its view. */
  filesOf(docId: string): Promise<WorkFileRow[]>;
  /** False when the file was not open any more (nothing written). */
  addDocument(fileId: string, doc: { kind: 'incoming' | 'outgoing'; id: string }, step: Step): Promise<boolean>;
  removeDocument(fileId: string, doc: { kind: 'incoming' | 'outgoing'; id: string }, step: Step): Promise<boolean>;
  /** Closes an open file with its verdict and exports; false when it was closed meanwhile. */
  close(fileId: string, close: { on: string; online: boolean; exports: ExportRow[] }, step: Step): Promise<boolean>;
  exports(fileId: string): Promise<ExportRow[]>;
  /** Files opened, closed and closed online in the period, per unit. */
  kpi(from: string, to: string): Promise<KpiRow[]>;
}

export function createWorkFileRepo(db: Db): WorkFileRepo {
  const changes = createChangeLog(db);
  const selectPlan = db.prepare<[number], PlanEntryRow>('SELECT id, year, notation, title, unit_id, retention, note FROM file_plan WHERE year = ? ORDER BY notation, seq');
  const selectPlanEntry = db.prepare<[string], PlanEntryRow>('SELECT id, year, notation, title, unit_id, retention, note FROM file_plan WHERE id = ?');
  const insertPlanEntry = db.prepare(
    'INSERT INTO file_plan (id, year, notation, title, unit_id, retention, note) VALUES (@id, @year, @notation, @title, @unit_id, @retention, @note)',
  );
  const updatePlanEntry = db.prepare('UPDATE file_plan SET notation = @notation, title = @title, unit_id = @unit_id, retention = @retention, note = @note WHERE id = @id');
  const FILE_COLUMNS = 'id, year, plan_entry_id, notation, title, unit_id, owner_id, owner_name, retention, state, opened_on, closed_on, processed_online';
  const selectFile = db.prepare<[string], WorkFileRow>(`SELECT ${FILE_COLUMNS} FROM work_files WHERE id = ?`);
  const selectFiles = db.prepare<{ year: number; unit: string | null; state: string | null }, WorkFileRow>(
    `SELECT ${FILE_COLUMNS} FROM work_files WHERE year = @year AND (@unit IS NULL OR unit_id = @unit) AND (@state IS NULL OR state = @state) ORDER BY notation, seq`,
  );
  const selectOpenNotation = db.prepare<[number, string], WorkFileRow>(`SELECT ${FILE_COLUMNS} FROM work_files WHERE year = ? AND notation = ? AND state = 'open' LIMIT 1`);
  const insertFile = db.prepare(
    `INSERT INTO work_files (id, year, plan_entry_id, notation, title, unit_id, owner_id, owner_name, retention, state, opened_on, closed_on, processed_online)
     VALUES (@id, @year, @plan_entry_id, @notation, @title, @unit_id, @owner_id, @owner_name, @retention, 'open', @opened_on, NULL, NULL)`,
  );
  const selectFilesOf = db.prepare<[string], WorkFileRow>(
    `SELECT ${FILE_COLUMNS.split(', ').map((c) => `f.${c}`).join(', ')} FROM work_file_documents d JOIN work_files f ON f.id = d.document_id WHERE d.doc_id = ? ORDER BY f.notation`,
  );
  const insertDoc = db.prepare('INSERT OR IGNORE INTO work_file_documents (document_id, doc_kind, doc_id, filed_at, filed_by) VALUES (?, ?, ?, ?, ?)');
  const deleteDoc = db.prepare('DELETE FROM work_file_documents WHERE document_id = ? AND doc_kind = ? AND doc_id = ?');
  const closeFile = db.prepare(`UPDATE work_files SET state = 'closed', closed_on = ?, processed_online = ? WHERE id = ? AND state = 'open'`);
  const insertExport = db.prepare('INSERT OR REPLACE INTO work_file_exports (document_id, format, hash, name, size) VALUES (?, ?, ?, ?, ?)');
  const selectExports = db.prepare<[string], ExportRow>('SELECT format, hash, name, size FROM work_file_exports WHERE document_id = ? ORDER BY format');
  const incomingExists = db.prepare<[string], number>('SELECT 1 FROM incoming_documents WHERE id = ?').pluck();
  const outgoingExists = db.prepare<[string], number>('SELECT 1 FROM outgoing_documents WHERE id = ?').pluck();

  // One query per kind; the facts of handling are read from the history (events), which is what "recorded" means.
  const selectFiled = db.prepare<[string], Omit<FiledDocumentRow, 'present' | 'instructed' | 'closed' | 'sealed'> & { present: number; instructed: number; closed: number; sealed: number }>(
    `SELECT d.doc_kind, d.doc_id, d.filed_at, d.filed_by,
       coalesce(i.id, o.id) IS NOT NULL AS present,
       coalesce(i.type_name, o.type_name, '') AS type_name,
       coalesce(i.code_number, o.code_number, '') AS code_number,
       coalesce(i.code_notation, o.code_notation, '') AS code_notation,
       coalesce(i.issued_date, o.issued_date) AS issued_date,
       coalesce(i.organ_name, '') AS organ_name,
       coalesce(i.subject, o.subject, '') AS subject,
       i.page_amount AS page_amount,
       i.arrival_date AS arrival_date, i.arrival_number AS arrival_number, i.channel AS channel, i.handling_state AS handling_state,
       o.status AS status,
       (SELECT count(*) FROM incoming_attachments a WHERE a.document_id = i.id) AS attachments,
       EXISTS (SELECT 1 FROM events e WHERE e.entity = 'incoming' AND e.entity_id = i.id AND e.kind = 'handling.instructed') AS instructed,
       EXISTS (SELECT 1 FROM events e WHERE e.entity = 'incoming' AND e.entity_id = i.id AND e.kind = 'handling.closed'
               OR e.entity = 'incoming' AND e.entity_id = i.id AND e.kind = 'handling.read' AND json_extract(e.data, '$.closes')) AS closed,
       EXISTS (SELECT 1 FROM outgoing_files f WHERE f.document_id = o.id AND f.role = 'main' AND f.origin = 'issue') AS sealed,
       CASE WHEN i.id IS NOT NULL THEN coalesce(
              (SELECT v.hash FROM attachment_versions v WHERE v.document_id = i.id AND v.position = 0 ORDER BY v.version DESC LIMIT 1),
              (SELECT a.hash FROM incoming_attachments a WHERE a.document_id = i.id AND a.position = 0 AND a.mime = 'application/pdf'))
            ELSE (SELECT f.hash FROM outgoing_files f WHERE f.document_id = o.id AND f.role = 'main' AND f.position = 0 ORDER BY f.version DESC LIMIT 1)
       END AS pdf_hash
     FROM work_file_documents d
     LEFT JOIN incoming_documents i ON d.doc_kind = 'incoming' AND i.id = d.doc_id
     LEFT JOIN outgoing_documents o ON d.doc_kind = 'outgoing' AND o.id = d.doc_id
     WHERE d.document_id = ?
     ORDER BY d.filed_at, d.doc_id`,
  );

  // A file counts in the period it was opened in, and in the one it was closed in (both by the Vietnam date). Each count
  // reads its own covering index: one query over both dates read every file's row, seven times slower at 300,000.
  const selectOpened = db.prepare<{ from: string; to: string }, { unit_id: string; n: number }>(
    `SELECT unit_id, count(*) AS n FROM work_files INDEXED BY work_files_opened WHERE opened_on BETWEEN @from AND @to GROUP BY unit_id`,
  );
  const selectClosed = db.prepare<{ from: string; to: string }, { unit_id: string; n: number; online: number }>(
    `SELECT unit_id, count(*) AS n, total(processed_online = 1) AS online FROM work_files INDEXED BY work_files_closed
     WHERE closed_on IS NOT NULL AND closed_on BETWEEN @from AND @to GROUP BY unit_id`,
  );
  function kpi(from: string, to: string): KpiRow[] {
    const rows = new Map<string, KpiRow>();
    const row = (unit_id: string) => rows.get(unit_id) ?? rows.set(unit_id, { unit_id, opened: 0, closed: 0, closed_online: 0 }).get(unit_id)!;
    for (const o of selectOpened.all({ from, to })) row(o.unit_id).opened = o.n;
    for (const c of selectClosed.all({ from, to })) Object.assign(row(c.unit_id), { closed: c.n, closed_online: c.online });
    return [...rows.values()].sort((a, b) => (a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0));
  }

  const savePlanEntry = db.transaction((entry: PlanEntryRow, s: Step) => {
    const existing = selectPlanEntry.get(entry.id);
    const change = existing ? changes.begin('filePlanEntry', entry.id) : changes.create('filePlanEntry', entry.id);
    if (existing) updatePlanEntry.run(entry);
    else insertPlanEntry.run(entry);
    change.record({ actor: s.actor, at: s.at, kind: existing ? 'filePlan.changed' : 'filePlan.added', data: { notation: entry.notation, title: entry.title } });
  });

  const open = db.transaction((file: WorkFileRow, s: Step) => {
    const change = changes.create('workFile', file.id);
    insertFile.run(file);
    change.record({ actor: s.actor, at: s.at, kind: 'workFile.opened', data: { notation: file.notation, title: file.title } });
  });

  const addDocument = db.transaction((fileId: string, doc: { kind: string; id: string }, s: Step): boolean => {
    if (selectFile.get(fileId)?.state !== 'open') return false;
    const change = changes.begin('workFile', fileId);
    insertDoc.run(fileId, doc.kind, doc.id, s.at, s.actor.name);
    change.record({ actor: s.actor, at: s.at, kind: 'workFile.filed', data: { kind: doc.kind, id: doc.id } });
    return true;
  });

  const removeDocument = db.transaction((fileId: string, doc: { kind: string; id: string }, s: Step): boolean => {
    if (selectFile.get(fileId)?.state !== 'open') return false;
    const change = changes.begin('workFile', fileId);
    deleteDoc.run(fileId, doc.kind, doc.id);
    change.record({ actor: s.actor, at: s.at, kind: 'workFile.unfiled', data: { kind: doc.kind, id: doc.id } });
    return true;
  });

  const close = db.transaction((fileId: string, c: { on: string; online: boolean; exports: ExportRow[] }, s: Step): boolean => {
    if (selectFile.get(fileId)?.state !== 'open') return false;
    const change = changes.begin('workFile', fileId);
    closeFile.run(c.on, c.online ? 1 : 0, fileId);
    for (const e of c.exports) insertExport.run(fileId, e.format, e.hash, e.name, e.size);
    change.record({ actor: s.actor, at: s.at, kind: 'workFile.closed', data: { online: c.online, exports: c.exports.map((e) => e.hash) } });
    return true;
  });

  return {
    planEntries: async (year) => selectPlan.all(year),
    planEntry: async (id) => selectPlanEntry.get(id) ?? null,
    savePlanEntry: async (entry, s) => savePlanEntry.immediate(entry, s),
    file: async (id) => selectFile.get(id) ?? null,
    files: async (q) => selectFiles.all({ year: q.year, unit: q.unitId, state: q.state }),
    openWithNotation: async (year, notation) => selectOpenNotation.get(year, notation) ?? null,
    open: async (file, s) => open.immediate(file, s),
    documents: async (fileId) =>
      selectFiled.all(fileId).map((r) => ({ ...r, present: r.present === 1, instructed: r.instructed === 1, closed: r.closed === 1, sealed: r.sealed === 1 })),
    documentExists: async (kind, id) => (kind === 'incoming' ? incomingExists.get(id) : outgoingExists.get(id)) === 1,
    filesOf: async (docId) => selectFilesOf.all(docId),
    addDocument: async (fileId, doc, s) => addDocument.immediate(fileId, doc, s),
    removeDocument: async (fileId, doc, s) => removeDocument.immediate(fileId, doc, s),
    close: async (fileId, c, s) => close.immediate(fileId, c, s),
    exports: async (fileId) => selectExports.all(fileId),
    kpi: async (from, to) => kpi(from, to),
  };
}
