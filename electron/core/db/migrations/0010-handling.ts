import type { Migration } from './index';

/**
 * Handling of incoming documents (Decree 30 Art. 20–24): the leader's instruction (lead unit or person, co-operating
 * units, deadline), the unit head's assignment of an officer with their own deadline, the officer's latest progress,
 * and the closing (a note, or the outgoing reply). Each step is also an event: the history and the handling slip.
 *
 * Every column is nullable, NULL meaning "not yet": documents registered before this version, and documents pulled from
 * computers that do not know these fields, carry none of them.
 *
 * `handling_due` is the deadline that applies now (the officer's if the unit head set one, else the leader's), so that
 * "my tasks" and "overdue" read one index of the open documents only.
 *
 * An outgoing document may answer an incoming one (`reply_to`): issuing it closes that document's handling with its
 * number and notation as the reply.
 */
const migration: Migration = {
  version: 10,
  name: 'handling',
  up(db) {
    db.exec(`
      ALTER TABLE incoming_documents ADD COLUMN handling_state TEXT CHECK (handling_state IN ('assigned', 'handling', 'closed'));
      ALTER TABLE incoming_documents ADD COLUMN lead_unit_id TEXT;
      ALTER TABLE incoming_documents ADD COLUMN lead_staff_id TEXT;
      -- The co-operating units (phối hợp), a JSON array of unit ids.
      ALTER TABLE incoming_documents ADD COLUMN cooperating TEXT;
      -- Sent "để biết" (for information): closed when the lead reads it.
      ALTER TABLE incoming_documents ADD COLUMN for_info INTEGER;
      ALTER TABLE incoming_documents ADD COLUMN assignee_id TEXT;
      ALTER TABLE incoming_documents ADD COLUMN assignee_due TEXT;
      ALTER TABLE incoming_documents ADD COLUMN handling_due TEXT;
      ALTER TABLE incoming_documents ADD COLUMN progress TEXT;
      ALTER TABLE incoming_documents ADD COLUMN closed_at TEXT;
      ALTER TABLE incoming_documents ADD COLUMN close_note TEXT;
      ALTER TABLE incoming_documents ADD COLUMN reply_outgoing_id TEXT;
      ALTER TABLE incoming_documents ADD COLUMN reply_code TEXT;

      ALTER TABLE outgoing_documents ADD COLUMN reply_to TEXT;

      CREATE INDEX incoming_tasks_by_assignee ON incoming_documents (assignee_id, handling_due) WHERE handling_state = 'handling';
      CREATE INDEX incoming_tasks_by_unit ON incoming_documents (lead_unit_id, handling_due) WHERE handling_state IN ('assigned', 'handling');
      CREATE INDEX incoming_tasks_by_due ON incoming_documents (handling_due) WHERE handling_state IN ('assigned', 'handling');
    `);
  },
};

export default migration;
