/**
 * Restricted documents: each document row and each event row carries the audience of its document (server/sync/
 * audience.ts), written with it, so a pull filters both lists on their own columns without a join.
 *
 * The pull keeps walking `(org_id, version)` in order and stops at `limit` rows the reader may see: the rows it steps
 * over are never read again, because the next page starts at the cursor this one returns, so across one sync every
 * version in the range is read once, as before the filter. `document_events_by_document` finds a document's events when
 * its audience grows and they are announced again under new versions.
 */
const migration = {
  version: 4,
  name: 'restricted',
  sql: `
    ALTER TABLE documents
      ADD COLUMN restricted boolean NOT NULL DEFAULT false,
      ADD COLUMN audience_users text[] NOT NULL DEFAULT '{}',
      ADD COLUMN audience_units text[] NOT NULL DEFAULT '{}';
    ALTER TABLE document_events
      ADD COLUMN restricted boolean NOT NULL DEFAULT false,
      ADD COLUMN audience_users text[] NOT NULL DEFAULT '{}',
      ADD COLUMN audience_units text[] NOT NULL DEFAULT '{}';
    CREATE INDEX document_events_by_document ON document_events (org_id, entity, entity_id, version);
  `,
};

export default migration;
