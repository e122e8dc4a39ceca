/**
 * Outgoing documents: their rows, recipients, file versions, numbers, full-text index, events and outbox. Every write
 * is one immediate transaction that first checks the state the caller saw: a step taken on a stale view (another
 * clerk issued the document meanwhile, the draft was returned) writes nothing and says so.
 */
import type {
  DocumentEvent,
  OutgoingFile,
  OutgoingListInput,
  OutgoingStatusName,
  OutgoingSummary,
  RecipientView,
} from '../../../shared/contract';
import type { CopyKind } from '../../../shared/domain/outgoing';
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';
import { createRegisterCounters } from './registerCounters';
import { ftsExpression, parseSearch } from './searchQuery';
import { sqlFilters } from './sqlFilters';
import { facetText, typeFacet, yearFacet, yearTypeFacet } from './searchText';

/** Counting matches stops here, as in the incoming list. */
const COUNT_CAP = 1_000;

export interface OutgoingRow {
  seq: number;
  id: string;
  status: OutgoingStatusName;
  type_name: string;
  subject: string;
  copy_kind: CopyKind;
  legal_normative: number;
  drafting_unit_id: string | null;
  drafter_id: string | null;
  drafter_name: string;
  signer_id: string;
  signer_name: string;
  signer_position: string;
  signer_authority: string;
  reviewer_id: string | null;
  priority: number;
  issued_amount: number;
  due_date: string | null;
  note: string;
  to_places: string;
  register_id: string | null;
  year: number | null;
  number: number | null;
  code_number: string;
  code_notation: string;
  issued_date: string | null;
  document_id: string;
  dispatched_at: string | null;
  /** The edXML package the dispatch sends to the external recipients through the server. */
  exchange_package: string | null;
  closed_reason: string | null;
  replaced_by: string | null;
  reply_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewFile {
  role: OutgoingFile['role'];
  position: number;
  hash: string;
  name: string;
  size: number;
  mime: string;
  origin: string;
}

export interface NewOutgoing {
  id: string;
  fields: {
    typeName: string;
    subject: string;
    copyKind: CopyKind;
    legalNormative: boolean;
    draftingUnitId: string | null;
    signerId: string;
    signerName: string;
    signerPosition: string;
    signerAuthority: string;
    priority: number;
    issuedAmount: number;
    dueDate: string | null;
    note: string;
    /** The incoming document it answers. */
    replyTo?: string | null;
  };
  recipients: RecipientView[];
  files: NewFile[];
  searchText: string;
  actor: Actor;
  at: string;
}

/** A change of state: only from one of `from`, with the columns to set and the event that records it. */
export interface Transition {
  id: string;
  from: readonly OutgoingStatusName[];
  set: Partial<Pick<OutgoingRow, 'status' | 'reviewer_id' | 'dispatched_at' | 'exchange_package' | 'closed_reason' | 'replaced_by'>>;
  /** New file versions written with it (an approval signature, a new draft). */
  files?: NewFile[];
  event: { kind: string; data: Record<string, unknown> };
  actor: Actor;
  at: string;
}

export interface Correction {
  id: string;
  set: Partial<Pick<OutgoingRow, 'subject' | 'priority' | 'due_date' | 'exchange_package'>>;
  searchText: string;
  event: { kind: string; data: Record<string, unknown> };
  actor: Actor;
  at: string;
}

export interface Issue {
  id: string;
  registerId: string;
  registerName: string;
  year: number;
  /** The number the signed file carries: taken only if it is still the register's next one. */
  number: number;
  codeNumber: string;
  codeNotation: string;
  issuedDate: string;
  documentId: string;
  files: NewFile[];
  searchText: string;
  event: Record<string, unknown>;
  actor: Actor;
  at: string;
}

export type IssueOutcome = 'issued' | 'numberTaken' | 'wrongState';

export interface OutgoingRepo {
  create(doc: NewOutgoing): Promise<void>;
  get(id: string): Promise<{ row: OutgoingRow; recipients: RecipientView[]; versions: OutgoingFile[]; events: DocumentEvent[] } | null>;
  transition(t: Transition): Promise<boolean>;
  /** The last number given in a sequence's year: the next issue tries the one after it. */
  lastNumber(registerId: string, year: number): Promise<number>;
  issue(i: Issue): Promise<IssueOutcome>;
  list(input: OutgoingListInput, actorId: string | null): Promise<{ total: number; totalCapped: boolean; rows: OutgoingSummary[] }>;
  /** The drafts and issued documents that answer an incoming document, oldest first. */
  replies(incomingId: string): Promise<OutgoingSummary[]>;
  /** The issued document an edXML DocumentId names, if it is this organisation's. */
  idByDocumentId(documentId: string): Promise<string | null>;
  /** True while the change that sends the document's edXML package waits in the outbox (or was refused there). */
  packageWaiting(id: string): Promise<boolean>;
  /** Corrects an issued document's information (outgoing.correct) as one change, its index text anew; false when not issued. */
  correct(c: Correction): Promise<boolean>;
  /** The documents `id` replaced (outgoing.replace), oldest first. */
  replacedBy(id: string): Promise<string[]>;
  /** Issued documents by issue date, in number order per sequence: the outgoing register book. */
  byIssuedDate(from: string, to: string): Promise<OutgoingRow[]>;
  /** The sequences (register ids) with documents issued in the period. */
  sequencesIssued(from: string, to: string): Promise<string[]>;
  /** Bulk path of the benchmark: drafts already issued, one transaction. */
  insertIssuedMany(docs: (NewOutgoing & Omit<Issue, 'files' | 'event' | 'actor' | 'at' | 'id' | 'searchText'>)[]): Promise<void>;
}

export function toSummary(r: OutgoingRow): OutgoingSummary {
  return {
    id: r.id,
    status: r.status,
    typeName: r.type_name,
    subject: r.subject,
    copyKind: r.copy_kind,
    year: r.year,
    number: r.number,
    codeNumber: r.code_number,
    codeNotation: r.code_notation,
    issuedDate: r.issued_date,
    signerName: r.signer_name,
    signerPosition: r.signer_position,
    signerAuthority: r.signer_authority,
    drafterName: r.drafter_name,
    reviewerId: r.reviewer_id,
    priority: r.priority,
    issuedAmount: r.issued_amount,
    dueDate: r.due_date,
    toPlaces: r.to_places,
    dispatchedAt: r.dispatched_at,
    closedReason: r.closed_reason,
    createdAt: r.created_at,
  };
}

/**
 * Orders of the list; the tie-breaks make every row's place unique and each order is an index walk (the rowid closes
 * every index), so a first page never sorts the register. Drafts, with no number or date yet, come first ascending.
 */
const SORT: Record<NonNullable<OutgoingListInput['sort']>['by'], string> = {
  codeNumber: 'd.year {dir}, d.number {dir}, d.seq {dir}',
  issuedDate: 'd.issued_date {dir}, d.number {dir}, d.seq {dir}',
  dueDate: 'd.due_date IS NULL, d.due_date {dir}, d.seq {dir}',
  createdAt: 'd.seq {dir}',
};

export function createOutgoingRepo(db: Db): OutgoingRepo {
  const counters = createRegisterCounters(db);
  const changes = createChangeLog(db);
  const insertDoc = db.prepare(
    `INSERT INTO outgoing_documents (id, status, type_name, subject, copy_kind, legal_normative, drafting_unit_id, drafter_id,
       drafter_name, signer_id, signer_name, signer_position, signer_authority, priority, issued_amount, due_date, note,
       to_places, reply_to, created_at, updated_at)
     VALUES (@id, 'draft', @typeName, @subject, @copyKind, @legalNormative, @draftingUnitId, @drafterId, @drafterName, @signerId,
       @signerName, @signerPosition, @signerAuthority, @priority, @issuedAmount, @dueDate, @note, @toPlaces, @replyTo, @at, @at)`,
  );
  const insertRecipient = db.prepare(
    'INSERT INTO outgoing_recipients (document_id, position, kind, ref_id, organ_id, name) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const nextVersion = db.prepare<[string, string, number], number>(
    'SELECT coalesce(max(version), 0) + 1 FROM outgoing_files WHERE document_id = ? AND role = ? AND position = ?',
  ).pluck();
  const insertFile = db.prepare(
    `INSERT INTO outgoing_files (document_id, role, position, version, hash, name, size, mime, origin, created_at, actor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFts = db.prepare('INSERT INTO outgoing_fts (rowid, body, facets) VALUES (?, ?, ?)');
  const deleteFts = db.prepare('DELETE FROM outgoing_fts WHERE rowid = ?');
  const selectDoc = db.prepare<[string], OutgoingRow>('SELECT * FROM outgoing_documents WHERE id = ?');
  const selectRecipients = db.prepare<[string], { kind: RecipientView['kind']; ref_id: string | null; organ_id: string | null; name: string }>(
    'SELECT kind, ref_id, organ_id, name FROM outgoing_recipients WHERE document_id = ? ORDER BY position',
  );
  const selectFiles = db.prepare<[string], { role: OutgoingFile['role']; position: number; version: number; hash: string; name: string; size: number; mime: string; origin: string; created_at: string; actor: string }>(
    'SELECT role, position, version, hash, name, size, mime, origin, created_at, actor FROM outgoing_files WHERE document_id = ? ORDER BY role, position, version',
  );
  const selectEvents = db.prepare<[string], { id: string; at: string; actor: string; kind: string; data: string }>(
    `SELECT id, at, actor, kind, data FROM events WHERE entity_id = ? AND entity = 'outgoing' ORDER BY at, rowid`,
  );

  function addFiles(id: string, files: readonly NewFile[], actor: Actor, at: string) {
    for (const f of files) {
      insertFile.run(id, f.role, f.position, nextVersion.get(id, f.role, f.position), f.hash, f.name, f.size, f.mime, f.origin, at, actor.name);
    }
  }

  function insertOne(doc: NewOutgoing): number | bigint {
    const f = doc.fields;
    const info = insertDoc.run({
      ...f,
      id: doc.id,
      replyTo: f.replyTo ?? null,
      legalNormative: f.legalNormative ? 1 : 0,
      drafterId: doc.actor.id,
      drafterName: doc.actor.name,
      toPlaces: doc.recipients.map((r) => r.name).join('; '),
      at: doc.at,
    });
    doc.recipients.forEach((r, i) => insertRecipient.run(doc.id, i, r.kind, r.id, r.organId, r.name));
    addFiles(doc.id, doc.files, doc.actor, doc.at);
    return info.lastInsertRowid;
  }

  const create = db.transaction((doc: NewOutgoing) => {
    const seq = insertOne(doc);
    changes.create('outgoing', doc.id).record(
      { actor: doc.actor, at: doc.at, kind: 'outgoing.created', data: { ...doc.fields, recipients: doc.recipients, files: doc.files } },
      doc.searchText,
    );
    // Drafts have no year yet: their facet is the type alone until the issue gives them one.
    insertFts.run(seq, doc.searchText, `${typeFacet(doc.fields.typeName)}`);
  });

  const transition = db.transaction((t: Transition): boolean => {
    const row = selectDoc.get(t.id);
    if (!row || !t.from.includes(row.status)) return false;
    const change = changes.begin('outgoing', t.id);
    const columns = Object.keys(t.set) as (keyof Transition['set'])[];
    const assignments = [...columns.map((c) => `${c} = @${c}`), 'updated_at = @at'].join(', ');
    db.prepare(`UPDATE outgoing_documents SET ${assignments} WHERE id = @id`).run({ ...t.set, at: t.at, id: t.id });
    if (t.files) addFiles(t.id, t.files, t.actor, t.at);
    change.record({ actor: t.actor, at: t.at, kind: t.event.kind, data: { ...t.event.data, from: row.status, ...t.set } });
    return true;
  });

  const updateIssued = db.prepare(
    `UPDATE outgoing_documents SET status = 'issued', register_id = @registerId, year = @year, number = @number,
       code_number = @codeNumber, code_notation = @codeNotation, issued_date = @issuedDate, document_id = @documentId,
       reviewer_id = NULL, updated_at = @at
     WHERE id = @id`,
  );
  const issue = db.transaction((i: Issue): IssueOutcome => {
    const row = selectDoc.get(i.id);
    if (!row || row.status !== 'approved') return 'wrongState';
    counters.ensure(i.registerId, 'outgoing', i.registerName);
    if (counters.last(i.registerId, i.year) !== i.number - 1) return 'numberTaken';
    const change = changes.begin('outgoing', i.id);
    counters.take(i.registerId, i.year);
    updateIssued.run({ ...i, at: i.at });
    addFiles(i.id, i.files, i.actor, i.at);
    change.record({ actor: i.actor, at: i.at, kind: 'outgoing.issued', data: i.event }, i.searchText);
    deleteFts.run(row.seq);
    insertFts.run(row.seq, i.searchText, facetText(i.year, row.type_name));
    return 'issued';
  });

  const correct = db.transaction((c: Correction): boolean => {
    const row = selectDoc.get(c.id);
    if (!row || !(row.status === 'issued' || row.status === 'dispatched')) return false;
    const change = changes.begin('outgoing', c.id);
    const columns = Object.keys(c.set);
    db.prepare(`UPDATE outgoing_documents SET ${[...columns.map((k) => `${k} = @${k}`), 'updated_at = @at'].join(', ')} WHERE id = @id`).run({ ...c.set, id: c.id, at: c.at });
    change.record({ actor: c.actor, at: c.at, ...c.event }, c.searchText);
    deleteFts.run(row.seq);
    insertFts.run(row.seq, c.searchText, facetText(row.year!, row.type_name));
    return true;
  });

  const insertIssuedMany = db.transaction((docs: Parameters<OutgoingRepo['insertIssuedMany']>[0]) => {
    const index: [number | bigint, string, string][] = [];
    for (const doc of docs) {
      const seq = insertOne(doc);
      counters.ensure(doc.registerId, 'outgoing', doc.registerName);
      const number = counters.take(doc.registerId, doc.year);
      updateIssued.run({ ...doc, number, id: doc.id, at: doc.at });
      changes.create('outgoing', doc.id).record({ actor: doc.actor, at: doc.at, kind: 'outgoing.issued', data: { number } }, doc.searchText);
      index.push([seq, doc.searchText, facetText(doc.year, doc.fields.typeName)]);
    }
    // After the other rows, as the incoming bulk path does: interleaved FTS writes cost a segment per document.
    for (const [seq, body, facets] of index) insertFts.run(seq, body, facets);
  });

  const firstWithWord = db.prepare<[string], { rowid: number }>('SELECT rowid FROM outgoing_fts WHERE outgoing_fts MATCH ? LIMIT 1');

  function list(input: OutgoingListInput, actorId: string | null) {
    const f = input.filter;
    const { where, params, when } = sqlFilters();
    const typeName = f.typeName?.normalize('NFC');
    when(f.year, 'd.year = @year', 'year');
    when(typeName, 'd.type_name = @typeName', 'typeName');
    when(f.priority, 'd.priority = @priority', 'priority');
    when(f.status, 'd.status = @status', 'status');
    when(f.from, 'd.issued_date >= @from', 'from');
    when(f.to, 'd.issued_date <= @to', 'to');
    if (f.mine) {
      // What waits for this person: drafts they review, their own drafts returned to them or not yet sent, and for
      // a clerk (who sees them in the "to issue" view) every approved one.
      where.push(`((d.reviewer_id = @actor AND d.status = 'reviewing') OR (d.drafter_id = @actor AND d.status IN ('draft', 'returned'))
        OR (d.status = 'approved' AND EXISTS (SELECT 1 FROM staff s WHERE s.id = @actor AND s.role = 'van_thu')))`);
      params.actor = actorId;
    }
    let from = 'outgoing_documents d';
    if (f.query) {
      const search = parseSearch(f.query, (word) => firstWithWord.get(`body : "${word}"`) !== undefined);
      if (!search) return { total: 0, totalCapped: false, rows: [] };
      const facets = [f.year !== undefined && typeName ? yearTypeFacet(f.year, typeName) : f.year !== undefined ? yearFacet(f.year) : typeName ? typeFacet(typeName) : null].filter((t) => t !== null);
      const text = `body : (${ftsExpression(search)})`;
      params.match = facets.length ? `facets : ("${facets[0]}") AND ${text}` : text;
      from = 'outgoing_fts f JOIN outgoing_documents d ON d.seq = f.rowid';
      where.unshift('outgoing_fts MATCH @match');
    }
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counted = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${from} ${filterSql} LIMIT ${COUNT_CAP + 1})`).pluck().get(params) as number;
    // Newest first through the index itself when searching: FTS5 gives its rows in rowid order and stops at the page.
    const order = input.sort ? SORT[input.sort.by].replaceAll('{dir}', input.sort.dir) : f.query ? 'f.rowid DESC' : 'd.seq DESC';
    const rows = db
      .prepare(`SELECT d.* FROM ${from} ${filterSql} ORDER BY ${order} LIMIT ${input.limit} OFFSET ${input.offset}`)
      .all(params) as OutgoingRow[];
    return { total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, rows: rows.map(toSummary) };
  }

