import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrustedCertificate } from '../../../shared/contract';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = `vanthu trust list
vanthu trust add <chứng-thư.pem|.cer|.der>
vanthu trust remove <dấu vân tay SHA-256>`;

function line(c: TrustedCertificate): string {
  const role = msg(c.role === 'root' ? 'signingUi.trust.root' : 'signingUi.trust.intermediate');
  return `${c.fingerprint}\t${role}\t${c.subjectCommonName}\t${c.validTo.slice(0, 10)}`;
}

/** The trusted certificates the app verifies signatures against: the same list as the UI's dialog. */
export const trustCommand: Command = {
  name: 'trust',
  summary: msg('signingUi.cli.trustSummary'),
  usage,
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(args, {}, usage);
    const [action, value, ...extra] = positionals;
    const usageError = () => new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: action ?? '' })}\n${usage}`);
    if (extra.length) throw usageError();
    const core = await ctx.openCore();
    let list: TrustedCertificate[];
    if (action === 'list' && value === undefined) list = await callOrFail(core, 'signing.trustList', {});
    else if (action === 'add' && value) {
      let bytes: Buffer;
      try {
        bytes = await readFile(value);
      } catch {
        throw new CliError(EXIT.badInput, msg('fileSig.fileUnreadable', { file: value }));
      }
      const ref = await core.stage(bytes, path.basename(value));
      list = await callOrFail(core, 'signing.trustAdd', { hash: ref.hash });
      ctx.out(msg('signingUi.trust.added'));
    } else if (action === 'remove' && value) {
      list = await callOrFail(core, 'signing.trustRemove', { fingerprint: value.replace(/:/g, '').toUpperCase() });
      ctx.out(msg('signingUi.trust.removed'));
    } else throw usageError();
    if (list.length === 0) ctx.out(msg('signingUi.trust.empty'));
    for (const c of list) ctx.out(line(c));
    return EXIT.ok;
  },
};
