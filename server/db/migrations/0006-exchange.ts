/**
 * edXML packages between organisations: one row per package and recipient. A package for an organisation this server
 * hosts waits in that organisation's inbox (`to_org_id`) until one of its clerks' PCs has taken and registered it; one
 * for any other organisation waits for the national axis adapter (`to_org_id` NULL) until the adapter acknowledges it.
 * The bytes stay in the blob folder of the organisation that holds them (`blob_org_id`). A package is routed once per
 * recipient: a document once per DocumentId, a status once per DocumentId and code.
 */
const migration = {
  version: 6,
  name: 'exchange',
  sql: `
    CREATE TABLE exchange_messages (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('document', 'status')),
      from_organ_id text NOT NULL,
      to_organ_id text NOT NULL,
      to_org_id uuid REFERENCES orgs (id),
      blob_org_id uuid NOT NULL REFERENCES orgs (id),
      hash text NOT NULL,
      document_id text NOT NULL,
      -- A status message's code; '' for a document.
      code text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The PC that took it from the inbox, and when: another PC may take it again only after a long silence.
      taken_by text,
      taken_at timestamptz,
      done_at timestamptz,
      -- What the recipient did: registered, duplicate, status (recorded on the outgoing document) or refused.
      outcome text,
      reason text,
      UNIQUE (to_organ_id, kind, document_id, code)
    );
    CREATE INDEX exchange_inbox ON exchange_messages (to_org_id, id) WHERE done_at IS NULL AND to_org_id IS NOT NULL;
    CREATE INDEX exchange_axis_outbox ON exchange_messages (id) WHERE done_at IS NULL AND to_org_id IS NULL;
  `,
};

export default migration;
