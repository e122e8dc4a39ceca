/**
 * Incoming documents: the register rows, their numbering, attachments, hand-overs, full-text index, events and outbox.
 * Every write is one immediate transaction, so a number is given together with its document or not at all.
 */
import type {
  Attachment,
  DocumentEvent,
  Handling,
  IncomingDocument,
  IncomingFields,
  IncomingStatus,
  IncomingSummary,
  ListInput,
} from '../../../shared/contract';
import type { HandlingState } from '../../../shared/domain/handling';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';
import { documentFields } from './sync/documentFields';
import { ftsExpression, parseSearch, subjectRelevance } from './searchQuery';
import { createRegisterList, matchingOrganNames, organMatchText } from './incomingList';
import { createRegisterCounters } from './registerCounters';
import { sqlFilters } from './sqlFilters';
import { facetText, typeFacet, yearFacet, yearTypeFacet } from './searchText';
import { timeOrderedId } from './timeOrderedId';

const REGISTER_ID = 'incoming';
/** Up to this many matches the whole result is read and ranked; above, it is shown newest first. */
const RANK_LIMIT = 500;
/** Counting matches stops here; the UI shows "more than". Ten pages: nobody reads further, they refine the query. */
const COUNT_CAP = 1_000;

export type { Actor } from './eventLog';

/** The fields a sender may correct by an edXML update, and their columns: not its identity (số, ký hiệu, ngày, cơ quan,
 * DocumentId) nor its type, which the index's facets keep. */
const SENDER_COLUMNS = {
  subject: 'subject',
  signerName: 'signer_name',
  signerPosition: 'signer_position',
  place: 'place',
  priority: 'priority',
  pageAmount: 'page_amount',
  dueDate: 'due_date',
  toPlaces: 'to_places',
} as const satisfies Partial<Record<keyof IncomingFields, string>>;
export type SenderFields = Pick<IncomingFields, keyof typeof SENDER_COLUMNS>;
export interface FieldChange {
  field: keyof SenderFields;
  from: string | number | null;
  to: string | number | null;
}

export interface NewIncoming {
  fields: IncomingFields;
  year: number;
  duplicateKey: string;
  attachments: Attachment[];
  /** Folded text of metadata and attachments for the full-text index. */
  searchText: string;
  actor: Actor;
  at: string;
  /** Register even if duplicates exist, recording this reason. Null: stop at the first duplicate. */
  duplicateReason: string | null;
}

export type RegisterOutcome = { kind: 'registered'; id: string } | { kind: 'duplicate'; matches: IncomingSummary[] };

export interface HandOver {
  documentId: string;
  action: 'present' | 'forward';
  date: string;
  recipient: { kind: 'staff' | 'unit'; id: string; name: string };
  note: string;
  actor: Actor;
  at: string;
}

export interface Withdrawal {
  reason: string;
  replacedBy: string | null;
  /** The sender's DocumentId for the message that withdrew it. */
  documentId: string;
  actor: Actor;
  at: string;
}

