/** Every migration in order; a new one is a new file and one more line here, never an edit of an applied one. */
import accounts from './0001-accounts';
import sync from './0002-sync';
import leases from './0003-leases';
import restricted from './0004-restricted';
import orgSettings from './0005-org-settings';
import exchange from './0006-exchange';
import axisAdapters from './0007-axis-adapters';
import deferredMutations from './0008-deferred-mutations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [accounts, sync, leases, restricted, orgSettings, exchange, axisAdapters, deferredMutations];
