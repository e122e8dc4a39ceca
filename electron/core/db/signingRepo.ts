/**
 * What signing keeps: the trusted certificates, small settings, and the signed versions of attachments. A new
 * version, its event and its outbox row are written in one transaction: a signature is recorded whole or not at all.
 */
import type { Db } from './database';
import { createChangeLog, type Actor } from './eventLog';

export type TrustRole = 'root' | 'intermediate';

export interface TrustedCertificateRow {
  fingerprint: string;
  der: Uint8Array;
  role: TrustRole;
  subject: string;
  addedAt: string;
}

export interface AttachmentVersionRow {
  documentId: string;
  position: number;
  version: number;
  hash: string;
  name: string;
  size: number;
  createdAt: string;
  actor: string;
}

export interface NewVersion {
  documentId: string;
  position: number;
  /** The version that was signed: if another signing added a version meanwhile, nothing is written. */
  basedOn: string;
  hash: string;
  name: string;
  size: number;
  actor: Actor;
  at: string;
  /** The event's data: what was signed, how, and with which certificate. */
  event: Record<string, unknown>;
}

export interface SigningRepo {
  trusted(): Promise<TrustedCertificateRow[]>;
  addTrusted(row: TrustedCertificateRow): Promise<void>;
  removeTrusted(fingerprint: string): Promise<boolean>;
  setting(key: string): Promise<string | null>;
  setSetting(key: string, value: string | null): Promise<void>;
  /** Every signed version of the document's attachments, oldest first. */
  versions(documentId: string): Promise<AttachmentVersionRow[]>;
  /** Adds the next version of one attachment with its event and outbox row; the version number, or null when
   * `basedOn` is no longer the newest version. */
  addVersion(version: NewVersion): Promise<number | null>;
}

export function createSigningRepo(db: Db): SigningRepo {
  const selectTrusted = db.prepare<[], { fingerprint: string; der: Buffer; role: TrustRole; subject: string; added_at: string }>(
    'SELECT fingerprint, der, role, subject, added_at FROM trusted_certificates ORDER BY role DESC, subject',
  );
  const insertTrusted = db.prepare(
    `INSERT INTO trusted_certificates (fingerprint, der, role, subject, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO NOTHING`,
  );
  const deleteTrusted = db.prepare('DELETE FROM trusted_certificates WHERE fingerprint = ?');
  const selectSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const upsertSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteSetting = db.prepare('DELETE FROM settings WHERE key = ?');
  const selectVersions = db.prepare<[string], { position: number; version: number; hash: string; name: string; size: number; created_at: string; actor: string }>(
    'SELECT position, version, hash, name, size, created_at, actor FROM attachment_versions WHERE document_id = ? ORDER BY position, version',
  );
  const newest = db.prepare<[string, number], { version: number; hash: string }>(
    'SELECT version, hash FROM attachment_versions WHERE document_id = ? AND position = ? ORDER BY version DESC LIMIT 1',
  );
  const original = db.prepare<[string, number], { hash: string }>('SELECT hash FROM incoming_attachments WHERE document_id = ? AND position = ?');
  const insertVersion = db.prepare(
    `INSERT INTO attachment_versions (document_id, position, version, hash, name, size, created_at, actor, event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const changes = createChangeLog(db);

  const addVersion = db.transaction((v: NewVersion): number | null => {
    const latest = newest.get(v.documentId, v.position) ?? { version: 1, hash: original.get(v.documentId, v.position)?.hash };
    if (latest.hash !== v.basedOn) return null;
    const version = latest.version + 1;
    const data = { ...v.event, position: v.position, version, hash: v.hash, name: v.name, size: v.size };
    const change = changes.begin('incoming', v.documentId);
    const eventId = change.event({ actor: v.actor, at: v.at, kind: 'signing.signed', data });
    insertVersion.run(v.documentId, v.position, version, v.hash, v.name, v.size, v.at, v.actor.name, eventId);
    change.commit();
    return version;
  });

  return {
    trusted: async () =>
      selectTrusted.all().map((r) => ({ fingerprint: r.fingerprint, der: new Uint8Array(r.der), role: r.role, subject: r.subject, addedAt: r.added_at })),
    addTrusted: async (row) => {
      insertTrusted.run(row.fingerprint, Buffer.from(row.der), row.role, row.subject, row.addedAt);
    },
    removeTrusted: async (fingerprint) => deleteTrusted.run(fingerprint).changes > 0,
    setting: async (key) => selectSetting.get(key)?.value ?? null,
    setSetting: async (key, value) => {
      if (value === null) deleteSetting.run(key);
      else upsertSetting.run(key, value);
    },
    versions: async (documentId) =>
      selectVersions.all(documentId).map((r) => ({
        documentId,
        position: r.position,
        version: r.version,
        hash: r.hash,
        name: r.name,
        size: r.size,
        createdAt: r.created_at,
        actor: r.actor,
      })),
    addVersion: async (v) => addVersion.immediate(v),
  };
}
