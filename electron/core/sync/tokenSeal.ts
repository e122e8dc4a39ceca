/**
 * The refresh token at rest, in the data folder's database. Where the host offers the operating system's key
 * (Electron's safeStorage: DPAPI, Keychain, libsecret) the token is sealed with it ("os:"). Elsewhere (the command line,
 * the browser host, a Linux desktop without a keyring) Node has no OS protection to reach without native code, so the
 * token is sealed with a random key of its own ("file:", AES-256-GCM) kept in `session.key` beside the database, a
 * file only its owner may read (0600, made so on every use). What that protects is said plainly: the token never lies
 * in the database, its WAL or any copy of them (backups, a database sent for support), and other accounts of the
 * computer cannot read the key; any program running as the same user can, as it could read an unsealed token. On
 * Windows the file mode means nothing: the user profile's ACL (the default data folder is under %APPDATA%) is the
 * protection there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { OWNER_ONLY_FILE, restrictToOwner } from '../ownerOnly';
import type { SecretSeal } from './syncService';

const FILE_PREFIX = 'file:';
const OS_PREFIX = 'os:';
export const SESSION_KEY_FILE = 'session.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The data folder's session key, made on first use; two processes making it at once share the first one's. */
function sessionKey(dataDir: string): Buffer {
  const file = path.join(dataDir, SESSION_KEY_FILE);
  try {
    const fd = openSync(file, 'wx', OWNER_ONLY_FILE);
    try {
      writeSync(fd, randomBytes(KEY_BYTES));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A copy or an archive tool may have loosened it: the key is only as private as its file.
  restrictToOwner(file, OWNER_ONLY_FILE);
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error(`${file}: not a session key`);
  return key;
}

function dataFolderSeal(dataDir: string): SecretSeal {
  return {
    seal(secret) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sessionKey(dataDir), iv);
      const sealed = Buffer.concat([iv, cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return FILE_PREFIX + sealed.toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed.slice(FILE_PREFIX.length), 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', sessionKey(dataDir), bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        // Another key (the database copied without its key file, or the key file replaced): log in again.
        return null;
      }
    },
  };
}

/**
 * Seals with the OS key when the host has one, otherwise with the data folder's key; opens whichever sealed it, since
 * the desktop app, the browser host and the command line share one data folder. A token kept before sealing (no
 * prefix) opens as it is, and is sealed at its next rotation, which every connection makes.
 */
export function tokenSeal(dataDir: string, osSeal: SecretSeal | undefined): SecretSeal {
  const file = dataFolderSeal(dataDir);
  return {
    seal: (secret) => (osSeal ? osSeal.seal(secret) : file.seal(secret)),
    open(sealed) {
      if (sealed.startsWith(FILE_PREFIX)) return file.open(sealed);
      if (osSeal) return osSeal.open(sealed);
      // Sealed by the operating system's key for the desktop app: not to be opened here.
      return sealed.startsWith(OS_PREFIX) ? null : sealed;
    },
  };
}
