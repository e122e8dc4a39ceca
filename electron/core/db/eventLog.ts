/**
 * The handling history and the sync queue: every change of a document is one event row (who, when, what) and one
 * outbox mutation (the fields it changed, their values before, the event), written by the caller's transaction so the
 * change, its history and its sync entry are recorded together or not at all.
 *
 * A writer opens a change before its writes (`begin`, which reads the document's fields, or `create` for a document it
 * is about to insert, which reads nothing) and records it after them: the mutation is the difference. A creation sets
 * what the new document holds; a writer that gives the rows it inserted spares reading them back, which the bulk
 * registration would otherwise pay for every document.
 */
import type { Fields, Json, SyncEntity, WireEvent } from '../../../shared/contract/syncWire';
import type { Db } from './database';
import { documentFields, ENTITY_SPECS, numberOf, pushedHashes, rowsToFields, SEARCH_KEY, type DocumentRows } from './sync/documentFields';
import { createOutboxWriter } from './sync/outbox';
import { timeOrderedId } from './timeOrderedId';

export interface Actor {
  id: string | null;
  name: string;
}

export interface EventRecord {
  actor: Actor;
  at: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface Change {
  /** Inserts the change's event and returns its id, for rows that name the event that made them. */
  event(event: EventRecord): string;
  /** Queues the mutation, after the writes; `search` is the document's new index text when the change altered it. */
  commit(search?: string): void;
  /** `event` then `commit`: for writers whose rows do not name their event. Returns the event's id. */
  record(event: EventRecord, search?: string): string;
}

export interface ChangeLog {
  /** Opens a change of an existing document: its fields now are what the mutation expects. */
  begin(entity: SyncEntity, id: string): Change;
  /**
   * Opens the change that creates a document: nothing to read before, the server must not know it yet. `inserted`, when
   * given, is every row the writer inserts for it (the document's fields then come from them); otherwise they are read
   * after the writes.
   */
  create(entity: SyncEntity, id: string, inserted?: DocumentRows): Change;
}

/** Inserts a history row; the wire form of the event is returned for the mutation that carries it. */
export function createEventWriter(db: Db): (entity: SyncEntity, entityId: string, e: EventRecord, id?: string) => WireEvent {
  const insert = db.prepare(`INSERT INTO events (id, entity, entity_id, at, actor_id, actor, kind, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  return (entity, entityId, { actor, at, kind, data }, id = timeOrderedId()) => {
    insert.run(id, entity, entityId, at, actor.id, actor.name, kind, JSON.stringify(data));
    // The data as written, not a parsed copy of it: the mutation carrying the event serialises it to the same text, and
    // parsing every event back cost the bulk registration a tenth of its JavaScript time.
    return { id, entity, entityId, at, actorId: actor.id, actor: actor.name, kind, data: data as Record<string, Json> };
  };
}

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function createChangeLog(db: Db): ChangeLog {
  const fields = documentFields(db);
  const writeEvent = createEventWriter(db);
  const enqueue = createOutboxWriter(db);

  /** `before`: the document's fields before a change, null for a creation; `created`: a creation's fields, if known. */
  function open(entity: SyncEntity, id: string, before: Fields | null, created?: Fields): Change {
    let event: WireEvent | null = null;
    const change: Change = {
      event(e) {
        event = writeEvent(entity, id, e);
        return event.id;
      },
      commit(search) {
        if (!event) throw new Error('A change is committed after its event');
        const after = created ?? fields.read(entity, id) ?? {};
        const expect: Fields = {};
        const set: Fields = {};
        if (before) {
          for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
            if (same(before[key], after[key])) continue;
            expect[key] = before[key] ?? null;
            set[key] = after[key] ?? null;
          }
        } else {
          // A new document starts from nothing on the server, where null means absent: its nulls need not travel.
          for (const [key, value] of Object.entries(after)) if (value !== null) set[key] = value;
        }
        // The index text is derived and never read back (the index is contentless): it is set, never expected.
        if (search !== undefined) set[SEARCH_KEY] = search;
        // A number is taken by the change that sets it (the registration, the issue), and only then.
        const spec = ENTITY_SPECS[entity];
        const taken = spec.numberKey !== undefined && spec.numberKey in set ? numberOf(entity, after) : null;
        const numbers = taken ? [taken] : [];
        enqueue({ entity, entityId: id, create: !before, expect, set, event, blobs: pushedHashes(set), numbers }, event.at);
      },
      record(e, search) {
        const eventId = change.event(e);
        change.commit(search);
        return eventId;
      },
    };
    return change;
  }

  return {
    begin(entity, id) {
      const before = fields.read(entity, id);
      if (!before) throw new Error(`No ${entity} document ${id} to change`);
      return open(entity, id, before);
    },
    create: (entity, id, inserted) => open(entity, id, null, inserted && rowsToFields(entity, inserted)),
  };
}
