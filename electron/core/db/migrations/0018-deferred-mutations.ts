import type { Migration } from './index';

/**
 * A change the server deferred (of a kind it does not sync yet) stays pending, so pulls still leave its document as
 * this computer has it, but is held back from the pushes until the server names its kind.
 */
const migration: Migration = {
  version: 18,
  name: 'deferred-mutations',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))');
  },
};

export default migration;
