/** Secrets shared by every server process on one database. */
import { randomBytes } from 'node:crypto';
import type { Pool } from './pool';

/** The named secret, created with `bytes` random bytes by whichever process asks first; all processes read the winner. */
export async function sharedSecret(pool: Pool, name: string, bytes: number): Promise<Buffer> {
  await pool.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(bytes)]);
  const { rows } = await pool.query<{ value: Buffer }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  return rows[0]!.value;
}
