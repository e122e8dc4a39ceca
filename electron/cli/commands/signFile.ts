import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import { signFileDetached } from '../../core/signing/cms/cades';
import type { LtvResult } from '../../core/signing/pki/dss';
import { writeFileSafely } from '../../core/signing/pdf/fileWrite';
import { writeErrorToAppError } from '../../core/signing/pdf/pdfOpen';
import { TokenError } from '../../core/signing/signers/pkcs11Signer';
import { openSignerFromOptions, type SignerOptions } from '../../core/signing/signers/signerOptions';
import { SigningRefusal } from '../../core/signing/signers/signingRefusal';
import { DEFAULT_TSA_TIMEOUT_MS } from '../../core/signing/pki/timestamp';
import { parseCommandArgs } from '../args';
import { readCertificateFiles, trustStore } from '../certificateInputs';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = `vanthu sign-file <tệp> [-o <tệp.p7s>]
    (--p12 <tệp.p12> --password-env <BIẾN> | --pkcs11 <thư-viện.so|.dll> [--token <nhãn>] [--key-label <nhãn>] --pin-env <BIẾN>)
    [--ca <chứng-thư-trung-gian.pem>]... [--tsa <url> [--tsa-timeout <giây>]]
  --ca: chứng thư CA trung gian đưa vào chữ ký khi USB token hay tệp .p12 không mang theo.`;

/** Options every signing command shares: where the key is, and the timestamp authority. */
export const SIGNER_ARG_OPTIONS = {
  p12: { type: 'string' },
  'password-env': { type: 'string' },
  pkcs11: { type: 'string' },
  token: { type: 'string' },
  'key-label': { type: 'string' },
  'pin-env': { type: 'string' },
  tsa: { type: 'string' },
  'tsa-timeout': { type: 'string' },
} as const;

/** `--ca <pem>` (repeatable): intermediates to embed when the token or .p12 lacks them, beside the trust store's; only
 * those chaining the signer are. */
export const CHAIN_ARG_OPTIONS = { ca: { type: 'string', multiple: true } } as const;

/** `vanthu sign --ltv`: after signing, store chain and revocation answers in a DSS revision (PAdES B-LT). */
export const LTV_ARG_OPTIONS = { ltv: { type: 'boolean', default: false } } as const;

/**
 * The lines `vanthu sign --ltv` prints for its DSS step (see signPdfWithLtv): the count of what was stored, returned,
 * and through `warn` the certificates that name no OCSP or CRL address at all (a private CA without revocation
 * services), which can never have revocation data and so have only their chain stored.
 */
export function ltvReport(result: LtvResult, warn: (line: string) => void): string {
  if (result.withoutRevocationSource.length) {
    warn(msg('signingPolish.ltvNoSource', { subjects: result.withoutRevocationSource.map((s) => `"${s}"`).join(', ') }));
  }
  return msg('ltv.added', { certs: result.certificates, ocsps: result.ocsps, crls: result.crls });
}

type SignerArgValues = Partial<Record<keyof typeof SIGNER_ARG_OPTIONS, string>>;

/** A --pkcs11 path that does not exist is a typing mistake (exit 2), told apart from a library that fails to load. */
export function signerOptionsFromArgs(values: SignerArgValues): SignerOptions {
  if (values.pkcs11 !== undefined && !existsSync(values.pkcs11)) throw new CliError(EXIT.badInput, msg('signingPolish.moduleMissing', { path: values.pkcs11 }));
  return {
    ...(values.p12 !== undefined ? { p12: values.p12 } : {}),
    ...(values['password-env'] !== undefined ? { passwordEnv: values['password-env'] } : {}),
    ...(values.pkcs11 !== undefined ? { pkcs11: values.pkcs11 } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
    ...(values['key-label'] !== undefined ? { keyLabel: values['key-label'] } : {}),
    ...(values['pin-env'] !== undefined ? { pinEnv: values['pin-env'] } : {}),
  };
}

export function tsaFromArgs(values: SignerArgValues, usageText: string): { url: string; timeoutMs: number } | undefined {
  if (values.tsa === undefined) {
    if (values['tsa-timeout'] !== undefined) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: msg('signingCli.tsaTimeoutNeedsTsa') })}\n${usageText}`);
    return undefined;
  }
  const seconds = values['tsa-timeout'] === undefined ? DEFAULT_TSA_TIMEOUT_MS / 1000 : Number(values['tsa-timeout']);
  if (!/^https?:\/\//.test(values.tsa) || !(seconds > 0 && seconds <= 600)) {
    throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: values.tsa.startsWith('http') ? '--tsa-timeout <1..600>' : '--tsa <http(s)://…>' })}\n${usageText}`);
  }
  return { url: values.tsa, timeoutMs: seconds * 1000 };
}

/**
 * Core failures become the command line's exit codes: what the caller typed or gave (usage, unreadable files, an
 * image or page that cannot be used, a file given as the token library that is not one) is 2; a refusal (wrong PIN or
 * password, expired or revoked certificate, a document that forbids signing, token pulled, TSA down) is 1.
 */
export function signingCliError(error: unknown): unknown {
  if (error instanceof CliError || !(error instanceof AppError)) return error;
  const moduleUnloadable = error instanceof TokenError && error.reason === 'moduleUnloadable';
  const refusal = error instanceof SigningRefusal || (error instanceof TokenError && !moduleUnloadable);
  const badInput = moduleUnloadable || (!refusal && (error.code === 'BAD_INPUT' || error.code === 'UNREADABLE_FILE'));
  return new CliError(badInput ? EXIT.badInput : EXIT.refused, error.message);
}

export const signFileCommand: Command = {
  name: 'sign-file',
  summary: msg('fileSig.signSummary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' }, ...SIGNER_ARG_OPTIONS, ...CHAIN_ARG_OPTIONS }, usage);
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: '<tệp>' })}\n${usage}`);
    const output = values.output ?? `${file}.p7s`;
    if (path.resolve(output) === path.resolve(file)) throw new CliError(EXIT.badInput, msg('fileSig.outputIsInput'));
    const tsa = tsaFromArgs(values, usage);
    const extraCertificates = [...(await readCertificateFiles(values.ca)), ...(await trustStore(ctx)).intermediates];
    try {
      const opened = await openSignerFromOptions(signerOptionsFromArgs(values));
      try {
        const p7s = await signFileDetached({ file, signer: opened.signer, extraCertificates, ...(tsa ? { tsa } : {}) });
        await writeFileSafely(output, (temp) => writeFile(temp, p7s, { flag: 'wx' })).catch((error: unknown) => {
          throw writeErrorToAppError(error, output);
        });
      } finally {
        await opened.close();
      }
    } catch (error) {
      throw signingCliError(error);
    }
    ctx.out(msg('fileSig.signed', { file, p7s: output }));
    if (tsa) ctx.out(msg('fileSig.timestampedAt', { url: tsa.url }));
    return EXIT.ok;
  },
};
