import { promises as fs } from 'node:fs';
import path from 'node:path';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = 'vanthu register-book --from YYYY-MM-DD --to YYYY-MM-DD -o <tệp.pdf|tệp.xlsx>';

export const registerBookCommand: Command = {
  name: 'register-book',
  summary: msg('cli.book.summary'),
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(
      args,
      { from: { type: 'string' }, to: { type: 'string' }, output: { type: 'string', short: 'o' } },
      usage,
    );
    const output = values.output;
    const format = output?.toLowerCase().endsWith('.pdf') ? 'pdf' : output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
    if (!output || !format) throw new CliError(EXIT.badInput, `${msg('cli.book.badFormat')}\n${usage}`);
    const core = await ctx.openCore();
    const ref = await callOrFail(core, 'registerBook.export', { from: values.from ?? '', to: values.to ?? '', format });
    // Copy beside the target and rename, so a failed write never leaves a half book under the real name.
    const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.part`);
    try {
      await fs.copyFile(core.content.pathOf(ref.hash), tmp);
      await fs.rename(tmp, output);
    } catch {
      await fs.rm(tmp, { force: true });
      throw new CliError(EXIT.badInput, msg('cli.writeFailed', { file: output }));
    }
    ctx.out(msg('cli.book.done', { file: output }));
    return EXIT.ok;
  },
};
