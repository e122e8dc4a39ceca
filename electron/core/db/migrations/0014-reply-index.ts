import type { Migration } from './index';

/** An incoming document's view lists the drafts that answer it: found by their `reply_to`, which few documents have. */
const migration: Migration = {
  version: 14,
  name: 'reply-index',
  up(db) {
    db.exec('CREATE INDEX outgoing_by_reply_to ON outgoing_documents (reply_to) WHERE reply_to IS NOT NULL');
  },
};

export default migration;
