import type { Migration } from './index';

/** A status message from a recipient names the outgoing document by its edXML DocumentId: found through an index. */
const migration: Migration = {
  version: 15,
  name: 'document-id-index',
  up(db) {
    db.exec("CREATE INDEX outgoing_by_document_id ON outgoing_documents (document_id) WHERE document_id <> ''");
  },
};

export default migration;
