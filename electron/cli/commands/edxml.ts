/**
 * `vanthu edxml export|import`: edXML packages (QCVN 102) between agencies, over the same core as the app. An issued
 * document leaves as a package for its external recipients; a package received enters the incoming register once it
 * passes the checks, or is refused with the reason and nothing stored.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { arrivalNumberText } from '../../../shared/domain/arrivalNumber';
import { joinCode } from '../../../shared/domain/documentCode';
import { incomingToInterchange } from '../../../shared/domain/interchange';
import { msg, type MessageKey } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { saveContent } from '../saveContent';
import { usageError } from './handling';
import { refuseDuplicate } from './register';

const usage = `vanthu [--as <họ tên>] edxml <việc> ...
  export <id văn bản đi> -o <gói-tin.edxml>     gói tin edXML của văn bản đã ban hành, gửi các cơ quan nhận
  import <gói-tin.edxml> [--json]                kiểm tra và vào sổ văn bản đến`;

export const edxmlCommand: Command = {
  name: 'edxml',
  summary: msg('exchange.cli.summary'),
  usage,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs(rest, { output: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } }, usage);
    const [target, ...extra] = positionals;
    if (extra.length) throw usageError(usage, extra[0]!);
    switch (sub) {
      case 'export': {
        if (!target) throw usageError(usage, '<id văn bản đi>');
        if (!values.output) throw usageError(usage, '-o <gói-tin.edxml>');
        const core = await ctx.openCore();
        const ref = await callOrFail(core, 'exchange.export', { id: target });
        await saveContent(core, ref, values.output);
        ctx.out(msg('exchange.cli.exported', { file: values.output, to: ref.to.map((t) => `${t.name} (${t.organId})`).join(', ') }));
        return EXIT.ok;
      }
      case 'import': {
        if (!target) throw usageError(usage, '<gói-tin.edxml>');
        await fs.access(target).catch(() => {
          throw new CliError(EXIT.badInput, msg('cli.fileMissing', { file: target }));
        });
        const core = await ctx.openCore();
        const staged = await core.stage(createReadStream(target), path.basename(target));
        const result = await callOrFail(core, 'exchange.import', { hash: staged.hash });
        if (result.kind === 'duplicate') return refuseDuplicate(ctx, result.matches);
        const doc = result.document;
        if (values.json) ctx.out(JSON.stringify({ ...incomingToInterchange(doc), From: { OrganId: result.senderOrganId }, Signatures: result.verdict }));
        else {
          ctx.out(
            msg('exchange.cli.imported', {
              number: arrivalNumberText(doc.arrivalNumber),
              date: doc.arrivalDate,
              notation: joinCode(doc.codeNumber, doc.codeNotation),
              organ: doc.organName,
              verdict: msg(`signingUi.verdict.${result.verdict}` as MessageKey),
            }),
          );
        }
        return EXIT.ok;
      }
      default:
        throw usageError(usage, '<việc>: export|import');
    }
  },
};
