/**
 * A document as the sync wire carries it (`Fields`, see shared/contract/syncWire.ts): the row's columns under camelCase
 * keys, each child row under a key of its own, and `search`, the folded text of the full-text index. Reading gives what
 * the database holds; writing makes the database hold exactly the given fields, with every structure derived from
 * them (full-text row, issuing bodies, counters, counts through their triggers) kept right.
 *
 * `search` is never read back: the full-text tables are contentless. Writers that change it carry it in the mutation;
 * a document written without it is indexed from its fields and the cached text of its files.
 */
import { NUMBER_FIELD, SyncEntity, takenNumber, type Fields, type Json, type TakenNumber } from '../../../../shared/contract/syncWire';
import type { Db } from '../database';
import { organMatchText } from '../incomingList';
import { createRegisterCounters } from '../registerCounters';
import { directiveSearchText, facetText, incomingSearchText, outgoingSearchText, typeFacet, yearFacet } from '../searchText';

export const SEARCH_KEY = 'search';

/** A child table: its rows keyed `<prefix>:<key columns joined by ':'>`, the other columns in the value. */
interface ChildSpec {
  prefix: string;
  table: string;
  keys: { column: string; integer: boolean }[];
  values: string[];
}

interface EntitySpec {
  table: string;
  /** The full-text table, for the entities that are searched (documents; not work files or plan entries). */
  fts?: string;
  children: ChildSpec[];
  facets(f: Fields): string;
  /** The field of the register number, and the number the document holds, if any: never to be given again (absent:
   * the entity takes no number). */
  numberKey?: string;
  number?(f: Fields): TakenNumber | null;
  searchText(f: Fields, textOf: (hash: string) => string): string;
  /** Prepares the writer of the rows outside the documents that their references need, and of their derived rows. */
  references(db: Db): (all: Fields[]) => void;
}

const str = (v: Json | undefined) => (typeof v === 'string' ? v : '');

const INCOMING: EntitySpec = {
  table: 'incoming_documents',
  fts: 'incoming_fts',
  children: [
    { prefix: 'attachment', table: 'incoming_attachments', keys: [{ column: 'position', integer: true }], values: ['hash', 'name', 'size', 'mime', 'page_count'] },
    {
      prefix: 'attachmentVersion',
      table: 'attachment_versions',
      keys: [{ column: 'position', integer: true }, { column: 'version', integer: true }],
      values: ['hash', 'name', 'size', 'created_at', 'actor', 'event_id'],
    },
    {
      prefix: 'handover',
      table: 'handovers',
      keys: [{ column: 'id', integer: false }],
      values: ['action', 'date', 'recipient_kind', 'recipient_id', 'recipient_name', 'note', 'at', 'actor'],
    },
  ],
  facets: (f) => facetText(f.year as number, str(f.typeName)),
  numberKey: NUMBER_FIELD.incoming!,
  number: (f) => takenNumber('incoming', f),
  searchText(f, textOf) {
    const texts = Object.keys(f)
      .filter((k) => k.startsWith('attachment:'))
      .sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
      .map((k) => textOf(str((f[k] as { hash: Json }).hash)));
    const s = (k: string) => str(f[k]);
    return incomingSearchText(
      { subject: s('subject'), organName: s('organName'), codeNumber: s('codeNumber'), codeNotation: s('codeNotation'), typeName: s('typeName'),
        signerName: s('signerName'), signerPosition: s('signerPosition'), place: s('place'), toPlaces: s('toPlaces'), note: s('note') },
      texts,
    );
  },
  references(db) {
    const organ = db.prepare('INSERT OR IGNORE INTO incoming_organs (name, match_text) VALUES (?, ?)');
    // A page of 2,000 documents names a few dozen bodies: each is folded and written once.
    return (all) => {
      for (const name of new Set(all.map((f) => str(f.organName)))) organ.run(name, organMatchText(name));
    };
  },
};

