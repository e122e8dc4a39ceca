import { arrivalNumberText } from '../../../shared/domain/arrivalNumber';
import { joinCode } from '../../../shared/domain/documentCode';
import { incomingToInterchange } from '../../../shared/domain/interchange';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = 'vanthu search <từ khóa> [--limit N] [--json]';

export const searchCommand: Command = {
  name: 'search',
  summary: msg('cli.search.summary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false }, limit: { type: 'string' } }, usage);
    const query = positionals.join(' ').trim();
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!query || !Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: query ? '--limit' : '<từ khóa>' })}\n${usage}`);
    const core = await ctx.openCore();
    const found = await callOrFail(core, 'incoming.list', { filter: { query }, limit });
    if (values.json) {
      const documents = [];
      for (const row of found.rows) documents.push(incomingToInterchange((await callOrFail(core, 'incoming.get', { id: row.id })).document));
      ctx.out(JSON.stringify(documents, null, 2));
      return EXIT.ok;
    }
    if (found.rows.length === 0) ctx.out(msg('cli.search.none'));
    for (const r of found.rows) {
      ctx.out(`${arrivalNumberText(r.arrivalNumber)}/${r.year}\t${r.arrivalDate}\t${joinCode(r.codeNumber, r.codeNotation)}\t${r.organName}\t${r.typeName}: ${r.subject}`);
    }
    return EXIT.ok;
  },
};
