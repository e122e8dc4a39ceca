/** Axis adapter credentials (server migration 7): made once, checked by hash on every adapter request. */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from './pool';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new adapter's token, returned only here. */
export async function createAxisAdapter(pool: Pool, name: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO axis_adapters (name, token_hash) VALUES ($1, $2)', [name, hashOf(token)]);
  return token;
}

export async function axisAdapterKnown(pool: Pool, token: string): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM axis_adapters WHERE token_hash = $1 AND revoked_at IS NULL', [hashOf(token)]);
  return r.rowCount === 1;
}
