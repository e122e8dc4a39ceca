/** Every migration in order; a new one is a new file and one more line here, never an edit of an applied one. */
import accounts from './0001-accounts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [accounts];