export interface IncomingRepo {
  register(doc: NewIncoming): Promise<RegisterOutcome>;
  /** The bulk-import path: one commit for the batch; a duplicate is registered only when its item carries a reason. */
  registerMany(docs: NewIncoming[]): Promise<RegisterOutcome[]>;
  get(id: string): Promise<{ document: IncomingDocument; events: DocumentEvent[]; handling: Handling } | null>;
  /** The list rows of these documents, in no particular order (unknown ids are left out). */
  summaries(ids: string[]): Promise<IncomingSummary[]>;
  list(input: ListInput): Promise<{ total: number; totalCapped: boolean; rows: IncomingSummary[] }>;
  handOver(h: HandOver): Promise<boolean>;
  /**
   * An internal copy of the organisation's own outgoing document: registered, linked to it and handed to each
   * recipient in one transaction; a copy already delivered is returned as it is, so a repeated dispatch adds nothing.
   */
  deliver(doc: NewIncoming, outgoingId: string, recipients: HandOver['recipient'][], date: string): Promise<string>;
  /** Marks the internal copy of an outgoing document recalled (once), with its event; the copy's id, or null if none. */
  recallByOutgoing(outgoingId: string, reason: string, actor: Actor, at: string): Promise<string | null>;
  /** The entries of an edXML DocumentId (one, unless a duplicate was registered with a reason). */
  byDocumentId(documentId: string): Promise<IncomingSummary[]>;
  /**
   * Withdraws an entry its sender recalled or replaced through the exchange (`replacedBy`: the entry replacing it),
   * with its event; false when it was withdrawn already.
   */
  withdraw(id: string, w: Withdrawal): Promise<boolean>;
  /**
   * Takes the sender's correction of an entry's fields (edXML update, QCVN 102 business type 2) as one change, its index
   * text written anew; the fields that differ, before and after (none: nothing recorded).
   */
  updateFromSender(id: string, fields: SenderFields, u: { reason: string; documentId: string; actor: Actor; at: string }): Promise<FieldChange[]>;
  /**
   * Lifts a withdrawal the organisation refused (status 16), with its event; false when the entry was not withdrawn.
   * `sent`: the 16 status message, queued by the same change when the entry came through the server.
   */
  restore(id: string, reason: string, actor: Actor, at: string, sent?: { code: string; hash: string }): Promise<boolean>;
  organNames(prefix: string, limit: number): Promise<string[]>;
  /** Years with at least one document, newest first (from the per-facet counts: no scan of the register). */
  years(): Promise<number[]>;
  /** Documents of the register by arrival date, in register order, with their hand-overs: the register book. */
  byArrivalDate(from: string, to: string): Promise<{ document: IncomingSummary; note: string; recipients: string[] }[]>;
  cachedText(hash: string): Promise<{ pageCount: number | null; problem: string | null; text: string } | null>;
  /** `unreadPages`: a long scan's pages its first reading left for the background (see scansToFinish). */
  cacheText(hash: string, info: { pageCount: number | null; problem: string | null; text: string; unreadPages?: number[] }): Promise<void>;
  /** Registered scans (a file an incoming document attaches) with pages still to recognise. */
  scansToFinish(): Promise<{ hash: string; pageCount: number | null; unreadPages: number[] }[]>;
  /** One more page read in the background: its text joins the file's cached text, and `unreadPages` is what is left. */
  addPageText(hash: string, text: string, unreadPages: number[]): Promise<void>;
  /**
   * The scan is read to its end: every incoming document attaching it has its full-text row rewritten with the whole
   * text, each with one event and its outbox mutation (the new index text), in one transaction. Returns their ids.
   */
  indexFinishedScan(hash: string, pageCount: number | null, actor: Actor, at: string): Promise<string[]>;
  /** Under the write lock, for each hash no attachment (original or signed version) references: forgets its cached
   * text and calls `discard` (which must be synchronous). Registrations check their files under the same lock, so none
   * can come to reference bytes removed here. Returns the hashes discarded. */
  discardUnreferenced(hashes: string[], discard: (hash: string) => void): Promise<string[]>;
}

export interface IncomingRepoOptions {
  /** Whether the content store holds these bytes; checked inside the registering transaction (see discardUnreferenced). */
  contentPresent?: (hash: string) => boolean;
}

interface DocRow {
  seq: number;
  id: string;
  year: number;
  arrival_number: number | null;
  arrival_date: string;
  organ_name: string;
  code_number: string;
  code_notation: string;
  issued_date: string;
  type_name: string;
  subject: string;
  signer_name: string;
  signer_position: string;
  place: string;
  priority: number;
  secrecy: string;
  page_amount: number | null;
  due_date: string | null;
  to_places: string;
  note: string;
  document_id: string;
  channel: 'paper' | 'electronic';
  status: IncomingStatus;
  handed_over_at: string | null;
  recalled_at: string | null;
  recall_reason: string | null;
  replaced_by: string | null;
  outgoing_id: string | null;
  duplicate_reason: string | null;
  created_at: string;
  restricted: number;
}

/** The handling columns (migration 10), NULL until each step happens. */
export interface HandlingColumns {
  handling_state: HandlingState | null;
  lead_unit_id: string | null;
  lead_staff_id: string | null;
  cooperating: string | null;
  for_info: number | null;
  assignee_id: string | null;
  assignee_due: string | null;
  handling_due: string | null;
  progress: string | null;
  closed_at: string | null;
  close_note: string | null;
  reply_outgoing_id: string | null;
  reply_code: string | null;
}

export function toHandling(r: HandlingColumns): Handling {
  return {
    state: r.handling_state,
    leadUnitId: r.lead_unit_id,
    leadStaffId: r.lead_staff_id,
    cooperating: r.cooperating ? (JSON.parse(r.cooperating) as string[]) : [],
    forInfo: r.for_info === 1,
    assigneeId: r.assignee_id,
    assigneeDue: r.assignee_due,
    due: r.handling_due,
    progress: r.progress,
    closedAt: r.closed_at,
    closeNote: r.close_note,
    replyOutgoingId: r.reply_outgoing_id,
    replyCode: r.reply_code,
  };
}