const OUTGOING: EntitySpec = {
  table: 'outgoing_documents',
  fts: 'outgoing_fts',
  children: [
    { prefix: 'recipient', table: 'outgoing_recipients', keys: [{ column: 'position', integer: true }], values: ['kind', 'ref_id', 'organ_id', 'name'] },
    {
      prefix: 'file',
      table: 'outgoing_files',
      keys: [{ column: 'role', integer: false }, { column: 'position', integer: true }, { column: 'version', integer: true }],
      values: ['hash', 'name', 'size', 'mime', 'origin', 'created_at', 'actor'],
    },
  ],
  // Drafts have no year yet: their facet is the type alone until the issue gives them one (as outgoingRepo does).
  facets: (f) => (typeof f.year === 'number' ? facetText(f.year, str(f.typeName)) : typeFacet(str(f.typeName))),
  numberKey: NUMBER_FIELD.outgoing!,
  number: (f) => takenNumber('outgoing', f),
  searchText(f, textOf) {
    const mains = Object.keys(f)
      .filter((k) => k.startsWith('file:main:0:'))
      .sort((a, b) => Number(a.split(':')[3]) - Number(b.split(':')[3]));
    const newestMain = mains.length ? str((f[mains[mains.length - 1]!] as { hash: Json }).hash) : '';
    const code = f.number === null || f.number === undefined ? '' : `${str(f.codeNumber)}/${str(f.codeNotation)}`;
    const s = (k: string) => str(f[k]);
    return outgoingSearchText(
      { subject: s('subject'), typeName: s('typeName'), signerName: s('signerName'), signerPosition: s('signerPosition'), toPlaces: s('toPlaces'), note: s('note') },
      code,
      newestMain ? textOf(newestMain) : '',
    );
  },
  references(db) {
    // A document can name people and units this PC has not heard of yet (added on the server after the last login):
    // a placeholder keeps the foreign key; the next organisation snapshot writes the real row over it by id.
    const staff = db.prepare(`INSERT OR IGNORE INTO staff (id, full_name, position, unit_id, role) VALUES (?, ?, '', NULL, 'chuyen_vien')`);
    const unit = db.prepare(`INSERT OR IGNORE INTO units (id, name, abbrev) VALUES (?, '', ?)`);
    const counters = createRegisterCounters(db);
    return (all) => {
      for (const f of all) {
        if (typeof f.drafterId === 'string') staff.run(f.drafterId, str(f.drafterName));
        if (typeof f.signerId === 'string') staff.run(f.signerId, str(f.signerName));
        if (typeof f.reviewerId === 'string') staff.run(f.reviewerId, '');
        if (typeof f.draftingUnitId === 'string') unit.run(f.draftingUnitId, f.draftingUnitId);
        // A sequence first used on another PC: named by its id until this PC issues in it under its real name.
        if (typeof f.registerId === 'string') counters.ensure(f.registerId, 'outgoing', f.registerId);
      }
    };
  },
};

const DIRECTIVE: EntitySpec = {
  table: 'directives',
  fts: 'directive_fts',
  children: [
    { prefix: 'unit', table: 'directive_units', keys: [{ column: 'unit_id', integer: false }], values: ['unit_name', 'lead', 'done_date', 'done_by', 'done_note'] },
    { prefix: 'report', table: 'directive_reports', keys: [{ column: 'id', integer: false }], values: ['unit_id', 'note', 'at', 'actor'] },
  ],
  facets: (f) => yearFacet(Number(str(f.givenDate).slice(0, 4))),
  searchText: (f) => directiveSearchText({ content: str(f.content), meetingName: str(f.meetingName), leaderName: str(f.leaderName) }),
  // People, units and the document are named by id with their names beside them: nothing outside to write first.
  references: () => () => undefined,
};

/** Records without a number or an index: their fields are their rows (and children) alone. */
const UNINDEXED = { facets: () => '', searchText: () => '', references: () => () => {} };

