/**
 * The numbering leases as this computer sees them: refreshed from the server each round, taken and given back only
 * online. A lease is given back only when every number taken under it is on the server, so the next holder starts
 * from the true last number.
 */
import { Lease, SYNC_PATHS } from '../../../shared/contract/syncWire';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import { z } from 'zod';
import type { SyncRepo } from '../db/sync/syncRepo';
import type { ServerConnection } from './serverConnection';

const LeaseList = z.object({ leases: z.array(Lease) });

export interface NumberingLeases {
  refresh(server: ServerConnection): Promise<void>;
  /** Takes the lease if it is free; false when another computer has it. */
  take(server: ServerConnection, register: string, year: number): Promise<boolean>;
  /** As take, but FORBIDDEN naming the holder when another computer has it (a person asked for it). */
  require(server: ServerConnection, register: string, year: number): Promise<void>;
  /** Gives the lease back; refused while numbers taken under it wait to be pushed. */
  release(server: ServerConnection, register: string, year: number): Promise<void>;
}

export function createNumberingLeases(repo: SyncRepo): NumberingLeases {
  async function refresh(server: ServerConnection) {
    await repo.saveLeases((await server.call('GET', SYNC_PATHS.leases, null, LeaseList)).leases);
  }
  async function take(server: ServerConnection, register: string, year: number): Promise<Lease> {
    const lease = await server.call('POST', SYNC_PATHS.acquireLease, { clientId: await repo.clientId(), register, year }, Lease);
    await refresh(server);
    return lease;
  }
  return {
    refresh,
    take: async (server, register, year) => (await take(server, register, year)).clientId === (await repo.clientId()),
    async require(server, register, year) {
      const lease = await take(server, register, year);
      if (lease.clientId !== (await repo.clientId())) throw new AppError('FORBIDDEN', msg('sync.lease.notFree', { year, holder: lease.holder ?? '?' }));
    },
    async release(server, register, year) {
      const waiting = await repo.pendingNumbers(register, year);
      if (waiting > 0) throw new AppError('WRONG_STATE', msg('sync.lease.pendingNumbers', { count: waiting }));
      await server.call('POST', SYNC_PATHS.releaseLease, { clientId: await repo.clientId(), register, year }, Lease);
      await refresh(server);
    },
  };
}