/** The columns a registration writes; the others (hand-over, recall) start empty. */
const NEW_ROW_COLUMNS = [
  'id', 'register_id', 'year', 'arrival_number', 'arrival_date', 'organ_name', 'duplicate_key', 'code_number', 'code_notation',
  'issued_date', 'type_name', 'subject', 'signer_name', 'signer_position', 'place', 'priority', 'secrecy', 'page_amount',
  'due_date', 'to_places', 'note', 'document_id', 'channel', 'status', 'duplicate_reason', 'created_at', 'created_by', 'outgoing_id', 'restricted',
] as const;
type NewRow = Record<(typeof NEW_ROW_COLUMNS)[number], string | number | null>;

const SUMMARY_COLUMNS = `d.id, d.year, d.arrival_number, d.arrival_date, d.organ_name, d.code_number, d.code_notation, d.issued_date,
  d.type_name, d.subject, d.priority, d.due_date, d.to_places, d.status, d.handed_over_at, d.recalled_at, d.replaced_by`;

function toSummary(r: DocRow): IncomingSummary {
  return {
    id: r.id,
    year: r.year,
    arrivalNumber: r.arrival_number,
    arrivalDate: r.arrival_date,
    organName: r.organ_name,
    codeNumber: r.code_number,
    codeNotation: r.code_notation,
    issuedDate: r.issued_date,
    typeName: r.type_name,
    subject: r.subject,
    priority: r.priority,
    dueDate: r.due_date,
    toPlaces: r.to_places,
    status: r.status,
    handedOverAt: r.handed_over_at,
    recalledAt: r.recalled_at,
    replacedBy: r.replaced_by,
  };
}

/** A text query's results in a chosen order; the tie-breaks make every row's place unique. */
const SEARCH_SORT: Record<string, string> = {
  // Provisional entries (no number yet) after the numbered ones, as in the plain list.
  arrivalNumber: 'd.arrival_number IS NULL {dir}, d.year {dir}, d.arrival_number {dir}, d.seq {dir}',
  arrivalDate: 'd.arrival_number IS NULL {dir}, d.arrival_date {dir}, d.arrival_number {dir}, d.seq {dir}',
  issuedDate: 'd.issued_date {dir}, d.seq {dir}',
  organName: 'd.organ_name {dir}, d.seq {dir}',
  dueDate: 'd.due_date IS NULL, d.due_date {dir}, d.seq {dir}',
};

