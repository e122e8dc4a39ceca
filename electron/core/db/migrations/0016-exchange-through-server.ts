import type { Migration } from './index';

/**
 * Packages through the central server. An outgoing document keeps the hash of the edXML package its dispatch queued
 * (the server routes it when the dispatch arrives); an incoming document received through the server keeps the last
 * status code it sent back and that status message's hash, so a status goes once per change of code.
 */
const migration: Migration = {
  version: 16,
  name: 'exchange-through-server',
  up(db) {
    db.exec(`
      ALTER TABLE outgoing_documents ADD COLUMN exchange_package TEXT;
      ALTER TABLE incoming_documents ADD COLUMN exchange_status TEXT;
      ALTER TABLE incoming_documents ADD COLUMN exchange_status_package TEXT;
      CREATE INDEX incoming_exchange_open ON incoming_documents (exchange_status) WHERE exchange_status IS NOT NULL AND exchange_status <> '06';
    `);
  },
};

export default migration;
