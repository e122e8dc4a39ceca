import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { saveContent } from '../saveContent';

const usage = 'vanthu slip <mã văn bản> -o <tệp.pdf>';

/** `vanthu slip <id> -o phieu.pdf`: the handling slip (phiếu giải quyết văn bản đến) of one incoming document. */
export const slipCommand: Command = {
  name: 'slip',
  summary: msg('trackingBook.cli.slipSummary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' } }, usage);
    const output = values.output;
    if (!output || !output.toLowerCase().endsWith('.pdf')) throw new CliError(EXIT.badInput, `${msg('trackingBook.cli.slipNotPdf')}\n${usage}`);
    if (positionals.length > 1) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: msg('validation.cli.extraArgument', { value: positionals[1]! }) })}\n${usage}`);
    const core = await ctx.openCore();
    const ref = await callOrFail(core, 'handling.slip', { id: positionals[0] ?? '' });
    await saveContent(core, ref, output);
    ctx.out(msg('trackingBook.cli.slipDone', { file: output }));
    return EXIT.ok;
  },
};