export function createIncomingRepo(db: Db, options: IncomingRepoOptions = {}): IncomingRepo {
  const counters = createRegisterCounters(db);
  // Two indexed look-ups: an OR across both columns would make SQLite scan the whole register for every document.
  const findByDuplicateKey = db.prepare<[string], DocRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM incoming_documents d WHERE d.duplicate_key = ? ORDER BY d.seq LIMIT 20`,
  );
  const findByDocumentId = db.prepare<[string], DocRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM incoming_documents d WHERE d.document_id = ? AND d.document_id <> '' ORDER BY d.seq LIMIT 20`,
  );
  function findDuplicates(doc: NewIncoming): DocRow[] {
    const byKey = findByDuplicateKey.all(doc.duplicateKey);
    if (!doc.fields.documentId) return byKey;
    const seen = new Set(byKey.map((r) => r.id));
    return [...byKey, ...findByDocumentId.all(doc.fields.documentId).filter((r) => !seen.has(r.id))];
  }
  const insertDoc = db.prepare(`INSERT INTO incoming_documents (${NEW_ROW_COLUMNS.join(', ')}) VALUES (${NEW_ROW_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const insertAttachment = db.prepare(
    `INSERT INTO incoming_attachments (document_id, position, hash, name, size, mime, page_count)
     VALUES (@document_id, @position, @hash, @name, @size, @mime, @page_count)`,
  );
  const insertFts = db.prepare('INSERT INTO incoming_fts (rowid, body, facets) VALUES (?, ?, ?)');
  const deleteFts = db.prepare('DELETE FROM incoming_fts WHERE rowid = ?');
  const insertOrgan = db.prepare('INSERT OR IGNORE INTO incoming_organs (name, match_text) VALUES (?, ?)');
  const changes = createChangeLog(db);
  /** The facet tokens of a year and type, folded once: a register has a few dozen such pairs. */
  const facetsByYearType = new Map<string, string>();
  const facets = (year: number, typeName: string) => {
    const key = `${year} ${typeName}`;
    let text = facetsByYearType.get(key);
    if (text === undefined) facetsByYearType.set(key, (text = facetText(year, typeName)));
    return text;
  };

  /** A registered document's row in the full-text index, written after the batch's other rows (see registerAll). */
  interface IndexEntry {
    seq: number | bigint;
    body: string;
    facets: string;
  }

  function insertOne(doc: NewIncoming, index: IndexEntry[], outgoingId: string | null, organs: Set<string>): string {
    const id = timeOrderedId();
    // While another computer holds the register's lease this one keeps a provisional entry: the holder numbers it on sync.
    const arrivalNumber = counters.takeUnlessLeased(REGISTER_ID, doc.year);
    const f = doc.fields;
    const row: NewRow = {
      id,
      register_id: REGISTER_ID,
      year: doc.year,
      arrival_number: arrivalNumber,
      arrival_date: f.arrivalDate,
      organ_name: f.organName,
      duplicate_key: doc.duplicateKey,
      code_number: f.codeNumber,
      code_notation: f.codeNotation,
      issued_date: f.issuedDate,
      type_name: f.typeName,
      subject: f.subject,
      signer_name: f.signerName,
      signer_position: f.signerPosition,
      place: f.place,
      priority: f.priority,
      secrecy: f.secrecy,
      page_amount: f.pageAmount,
      due_date: f.dueDate,
      to_places: f.toPlaces,
      note: f.note,
      document_id: f.documentId,
      channel: f.channel,
      status: 'registered',
      duplicate_reason: doc.duplicateReason,
      created_at: doc.at,
      created_by: doc.actor.id,
      outgoing_id: outgoingId,
      restricted: f.restricted ? 1 : 0,
    };
    const info = insertDoc.run(row);
    // A batch names few issuing bodies: each is folded and offered to the table once per transaction.
    if (!organs.has(f.organName)) {
      insertOrgan.run(f.organName, organMatchText(f.organName));
      organs.add(f.organName);
    }
    const attachments = doc.attachments.map((a, position) => ({ document_id: id, position, hash: a.hash, name: a.name, size: a.size, mime: a.mime, page_count: a.pageCount }));
    for (const a of attachments) insertAttachment.run(a);
    index.push({ seq: info.lastInsertRowid, body: doc.searchText, facets: facets(doc.year, f.typeName) });
    // The rows just inserted are the new document's fields: nothing is read back (the bulk path registers a million).
    changes.create('incoming', id, { row, children: { attachment: attachments } }).record(
      {
        actor: doc.actor,
        at: doc.at,
        kind: 'incoming.registered',
        data: { ...f, year: doc.year, arrivalNumber, attachments: doc.attachments, duplicateReason: doc.duplicateReason },
      },
      doc.searchText,
    );
    return id;
  }

  function registerOne(doc: NewIncoming, index: IndexEntry[], organs: Set<string>, outgoingId: string | null = null): RegisterOutcome {
    if (options.contentPresent && !doc.attachments.every((a) => options.contentPresent!(a.hash))) {
      throw new AppError('BAD_INPUT', msg('error.attachmentMissing'), { attachments: msg('error.attachmentMissing') });
    }
    const matches = findDuplicates(doc);
    if (matches.length > 0 && doc.duplicateReason === null) return { kind: 'duplicate', matches: matches.map(toSummary) };
    return { kind: 'registered', id: insertOne({ ...doc, duplicateReason: matches.length > 0 ? doc.duplicateReason : null }, index, outgoingId, organs) };
  }
  /**
   * The full-text rows go in last, still inside the transaction. Once FTS5 has pending rows, every later statement that
   * opens a statement journal (the counter's upsert, the outbox insert) makes it flush them to a new tiny segment;
   * interleaved, that costs a segment and its merges per document, about ten times the whole insert.
   */
  const registerAll = db.transaction((docs: NewIncoming[]) => {
    const index: IndexEntry[] = [];
    const organs = new Set<string>();
    const outcomes = docs.map((doc) => registerOne(doc, index, organs));
    for (const e of index) insertFts.run(e.seq, e.body, e.facets);
    return outcomes;
  });

  const selectDoc = db.prepare<[string], DocRow & HandlingColumns>('SELECT * FROM incoming_documents WHERE id = ?');
  const selectReplaced = db.prepare<[string], DocRow>(`SELECT ${SUMMARY_COLUMNS} FROM incoming_documents d WHERE d.replaced_by = ? ORDER BY d.seq`);
  const selectAttachments = db.prepare<[string], { hash: string; name: string; size: number; mime: string; page_count: number | null }>(
    'SELECT hash, name, size, mime, page_count FROM incoming_attachments WHERE document_id = ? ORDER BY position',
  );
  const selectEvents = db.prepare<[string], { id: string; at: string; actor: string; kind: string; data: string }>(
    'SELECT id, at, actor, kind, data FROM events WHERE entity_id = ? ORDER BY at, rowid',
  );

  function get(id: string) {
    const r = selectDoc.get(id);
    if (!r) return null;
    const attachments = selectAttachments.all(id).map((a) => ({ hash: a.hash, name: a.name, size: a.size, mime: a.mime, pageCount: a.page_count }));
    const document: IncomingDocument = {
      ...toSummary(r),
      signerName: r.signer_name,
      signerPosition: r.signer_position,
      place: r.place,
      secrecy: 'none',
      pageAmount: r.page_amount,
      note: r.note,
      documentId: r.document_id,
      channel: r.channel,
      recallReason: r.recall_reason,
      replaces: selectReplaced.all(id).map(toSummary),
      outgoingId: r.outgoing_id,
      duplicateReason: r.duplicate_reason,
      createdAt: r.created_at,
      restricted: r.restricted === 1,
      attachments,
    };
    const events = selectEvents.all(id).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
    return { document, events, handling: toHandling(r) };
  }

  const plainList = createRegisterList<DocRow>(db, SUMMARY_COLUMNS);
  const selectSummaries = db.prepare<[string], DocRow>(`SELECT ${SUMMARY_COLUMNS} FROM incoming_documents d WHERE d.id IN (SELECT value FROM json_each(?))`);
  const selectBySeqs = db.prepare<[string], DocRow>(`SELECT ${SUMMARY_COLUMNS}, d.seq FROM incoming_documents d WHERE d.seq IN (SELECT value FROM json_each(?))`);
  const firstWithWord = db.prepare<[string], { rowid: number }>('SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH ? LIMIT 1');

  function list(input: ListInput) {
    const f = input.filter;
    if (!f.query) {
      const { rows, ...total } = plainList.list({ ...input, filter: f });
      return { ...total, rows: rows.map(toSummary) };
    }
    const search = parseSearch(f.query, (word) => firstWithWord.get(`body : "${word}"`) !== undefined);
    if (!search) return { total: 0, totalCapped: false, rows: [] };
    const typeName = f.typeName?.normalize('NFC');

    const { where, params, when } = sqlFilters();
    // The year is a facet token of the index; the type is one too, and is still compared exactly here (cheap on the
    // few rows the facet leaves) because folding could make two spellings meet.
    when(typeName, 'd.type_name = @typeName', 'typeName');
    when(f.priority, 'd.priority = @priority', 'priority');
    when(f.status, 'd.status = @status', 'status');
    when(f.from, 'd.arrival_date >= @from', 'from');
    when(f.to, 'd.arrival_date <= @to', 'to');
    const organs = f.organName ? matchingOrganNames(db, f.organName) : null;
    if (organs?.length === 0) return { total: 0, totalCapped: false, rows: [] };
    if (organs) when(JSON.stringify(organs), 'd.organ_name IN (SELECT value FROM json_each(@organs))', 'organs');

    const page = `LIMIT ${input.limit} OFFSET ${input.offset}`;
    const facets = f.year !== undefined && typeName ? [yearTypeFacet(f.year, typeName)]
      : [f.year === undefined ? null : yearFacet(f.year), typeName ? typeFacet(typeName) : null].filter((t) => t !== null);
    // The facet goes first: FTS5 steps through its first list one entry at a time and seeks in the others, and a
    // year-and-type list is far shorter than the list of a common word.
    const text = `body : (${ftsExpression(search)})`;
    params.match = facets.length ? `facets : (${facets.map((t) => `"${t}"`).join(' ')}) AND ${text}` : text;
    const filterSql = where.length ? `AND ${where.join(' AND ')}` : '';
    // One pass over the index, newest first, up to the count cap: it gives the total, the whole of a small result to
    // rank, and the first pages of a large one. Without table filters no document row is read for it.
    const matched = where.length
      ? `SELECT d.seq FROM incoming_fts f JOIN incoming_documents d ON d.seq = f.rowid WHERE incoming_fts MATCH @match ${filterSql}`
      : 'SELECT f.rowid FROM incoming_fts f WHERE incoming_fts MATCH @match';
    const seqs = db.prepare(`${matched} ORDER BY f.rowid DESC LIMIT ${COUNT_CAP + 1}`).pluck().all(params) as number[];
    const total = { total: Math.min(seqs.length, COUNT_CAP), totalCapped: seqs.length > COUNT_CAP };
    const end = input.offset + input.limit;
    if (!input.sort && seqs.length <= RANK_LIMIT) {
      // Best match first: the whole small result is read and ordered by its subject, newest first among equals.
      const ranked = selectBySeqs
        .all(JSON.stringify(seqs))
        .map((r) => ({ r, score: subjectRelevance(r.subject, search) }))
        .sort((a, b) => b.score - a.score || b.r.seq - a.r.seq)
        .slice(input.offset, end);
      return { ...total, rows: ranked.map(({ r }) => toSummary(r)) };
    }
    if (!input.sort && end <= seqs.length) {
      const bySeq = new Map(selectBySeqs.all(JSON.stringify(seqs.slice(input.offset, end))).map((r) => [r.seq, r]));
      return { ...total, rows: seqs.slice(input.offset, end).map((seq) => toSummary(bySeq.get(seq)!)) };
    }
    const order = input.sort ? (SEARCH_SORT[input.sort.by] ?? '').replaceAll('{dir}', input.sort.dir) : 'f.rowid DESC';
    const rows = db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM incoming_fts f JOIN incoming_documents d ON d.seq = f.rowid
         WHERE incoming_fts MATCH @match ${filterSql} ORDER BY ${order} ${page}`,
      )
      .all(params) as DocRow[];
    return { ...total, rows: rows.map(toSummary) };
  }

  const handOver = db.transaction((h: HandOver): boolean => {
    const doc = selectDoc.get(h.documentId);
    if (!doc) return false;
    const change = changes.begin('incoming', h.documentId);
    db.prepare(
      `INSERT INTO handovers (id, document_id, action, date, recipient_kind, recipient_id, recipient_name, note, at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(timeOrderedId(), h.documentId, h.action, h.date, h.recipient.kind, h.recipient.id, h.recipient.name, h.note, h.at, h.actor.name);
    const places = doc.to_places ? doc.to_places.split('; ') : [];
    if (!places.includes(h.recipient.name)) places.push(h.recipient.name);
    db.prepare(
      `UPDATE incoming_documents SET status = ?, to_places = ?, handed_over_at = coalesce(handed_over_at, ?) WHERE id = ?`,
    ).run(h.action === 'present' ? 'presented' : 'forwarded', places.join('; '), h.date, h.documentId);
    change.record({
      actor: h.actor,
      at: h.at,
      kind: 'incoming.handedOver',
      data: { action: h.action, date: h.date, recipient: h.recipient, note: h.note },
    });
    return true;
  });

  const selectByOutgoing = db.prepare<[string], { id: string; recalled_at: string | null }>('SELECT id, recalled_at FROM incoming_documents WHERE outgoing_id = ?');
  const deliver = db.transaction((doc: NewIncoming, outgoingId: string, recipients: HandOver['recipient'][], date: string): string => {
    const existing = selectByOutgoing.get(outgoingId);
    if (existing) return existing.id;
    const index: IndexEntry[] = [];
    const outcome = registerOne(doc, index, new Set(), outgoingId);
    if (outcome.kind !== 'registered') throw new AppError('INTERNAL', msg('error.internal'));
    const id = outcome.id;
    for (const e of index) insertFts.run(e.seq, e.body, e.facets);
    for (const recipient of recipients) handOver({ documentId: id, action: 'forward', date, recipient, note: '', actor: doc.actor, at: doc.at });
    return id;
  });
  const recallByOutgoing = db.transaction((outgoingId: string, reason: string, actor: Actor, at: string) => {
    const copy = selectByOutgoing.get(outgoingId);
    if (!copy) return null;
    if (copy.recalled_at) return copy.id;
    const change = changes.begin('incoming', copy.id);
    db.prepare('UPDATE incoming_documents SET recalled_at = ?, recall_reason = ? WHERE id = ?').run(at, reason, copy.id);
    change.record({ actor, at, kind: 'incoming.recalled', data: { outgoingId, reason } });
    return copy.id;
  });

  const setWithdrawn = db.prepare('UPDATE incoming_documents SET recalled_at = ?, recall_reason = ?, replaced_by = ? WHERE id = ?');
  const withdraw = db.transaction((id: string, w: Withdrawal): boolean => {
    const doc = selectDoc.get(id);
    if (!doc || doc.recalled_at) return false;
    const change = changes.begin('incoming', id);
    setWithdrawn.run(w.at, w.reason, w.replacedBy, id);
    const data = { documentId: w.documentId, reason: w.reason, ...(w.replacedBy ? { replacedBy: w.replacedBy } : {}) };
    change.record({ actor: w.actor, at: w.at, kind: w.replacedBy ? 'incoming.replaced' : 'incoming.recalled', data });
    return true;
  });
  const stored = documentFields(db);
  /** Writes a document's search row anew from its stored fields and its files' text; the text is its mutation's too. */
  const reindex = (d: { id: string; seq: number; year: number; type_name: string }): string => {
    const search = stored.searchText('incoming', stored.read('incoming', d.id) ?? {});
    deleteFts.run(d.seq);
    insertFts.run(d.seq, search, facets(d.year, d.type_name));
    return search;
  };
  const updateBySender = db.transaction((id: string, fields: SenderFields, u: { reason: string; documentId: string; actor: Actor; at: string }): FieldChange[] => {
    const doc = selectDoc.get(id) as (DocRow & Record<string, unknown>) | undefined;
    if (!doc) return [];
    const changed = (Object.keys(SENDER_COLUMNS) as (keyof SenderFields)[])
      .map((field) => ({ field, column: SENDER_COLUMNS[field], from: (doc[SENDER_COLUMNS[field]] ?? null) as string | number | null, to: fields[field] ?? null }))
      .filter((c) => c.from !== c.to);
    if (changed.length === 0) return [];
    const change = changes.begin('incoming', id);
    db.prepare(`UPDATE incoming_documents SET ${changed.map((c) => `${c.column} = @${c.field}`).join(', ')} WHERE id = @id`).run({ id, ...Object.fromEntries(changed.map((c) => [c.field, c.to])) });
    const search = reindex(doc);
    const list = changed.map(({ field, from, to }) => ({ field, from, to }));
    change.record({ actor: u.actor, at: u.at, kind: 'incoming.updatedBySender', data: { documentId: u.documentId, reason: u.reason, changes: list } }, search);
    return list;
  });
  const setStatusSent = db.prepare('UPDATE incoming_documents SET exchange_status = ?, exchange_status_package = ? WHERE id = ?');
  const restore = db.transaction((id: string, reason: string, actor: Actor, at: string, sent?: { code: string; hash: string }): boolean => {
    const doc = selectDoc.get(id);
    if (!doc?.recalled_at) return false;
    const change = changes.begin('incoming', id);
    setWithdrawn.run(null, null, null, id);
    if (sent) setStatusSent.run(sent.code, sent.hash, id);
    change.record({ actor, at, kind: 'incoming.withdrawalRefused', data: { reason, ...(sent ? { code: sent.code } : {}) } });
    return true;
  });

  const selectYears = db.prepare<[], number>('SELECT DISTINCT year FROM incoming_counts WHERE n > 0 ORDER BY year DESC').pluck();
  const selectOrganNames = db.prepare<{ prefix: string; limit: number }, { organ_name: string }>(
    `SELECT DISTINCT organ_name FROM incoming_documents WHERE organ_name >= @prefix AND organ_name < @prefix || char(1114111)
     ORDER BY organ_name LIMIT @limit`,
  );

  const selectByArrival = db.prepare<[string, string], DocRow>(
    // A provisional entry is in the register book once the lease holder has numbered it.
    `SELECT * FROM incoming_documents d WHERE d.arrival_date BETWEEN ? AND ? AND d.arrival_number IS NOT NULL ORDER BY d.year, d.arrival_number`,
  );

  const selectReferenced = db.prepare<[string, string, string], string>(
    `SELECT hash FROM incoming_attachments WHERE hash IN (SELECT value FROM json_each(?))
     UNION SELECT hash FROM attachment_versions WHERE hash IN (SELECT value FROM json_each(?))
     UNION SELECT hash FROM outgoing_files WHERE hash IN (SELECT value FROM json_each(?))`,
  ).pluck();
  const deleteText = db.prepare('DELETE FROM content_text WHERE hash = ?');
  const discardUnreferenced = db.transaction((hashes: string[], discard: (hash: string) => void): string[] => {
    const list = JSON.stringify(hashes);
    const referenced = new Set(selectReferenced.all(list, list, list));
    const unreferenced = [...new Set(hashes)].filter((h) => !referenced.has(h));
    for (const hash of unreferenced) {
      deleteText.run(hash);
      discard(hash);
    }
    return unreferenced;
  });

  const selectScansToFinish = db.prepare<[], { hash: string; page_count: number | null; unread_pages: string }>(
    `SELECT c.hash, c.page_count, c.unread_pages FROM content_text c
     WHERE c.unread_pages IS NOT NULL AND EXISTS (SELECT 1 FROM incoming_attachments a WHERE a.hash = c.hash)`,
  );
  const appendPageText = db.prepare('UPDATE content_text SET text = text || ?, unread_pages = ? WHERE hash = ?');
  const finishScan = db.prepare('UPDATE content_text SET unread_pages = NULL WHERE hash = ?');
  const selectAttaching = db.prepare<[string], { id: string; seq: number; year: number; type_name: string }>(
    `SELECT DISTINCT d.id, d.seq, d.year, d.type_name FROM incoming_attachments a JOIN incoming_documents d ON d.id = a.document_id WHERE a.hash = ?`,
  );
  const indexFinishedScan = db.transaction((hash: string, pageCount: number | null, actor: Actor, at: string): string[] => {
    finishScan.run(hash);
    const documents = selectAttaching.all(hash);
    for (const d of documents) {
      const change = changes.begin('incoming', d.id);
      const search = reindex(d);
      change.record({ actor, at, kind: 'incoming.textRecognised', data: { hash, pageCount } }, search);
    }
    return documents.map((d) => d.id);
  });

  return {
    register: async (doc) => registerAll.immediate([doc])[0]!,
    registerMany: async (docs) => registerAll.immediate(docs),
    get: async (id) => get(id),
    summaries: async (ids) => selectSummaries.all(JSON.stringify(ids)).map(toSummary),
    list: async (input) => list(input),
    handOver: async (h) => handOver.immediate(h),
    deliver: async (doc, outgoingId, recipients, date) => deliver.immediate(doc, outgoingId, recipients, date),
    byDocumentId: async (documentId) => findByDocumentId.all(documentId).map(toSummary),
    withdraw: async (id, w) => withdraw.immediate(id, w),
    updateFromSender: async (id, fields, u) => updateBySender.immediate(id, fields, u),
    restore: async (id, reason, actor, at, sent) => restore.immediate(id, reason, actor, at, sent),
    recallByOutgoing: async (outgoingId, reason, actor, at) => recallByOutgoing.immediate(outgoingId, reason, actor, at),
    organNames: async (prefix, limit) => selectOrganNames.all({ prefix, limit }).map((r) => r.organ_name),
    years: async () => selectYears.all(),
    byArrivalDate: async (from, to) =>
      selectByArrival.all(from, to).map((r) => ({ document: toSummary(r), note: r.note, recipients: r.to_places ? r.to_places.split('; ') : [] })),
    cachedText: async (hash) =>
      db
        .prepare<[string], { page_count: number | null; problem: string | null; text: string }>(
          'SELECT page_count, problem, text FROM content_text WHERE hash = ?',
        )
        .all(hash)
        .map((r) => ({ pageCount: r.page_count, problem: r.problem, text: r.text }))[0] ?? null,
    cacheText: async (hash, info) => {
      db.prepare('INSERT OR REPLACE INTO content_text (hash, page_count, problem, text, unread_pages) VALUES (?, ?, ?, ?, ?)').run(
        hash,
        info.pageCount,
        info.problem,
        info.text,
        info.unreadPages?.length ? JSON.stringify(info.unreadPages) : null,
      );
    },
    scansToFinish: async () =>
      selectScansToFinish.all().map((r) => ({ hash: r.hash, pageCount: r.page_count, unreadPages: JSON.parse(r.unread_pages) as number[] })),
    addPageText: async (hash, text, unreadPages) => {
      appendPageText.run(text ? `\n\n${text}` : '', JSON.stringify(unreadPages), hash);
    },
    indexFinishedScan: async (hash, pageCount, actor, at) => indexFinishedScan.immediate(hash, pageCount, actor, at),
    discardUnreferenced: async (hashes, discard) => (hashes.length ? discardUnreferenced.immediate(hashes, discard) : []),
  };
}
