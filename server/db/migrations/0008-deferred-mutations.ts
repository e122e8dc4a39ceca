/**
 * A mutation of a kind the server does not sync yet (a newer PC's) is answered `deferred`: recorded with its sequence,
 * so the client's later changes go on applying past it, but with no version, since nothing of it reached the change
 * log. When the PC sends it again to a server that syncs its kind, it is applied and its row takes the answer.
 */
const migration = {
  version: 8,
  name: 'deferred-mutations',
  sql: `
    ALTER TABLE sync_mutations DROP CONSTRAINT sync_mutations_outcome_check;
    ALTER TABLE sync_mutations ADD CONSTRAINT sync_mutations_outcome_check CHECK (outcome IN ('applied', 'rejected', 'deferred'));
    ALTER TABLE sync_mutations ALTER COLUMN version DROP NOT NULL;
    ALTER TABLE sync_mutations ADD CONSTRAINT sync_mutations_version_check CHECK ((outcome = 'deferred') = (version IS NULL));
  `,
};

export default migration;