/** An entry of the year's file plan: its own synced record, so two clerks adding entries offline never conflict. */
const FILE_PLAN_ENTRY: EntitySpec = { table: 'file_plan', children: [], ...UNINDEXED };

/**
 * A work file: its documents keyed by kind and id (two people filing different documents offline touch different
 * keys), and its exports by format, whose files travel by hash like attachments.
 */
const WORK_FILE: EntitySpec = {
  table: 'work_files',
  children: [
    { prefix: 'doc', table: 'work_file_documents', keys: [{ column: 'doc_kind', integer: false }, { column: 'doc_id', integer: false }], values: ['filed_at', 'filed_by'] },
    { prefix: 'export', table: 'work_file_exports', keys: [{ column: 'format', integer: false }], values: ['hash', 'name', 'size'] },
  ],
  ...UNINDEXED,
};

export const ENTITY_SPECS: Record<SyncEntity, EntitySpec> = {
  incoming: INCOMING,
  outgoing: OUTGOING,
  directive: DIRECTIVE,
  filePlanEntry: FILE_PLAN_ENTRY,
  workFile: WORK_FILE,
};

/** The register number a record's fields hold, for the entities that take one. */
export const numberOf = (entity: SyncEntity, f: Fields): TakenNumber | null => ENTITY_SPECS[entity].number?.(f) ?? null;

const camelNames = new Map<string, string>();
/** A column's field name; kept, since every document maps the same few dozen columns. */
function camel(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) camelNames.set(column, (name = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
  return name;
}

/** A document's rows as SQLite returns them or as a writer inserts them: the document's columns, child rows by prefix. */
export interface DocumentRows {
  row: Record<string, unknown>;
  children: Record<string, Record<string, unknown>[]>;
}

/**
 * The one mapping of a document's rows to its fields: each column (but `seq`, the local row number) under its camelCase
 * key, each child row under `<prefix>:<its key columns>`. Reading maps what the database holds; a creation maps the
 * rows it has just inserted, which is the same thing without reading it back.
 */
export function rowsToFields(entity: SyncEntity, { row, children }: DocumentRows): Fields {
  const fields: Fields = {};
  for (const [column, value] of Object.entries(row)) if (column !== 'seq') fields[camel(column)] = (value ?? null) as Json;
  for (const child of ENTITY_SPECS[entity].children) {
    for (const r of children[child.prefix] ?? []) {
      const key = [child.prefix, ...child.keys.map((k) => String(r[k.column]))].join(':');
      const value: Record<string, Json> = {};
      for (const v of child.values) value[camel(v)] = (r[v] ?? null) as Json;
      fields[key] = value;
    }
  }
  return fields;
}
/** Keys of child rows hold the file hashes a mutation must upload before it is pushed. */
const HASHED_PREFIXES = ['attachment:', 'attachmentVersion:', 'file:', 'export:'];

/**
 * Fields holding the hash of an edXML package a change sends (the server routes it when the change arrives): uploaded
 * with the change, never downloaded by the organisation's other PCs, which have no use for the package.
 */
const PACKAGE_FIELDS = ['exchangePackage', 'exchangeStatusPackage'];

/** The files a change must upload before it is pushed: those its fields reference and the package it sends. */
export function pushedHashes(fields: Fields): string[] {
  const packages = PACKAGE_FIELDS.map((key) => fields[key]).filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set([...referencedHashes(fields), ...packages])];
}

