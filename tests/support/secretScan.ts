/** Looks for a secret's bytes in a folder: proof that something (a key file) never reached the disk. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every regular file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The files under `dir` holding the secret whole or any recognisable piece of it: 32-byte slices every 128 bytes, so
 * a partial or re-framed copy is found too. Meant for secrets that are mostly ciphertext (a .p12), whose slices occur
 * nowhere else by chance.
 */
export function filesHolding(dir: string, secret: Uint8Array): string[] {
  const needles: Buffer[] = [Buffer.from(secret)];
  for (let at = 64; at + 32 <= secret.length; at += 128) needles.push(Buffer.from(secret.subarray(at, at + 32)));
  return listFiles(dir).filter((file) => {
    const bytes = readFileSync(path.join(dir, file));
    return needles.some((needle) => bytes.includes(needle));
  });
}
