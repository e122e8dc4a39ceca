/**
 * Password hashes: scrypt, memory-hard so a stolen table is slow to guess through even on GPUs. The parameters travel
 * inside the stored string, so they can be raised later without breaking the hashes already stored.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST_LOG2 = 15;
const BLOCK_SIZE = 8;
const PARALLEL = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly what N=2^15, r=8 needs, and it wants headroom.
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 2 * 128 * 2 ** log2N * r };
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`, salt and hash in base64url. `costLog2` is for tests that make hundreds of
 * accounts on a small machine; every account the server makes gets the default.
 */
export async function hashPassword(password: string, costLog2 = COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, costLog2, BLOCK_SIZE, PARALLEL);
  return ['scrypt', costLog2, BLOCK_SIZE, PARALLEL, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(log2N), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let unknownUserHash: Promise<string> | undefined;
/** Checked against when the username is unknown, so a wrong name takes as long as a wrong password. */
export function hashForUnknownUser(): Promise<string> {
  unknownUserHash ??= hashPassword(randomBytes(16).toString('hex'));
  return unknownUserHash;
}
