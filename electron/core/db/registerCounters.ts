/**
 * The numbers of every register (số đến, số đi of each outgoing sequence): the last one given per register and year.
 * Callers run these inside the transaction that writes the numbered document, so a number exists with its document or
 * not at all.
 */
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { Db } from './database';

export interface RegisterCounters {
  /** The next number of the register's year, taken; FORBIDDEN when another computer holds the register's lease. */
  take(registerId: string, year: number): number;
  /** As take, but null when another computer holds the lease: the document is then kept as a provisional entry. */
  takeUnlessLeased(registerId: string, year: number): number | null;
  /** The last number given in the register's year (0 before the first). */
  last(registerId: string, year: number): number;
  /** Makes a register row for a sequence first used now (outgoing sequences are made as documents need them). */
  ensure(registerId: string, kind: 'incoming' | 'outgoing', name: string): void;
}

export function createRegisterCounters(db: Db): RegisterCounters {
  const next = db.prepare<[string, number], number>(
    `INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, 1)
     ON CONFLICT (register_id, year) DO UPDATE SET last_number = last_number + 1
     RETURNING last_number`,
  ).pluck();
  // Rows exist only once this computer syncs with a server; a computer working alone numbers freely.
  const leaseOf = db.prepare<[string, number], { holder_client: string | null; holder: string | null; me: string | null }>(
    `SELECT l.holder_client, l.holder, (SELECT value FROM sync_state WHERE key = 'clientId') AS me
     FROM sync_leases l WHERE l.register_id = ? AND l.year = ?`,
  );
  const last = db.prepare<[string, number], number>('SELECT last_number FROM register_counters WHERE register_id = ? AND year = ?').pluck();
  const ensure = db.prepare('INSERT OR IGNORE INTO registers (id, kind, name) VALUES (?, ?, ?)');
  const heldElsewhere = (registerId: string, year: number) => {
    const lease = leaseOf.get(registerId, year);
    return lease?.holder_client && lease.holder_client !== lease.me ? lease : null;
  };
  return {
    take(registerId, year) {
      const lease = heldElsewhere(registerId, year);
      if (lease) throw new AppError('FORBIDDEN', msg('sync.lease.heldElsewhere', { year, holder: lease.holder ?? '?' }));
      return next.get(registerId, year)!;
    },
    takeUnlessLeased: (registerId, year) => (heldElsewhere(registerId, year) ? null : next.get(registerId, year)!),
    last: (registerId, year) => last.get(registerId, year) ?? 0,
    ensure: (registerId, kind, name) => void ensure.run(registerId, kind, name),
  };
}
