/** The operating system's key for the server session (DPAPI on Windows, Keychain on macOS, libsecret on Linux). */
import { safeStorage } from 'electron';
import type { SecretSeal } from '../core/sync/syncService';

const PREFIX = 'os:';

/**
 * Undefined where the system has no key to offer (a Linux desktop without a keyring): the core seals it with the data
 * folder's key instead (core/sync/tokenSeal.ts), which also opens what the command line or the browser host sealed.
 */
export function osSecretSeal(): SecretSeal | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (secret) => PREFIX + safeStorage.encryptString(secret).toString('base64'),
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return sealed;
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        return null;
      }
    },
  };
}
