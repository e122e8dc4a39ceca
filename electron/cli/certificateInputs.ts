/**
 * The certificates the signing commands work with: PEM/DER files named with --trust (roots) and --ca (intermediates),
 * joined by the data folder's trust store (`vanthu trust`, the app's "Chứng thư tin cậy" dialog), so that the command
 * line and the app judge against one list.
 */
import { readFile } from 'node:fs/promises';
import { msg } from '../../shared/messages';
import { readCertificates } from '../core/signing/pki/certificates';
import type { TrustAnchors } from '../core/signing/signingService';
import { CliError, EXIT } from './cliError';
import type { CommandContext } from './command';
import { existingCore } from './existingCore';

export async function readCertificateFiles(files: string[] = []): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      out.push(...readCertificates(await readFile(file)));
    } catch {
      throw new CliError(EXIT.badInput, `${msg('fileSig.fileUnreadable', { file })} ${msg('signing.certUnreadable')}`);
    }
  }
  return out;
}

/** The trust store of the --data folder; empty when the folder holds no store yet. */
export async function trustStore(ctx: CommandContext): Promise<TrustAnchors> {
  const core = await existingCore(ctx);
  return core ? core.signing.trustAnchors() : { roots: [], intermediates: [] };
}

/** For verifying: --trust files and the store's roots as roots, --ca files and the store's intermediates as chain candidates. */
export async function verificationCertificates(values: { trust?: string[]; ca?: string[] }, ctx: CommandContext): Promise<{ trustedRoots: Uint8Array[]; extraCertificates: Uint8Array[] }> {
  const store = await trustStore(ctx);
  return {
    trustedRoots: [...(await readCertificateFiles(values.trust)), ...store.roots],
    extraCertificates: [...(await readCertificateFiles(values.ca)), ...store.intermediates],
  };
}
