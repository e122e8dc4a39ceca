/**
 * What the exchange through the server keeps on incoming documents: the last status code sent back to the sender and
 * the status message that carried it. Sending a status is a change of the document like any other (one event, one
 * outbox mutation, the server routes the message when the change arrives), and its expected value makes two PCs that
 * would send the same new status meet as a conflict instead of sending it twice.
 */
import type { StatusCode } from '../../../shared/domain/edxml';
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';

export interface StatusSent {
  id: string;
  code: StatusCode;
  description: string;
  /** The status message's hash in the content store. */
  hash: string;
  actor: Actor;
  at: string;
}

export const STATUS_SENT_EVENT = 'incoming.exchangeStatusSent';

export interface ExchangeRepo {
  /** Incoming documents received through the server whose handling has not been reported completed (06) yet. */
  openStatuses(): Promise<{ id: string; sent: string }[]>;
  /** The incoming document registered for a DocumentId, if any, and the status last sent for it (null: none yet). */
  incomingByDocumentId(documentId: string): Promise<{ id: string; sent: string | null } | null>;
  /** The status last sent for an incoming document through the server; null when none was (not received that way). */
  sentStatus(id: string): Promise<string | null>;
  /** Records the status sent, unless the document's last one is already `code`; true when recorded. */
  recordStatus(s: StatusSent): Promise<boolean>;
}

export function createExchangeRepo(db: Db): ExchangeRepo {
  const changes = createChangeLog(db);
  const selectOpen = db.prepare<[], { id: string; sent: string }>(
    "SELECT id, exchange_status AS sent FROM incoming_documents WHERE exchange_status IS NOT NULL AND exchange_status <> '06' ORDER BY seq",
  );
  const selectByDocumentId = db.prepare<[string], { id: string; sent: string | null }>(
    "SELECT id, exchange_status AS sent FROM incoming_documents WHERE document_id = ? AND document_id <> '' ORDER BY seq LIMIT 1",
  );
  const selectSent = db.prepare<[string], string | null>('SELECT exchange_status FROM incoming_documents WHERE id = ?').pluck();
  const update = db.prepare('UPDATE incoming_documents SET exchange_status = ?, exchange_status_package = ? WHERE id = ?');
  const record = db.transaction((s: StatusSent): boolean => {
    if (selectSent.get(s.id) === s.code) return false;
    const change = changes.begin('incoming', s.id);
    update.run(s.code, s.hash, s.id);
    change.record({ actor: s.actor, at: s.at, kind: STATUS_SENT_EVENT, data: { code: s.code, description: s.description } });
    return true;
  });
  return {
    openStatuses: async () => selectOpen.all(),
    incomingByDocumentId: async (documentId) => selectByDocumentId.get(documentId) ?? null,
    sentStatus: async (id) => selectSent.get(id) ?? null,
    recordStatus: async (s) => record.immediate(s),
  };
}
