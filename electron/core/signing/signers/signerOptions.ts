/**
 * Opening a signer from what a command line (or a settings screen) names: a .p12/.pfx file with its password, or a
 * PKCS#11 module with token, key label and PIN. Secrets come only from environment variables whose NAMES are given,
 * so they never appear in a process list, a shell history or a log.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { openP12Signer } from './p12Signer';
import { openPkcs11Module } from './pkcs11Signer';
import type { Signer } from './signer';

export interface SignerOptions {
  p12?: string;
  /** Name of the environment variable holding the .p12 password. */
  passwordEnv?: string;
  /** Path of the token's PKCS#11 library. */
  pkcs11?: string;
  token?: string;
  keyLabel?: string;
  /** Name of the environment variable holding the token PIN. */
  pinEnv?: string;
}

export interface OpenedSigner {
  signer: Signer;
  /** Releases the token session and library; a no-op for .p12 keys. Always call it (finally). */
  close(): Promise<void>;
}

/** Thrown for options that do not make sense together; the CLI shows it as a usage error. */
export class SignerUsageError extends AppError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'SignerUsageError';
  }
}

function secretFrom(env: NodeJS.ProcessEnv, name: string | undefined, flag: string): string {
  if (!name) throw new SignerUsageError(msg('signerOptions.secretEnvRequired', { flag }));
  const value = env[name];
  if (value === undefined || value === '') throw new SignerUsageError(msg('signerOptions.envMissing', { name }));
  return value;
}

export async function openSignerFromOptions(options: SignerOptions, env: NodeJS.ProcessEnv = process.env): Promise<OpenedSigner> {
  if (options.p12 && options.pkcs11) throw new SignerUsageError(msg('signerOptions.oneSource'));
  if (options.p12) {
    const password = secretFrom(env, options.passwordEnv, '--password-env');
    let bytes: Uint8Array;
    try {
      bytes = await readFile(options.p12);
    } catch {
      throw new AppError('UNREADABLE_FILE', msg('fileSig.fileUnreadable', { file: options.p12 }));
    }
    return { signer: openP12Signer(bytes, password), close: async () => {} };
  }
  if (options.pkcs11) {
    const pin = secretFrom(env, options.pinEnv, '--pin-env');
    const module = openPkcs11Module(options.pkcs11);
    try {
      const signer = await module.openSigner({ pin, ...(options.token ? { token: options.token } : {}), ...(options.keyLabel ? { keyLabel: options.keyLabel } : {}) });
      return {
        signer,
        close: async () => {
          await signer.close();
          module.close();
        },
      };
    } catch (error) {
      module.close();
      throw error;
    }
  }
  throw new SignerUsageError(msg('signerOptions.oneSource'));
}
