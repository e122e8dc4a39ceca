/**
 * The outbox: local mutations waiting for the server, in the per-client sequence (`seq`, AUTOINCREMENT, so a number is
 * never reused and a rolled-back change takes its number back with it: the sequence has no gaps). A payload holds the
 * mutation without its id and seq, which are the row's own columns.
 */
import type { Mutation } from '../../../../shared/contract/syncWire';
import type { Db } from '../database';
import { timeOrderedId } from '../timeOrderedId';

export type MutationBody = Omit<Mutation, 'id' | 'seq'>;

export interface OutboxRow {
  seq: number;
  id: string;
  event_id: string;
  payload: string;
  created_at: string;
  state: 'pending' | 'rejected' | 'withdrawn';
  reason: string | null;
  current: string | null;
}

export const toMutation = (r: Pick<OutboxRow, 'seq' | 'id' | 'payload'>): Mutation => ({ ...(JSON.parse(r.payload) as MutationBody), id: r.id, seq: r.seq });

/** Returns the writer of pending mutations; each call returns the new row's id. */
export function createOutboxWriter(db: Db): (m: MutationBody, at: string) => string {
  const insert = db.prepare('INSERT INTO outbox (id, event_id, entity_id, payload, created_at) VALUES (?, ?, ?, ?, ?)');
  return (m, at) => {
    const id = timeOrderedId();
    insert.run(id, m.event.id, m.entityId, JSON.stringify(m), at);
    return id;
  };
}
