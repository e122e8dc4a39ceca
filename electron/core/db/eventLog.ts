/**
 * The handling history and the sync queue: every change of a document is one event row (who, when, what) and one
 * outbox row carrying it, written by the caller's transaction so the change, its history and its sync entry are
 * recorded together or not at all.
 */
import type { Db } from './database';
import { timeOrderedId } from './timeOrderedId';

export interface Actor {
  id: string | null;
  name: string;
}

export interface EventRecord {
  entity: 'incoming' | 'outgoing';
  entityId: string;
  actor: Actor;
  at: string;
  kind: string;
  data: Record<string, unknown>;
}

/** Returns the writer; each call inserts the event and its outbox row and returns the event's id. */
export function createEventLog(db: Db): (event: EventRecord) => string {
  const insertEvent = db.prepare(
    `INSERT INTO events (id, entity, entity_id, at, actor_id, actor, kind, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare('INSERT INTO outbox (id, event_id, payload, created_at) VALUES (?, ?, ?, ?)');
  return ({ entity, entityId, actor, at, kind, data }) => {
    const eventId = timeOrderedId();
    insertEvent.run(eventId, entity, entityId, at, actor.id, actor.name, kind, JSON.stringify(data));
    insertOutbox.run(timeOrderedId(), eventId, JSON.stringify({ eventId, entity, entityId, kind, at, data }), at);
    return eventId;
  };
}
