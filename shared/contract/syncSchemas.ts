/** What the UI and the CLI ask of sync: log in, run a round now, and the state to show. */
import { z } from 'zod';
import { Id } from './syncWire';

export const SyncLoginInput = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).max(500),
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

const Progress = z.object({ done: z.number(), total: z.number() });

export const SyncStatus = z.object({
  serverUrl: z.string().nullable(),
  username: z.string().nullable(),
  online: z.boolean(),
  pending: z.number().int(),
  /** Of the pending changes, those waiting for the server to sync their kind (an upgrade of the server). */
  deferred: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  rejected: z.array(z.object({ id: z.string(), message: z.string(), at: z.string() })),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Which computer numbers each register's year: `mine` when it is this one. */
  leases: z.array(z.object({ register: z.string(), year: z.number().int(), holder: z.string().nullable(), mine: z.boolean(), lastNumber: z.number().int() })),
  /** True while a round runs. */
  syncing: z.boolean(),
  /** Bytes of files moving in the running round (done of total), null when none move. */
  files: Progress.nullable(),
  /** The first sync's pull: change-log position reached of the server's newest, null once caught up. */
  firstSync: Progress.nullable(),
  /** A catch-up's pull (kinds a new version syncs, documents a new unit or role lets the user see): position reached of
   * its end, null when none runs. */
  catchUp: Progress.nullable(),
  /** True while a first sync has put off the indexes of the lists (built once at its end): lists answer, slower. */
  indexesDeferred: z.boolean(),
});

/** A refused change, named by the id shown in `SyncStatus.rejected`. */
export const SyncChangeInput = z.object({ id: Id });

export const LeaseInput = z.object({ register: z.string().min(1).max(100), year: z.number().int().min(2000).max(2100) });

export const SyncReport = z.object({
  pushed: z.number().int(),
  duplicates: z.number().int(),
  /** Changes the server kept back, of kinds it does not sync yet: they wait here and go once it does. */
  deferred: z.number().int(),
  rejected: z.array(z.object({ id: z.string(), message: z.string() })),
  pulledDocuments: z.number().int(),
  pulledEvents: z.number().int(),
  filesUploaded: z.number().int(),
  filesDownloaded: z.number().int(),
  /** Provisional entries of other computers this one numbered as the register's lease holder. */
  numbered: z.number().int(),
});

export type SyncStatus = z.infer<typeof SyncStatus>;
export type SyncReport = z.infer<typeof SyncReport>;