/** The content hashes the given fields reference. */
export function referencedHashes(fields: Fields): string[] {
  const hashes = new Set<string>();
  for (const [key, value] of Object.entries(fields)) {
    if (!HASHED_PREFIXES.some((p) => key.startsWith(p)) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    if (typeof value.hash === 'string') hashes.add(value.hash);
  }
  return [...hashes];
}

export interface DocumentFields {
  read(entity: SyncEntity, id: string): Fields | null;
  /** Makes the document exactly `fields` (plus its derived rows); `search`, when present, replaces its index text. */
  write(entity: SyncEntity, id: string, fields: Fields): void;
  /** `write` for many documents (a pulled page), their full-text rows after all the others (see incomingRepo.registerAll). */
  writeMany(documents: { entity: SyncEntity; id: string; fields: Fields }[]): void;
  /** Removes the document with its children and index row; its events stay, they are the history. */
  remove(entity: SyncEntity, id: string): void;
  /** The folded index text of the stored document, from its fields and the cached text of its files. */
  searchText(entity: SyncEntity, fields: Fields): string;
}

const cache = new WeakMap<Db, DocumentFields>();

/** The reader and writer of a database's documents (made once per connection: its statements are prepared once). */
export function documentFields(db: Db): DocumentFields {
  const cached = cache.get(db);
  if (cached) return cached;
  const access = Object.fromEntries(SyncEntity.options.map((e) => [e, createAccess(db, e)])) as Record<SyncEntity, EntityAccess>;
  const writeMany = (documents: { entity: SyncEntity; id: string; fields: Fields }[]) => {
    const index: (() => void)[] = [];
    // Grouped by kind, each kind in the given order: documents of different kinds only meet through foreign keys, which
    // the one caller with several kinds (a pulled page) checks at its commit.
    for (const entity of SyncEntity.options) {
      const ofKind = documents.filter((d) => d.entity === entity);
      if (ofKind.length > 0) access[entity].writeAll(ofKind, index);
    }
    for (const write of index) write();
  };
  const made: DocumentFields = {
    read: (entity, id) => access[entity].read(id),
    write: (entity, id, fields) => writeMany([{ entity, id, fields }]),
    writeMany,
    remove: (entity, id) => access[entity].remove(id),
    searchText: (entity, fields) => access[entity].searchText(fields),
  };
  cache.set(db, made);
  return made;
}

interface EntityAccess {
  read(id: string): Fields | null;
  /** Writes the documents' rows in order; their full-text changes are added to `index`, for the caller to run after the others. */
  writeAll(documents: { id: string; fields: Fields }[], index: (() => void)[]): void;
  remove(id: string): void;
  searchText(fields: Fields): string;
}

function createAccess(db: Db, entity: SyncEntity): EntityAccess {
  const spec = ENTITY_SPECS[entity];
  const info = db.prepare(`SELECT name, "notnull" AS required, dflt_value AS fallback FROM pragma_table_info('${spec.table}')`).all() as { name: string; required: number; fallback: string | null }[];
  const columns = info.map((c) => c.name).filter((c) => c !== 'seq');
  // A document written by a computer that did not have a column yet carries no field for it: a required column then
  // takes its declared default, as it does in the migration that added it.
  const defaults = new Map(info.filter((c) => c.required && c.fallback !== null).map((c) => [c.name, db.prepare(`SELECT ${c.fallback}`).pluck().get()]));
  const selectDoc = db.prepare(`SELECT ${columns.join(', ')} FROM ${spec.table} WHERE id = ?`);
  const upsertDoc = db.prepare(
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}
     RETURNING seq`,
  ).pluck();
  const selectSeq = db.prepare<[string], number>(`SELECT seq FROM ${spec.table} WHERE id = ?`).pluck();
  const selectSeqs = db.prepare<[string], { id: string; seq: number }>(`SELECT id, seq FROM ${spec.table} WHERE id IN (SELECT value FROM json_each(?))`);
  const deleteDoc = db.prepare(`DELETE FROM ${spec.table} WHERE id = ?`);
  const deleteFts = spec.fts ? db.prepare(`DELETE FROM ${spec.fts} WHERE rowid = ?`) : null;
  const insertFts = spec.fts ? db.prepare(`INSERT INTO ${spec.fts} (rowid, body, facets) VALUES (?, ?, ?)`) : null;
  const textOf = db.prepare<[string], string>('SELECT text FROM content_text WHERE hash = ?').pluck();
  const writeReferences = spec.references(db);
  const raiseCounter = db.prepare(
    `INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, ?)
     ON CONFLICT (register_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
  );
  const children = spec.children.map((c) => {
    const all = [...c.keys.map((k) => k.column), ...c.values];
    return {
      spec: c,
      select: db.prepare(`SELECT ${all.join(', ')} FROM ${c.table} WHERE document_id = ? ORDER BY ${c.keys.map((k) => k.column).join(', ')}`),
      deleteAll: db.prepare(`DELETE FROM ${c.table} WHERE document_id = ?`),
      insert: db.prepare(`INSERT INTO ${c.table} (document_id, ${all.join(', ')}) VALUES (@document_id, ${all.map((col) => `@${col}`).join(', ')})`),
    };
  });

  function read(id: string): Fields | null {
    const row = selectDoc.get(id) as Record<string, unknown> | undefined;
    if (!row) return null;
    const rows: DocumentRows['children'] = {};
    for (const child of children) rows[child.spec.prefix] = child.select.all(id) as Record<string, unknown>[];
    return rowsToFields(entity, { row, children: rows });
  }

  const bindable = (v: Json | undefined) => (typeof v === 'boolean' ? Number(v) : v === undefined ? null : v);

  /** `existed`: the document had rows before, whose children go first (a new one has none to delete). */
  function writeChildren(id: string, fields: Fields, existed: boolean) {
    for (const child of children) {
      if (existed) child.deleteAll.run(id);
      const prefix = `${child.spec.prefix}:`;
      for (const [key, value] of Object.entries(fields)) {
        if (!key.startsWith(prefix) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        const parts = key.slice(prefix.length).split(':');
        const params: Record<string, unknown> = { document_id: id };
        child.spec.keys.forEach((k, i) => (params[k.column] = k.integer ? Number(parts[i]) : parts[i]));
        for (const v of child.spec.values) params[v] = bindable(value[camel(v)]);
        child.insert.run(params);
      }
    }
  }

  function searchText(fields: Fields): string {
    return spec.searchText(fields, (hash) => textOf.get(hash) ?? '');
  }

  function writeAll(documents: { id: string; fields: Fields }[], index: (() => void)[]) {
    // One lookup for the batch instead of one per document; a document written twice in it exists the second time.
    const seqs = new Map(selectSeqs.all(JSON.stringify(documents.map((d) => d.id))).map((r) => [r.id, r.seq]));
    writeReferences(documents.map((d) => d.fields));
    const highest = new Map<string, TakenNumber>();
    for (const { id, fields } of documents) {
      const existed = seqs.has(id);
      const params: Record<string, unknown> = {};
      for (const c of columns) params[c] = bindable(fields[camel(c)]) ?? defaults.get(c) ?? null;
      params.id = id;
      const seq = upsertDoc.get(params) as number;
      seqs.set(id, seq);
      writeChildren(id, fields, existed);
      const number = numberOf(entity, fields);
      if (number) {
        const key = `${number.register}\u0000${number.year}`;
        if (number.number > (highest.get(key)?.number ?? 0)) highest.set(key, number);
      }
      const search = fields[SEARCH_KEY];
      if (insertFts && (typeof search === 'string' || !existed)) {
        const body = typeof search === 'string' ? search : searchText(fields);
        const facets = spec.facets(fields);
        index.push(() => {
          if (existed) deleteFts?.run(seq);
          insertFts.run(seq, body, facets);
        });
      }
    }
    // The counters only ever rise: the highest number of each register's year is enough.
    for (const n of highest.values()) raiseCounter.run(n.register, n.year, n.number);
  }

  function remove(id: string) {
    const seq = selectSeq.get(id);
    if (seq === undefined) return;
    for (const child of children) child.deleteAll.run(id);
    deleteFts?.run(seq);
    deleteDoc.run(id);
  }

  return { read, writeAll, remove, searchText };
}