  const selectReplies = db.prepare<[string], OutgoingRow>('SELECT * FROM outgoing_documents WHERE reply_to = ? ORDER BY created_at, seq');
  const selectPackageWaiting = db.prepare<[string], number>(
    "SELECT 1 FROM outbox WHERE entity_id = ? AND state <> 'withdrawn' AND json_extract(payload, '$.set.exchangePackage') IS NOT NULL LIMIT 1",
  ).pluck();
  const selectByDocumentId = db.prepare<[string], { id: string }>("SELECT id FROM outgoing_documents WHERE document_id = ? AND document_id <> '' LIMIT 1");
  const selectReplacedBy = db.prepare<[string], string>('SELECT id FROM outgoing_documents WHERE replaced_by = ? ORDER BY issued_date, number').pluck();
  const selectByIssued = db.prepare<[string, string], OutgoingRow>(
    `SELECT * FROM outgoing_documents WHERE issued_date BETWEEN ? AND ? AND number IS NOT NULL ORDER BY issued_date, register_id, number`,
  );

  const selectSequences = db
    .prepare<[string, string], string>(`SELECT DISTINCT register_id FROM outgoing_documents WHERE issued_date BETWEEN ? AND ? AND number IS NOT NULL ORDER BY register_id`)
    .pluck();

