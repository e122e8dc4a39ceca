import { promises as fs } from 'node:fs';
import path from 'node:path';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = 'vanthu register-book [--kind incoming|outgoing] --from YYYY-MM-DD --to YYYY-MM-DD -o <tệp.pdf|tệp.xlsx>';

export const registerBookCommand: Command = {
  name: 'register-book',
  summary: msg('cli.book.summary'),
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(
      args,
      { kind: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, output: { type: 'string', short: 'o' } },
      usage,
    );
    const output = values.output;
    const format = output?.toLowerCase().endsWith('.pdf') ? 'pdf' : output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
    if (!output || !format) throw new CliError(EXIT.badInput, `${msg('cli.book.badFormat')}\n${usage}`);
    const core = await ctx.openCore();
    // The kind goes as typed: the contract refuses an unknown one in Vietnamese, naming --kind; absent, it is incoming.
    const kind = values.kind as 'incoming' | 'outgoing' | undefined;
    const ref = await callOrFail(core, 'registerBook.export', { from: values.from ?? '', to: values.to ?? '', format, kind });
    // Copy beside the target and rename, so a failed write never leaves a half book under the real name.
    const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.part`);
    try {
      await fs.copyFile(core.content.pathOf(ref.hash), tmp);
      await fs.rename(tmp, output);
    } catch {
      await fs.rm(tmp, { force: true });
      throw new CliError(EXIT.badInput, msg('cli.writeFailed', { file: output }));
    }
    const register = msg(kind === 'outgoing' ? 'registerBook.outgoingName' : 'registerBook.incomingName').toLocaleLowerCase('vi');
    ctx.out(msg('cli.book.done', { register, file: output }));
    return EXIT.ok;
  },
};