  return {
    create: async (doc) => create.immediate(doc),
    async get(id) {
      const row = selectDoc.get(id);
      if (!row) return null;
      const recipients = selectRecipients.all(id).map((r) => ({ kind: r.kind, id: r.ref_id, organId: r.organ_id, name: r.name }));
      const versions = selectFiles.all(id).map((v) => ({ role: v.role, position: v.position, version: v.version, hash: v.hash, name: v.name, size: v.size, mime: v.mime, origin: v.origin, createdAt: v.created_at, actor: v.actor }));
      const events = selectEvents.all(id).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
      return { row, recipients, versions, events };
    },
    transition: async (t) => transition.immediate(t),
    lastNumber: async (registerId, year) => counters.last(registerId, year),
    issue: async (i) => issue.immediate(i),
    list: async (input, actorId) => list(input, actorId),
    replies: async (incomingId) => selectReplies.all(incomingId).map(toSummary),
    idByDocumentId: async (documentId) => selectByDocumentId.get(documentId)?.id ?? null,
    packageWaiting: async (id) => selectPackageWaiting.get(id) !== undefined,
    replacedBy: async (id) => selectReplacedBy.all(id),
    correct: async (c) => correct.immediate(c),
    byIssuedDate: async (from, to) => selectByIssued.all(from, to),
    sequencesIssued: async (from, to) => selectSequences.all(from, to),
    insertIssuedMany: async (docs) => insertIssuedMany.immediate(docs),
  };
}
