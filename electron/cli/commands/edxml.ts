/**
 * `vanthu edxml export|import`: edXML packages (QCVN 102) between agencies, over the same core as the app. An issued
 * document leaves as a package for its external recipients; a package received enters the incoming register once it
 * passes the checks, or is refused with the reason and nothing stored.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Output } from '../../../shared/contract';
import { arrivalNumberText } from '../../../shared/domain/arrivalNumber';
import { joinCode } from '../../../shared/domain/documentCode';
import { statusLabel } from '../../../shared/domain/edxml';
import { describeUpdate } from '../../../shared/domain/edxmlImportOutcome';
import { incomingToInterchange } from '../../../shared/domain/interchange';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';
import { saveContent } from '../saveContent';
import { usageError } from './handling';
import { refuseDuplicate } from './register';

const usage = `vanthu [--as <họ tên>] edxml <việc> ...
  export <id văn bản đi> -o <gói-tin.edxml>     gói tin edXML của văn bản đã ban hành, gửi các cơ quan nhận
  import <gói-tin.edxml> [--json]                kiểm tra và vào sổ văn bản đến (gói tin trạng thái: ghi vào văn bản đi)
  import <gói-tin.edxml> --reject-status -o <tu-choi.edxml>
                                                 như trên; gói tin bị từ chối do lỗi của bên gửi thì ghi gói tin
                                                 trạng thái 02 (từ chối tiếp nhận) kèm lý do để gửi lại bên gửi
  status <gói-tin.edxml> [--json]                ghi gói tin trạng thái của nơi nhận vào văn bản đi
  status <id văn bản đi> [--json]                trạng thái mới nhất của từng nơi nhận
  status <id văn bản đến> -o <trạng-thái.edxml>  gói tin trạng thái gửi lại cơ quan gửi (01 đã đến … 06 hoàn thành;
                                                 văn bản bị thu hồi, thay thế: 15 đồng ý)
  status <id văn bản đến> --refuse-withdrawal <lý do> -o <trạng-thái.edxml>
                                                 16: từ chối việc thu hồi, thay thế; văn bản trở lại xử lý`;

export const edxmlCommand: Command = {
  name: 'edxml',
  summary: msg('exchange.cli.summary'),
  usage,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs(rest, { output: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false }, 'reject-status': { type: 'boolean', default: false }, 'refuse-withdrawal': { type: 'string' } }, usage);
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
      case 'import':
        if (!target) throw usageError(usage, '<gói-tin.edxml>');
        if (values['reject-status'] && !values.output) throw usageError(usage, '-o <tu-choi.edxml>');
        return importPackage(ctx, target, values.json, values['reject-status'] ? values.output! : null);
      case 'status': {
        if (!target) throw usageError(usage, '<gói-tin.edxml|id>');
        if (await fs.access(target).then(() => true, () => false)) return importPackage(ctx, target, values.json, null);
        const core = await ctx.openCore();
        const outgoing = await core.dispatch('outgoing.get', { id: target });
        if (outgoing.ok) {
          const statuses = (outgoing.value as Output<'outgoing.get'>).document.exchangeStatuses;
          if (values.json) for (const s of statuses) ctx.out(JSON.stringify(s));
          else if (statuses.length === 0) ctx.out(msg('exchange.cli.noStatus'));
          else for (const s of statuses) ctx.out(msg('exchange.cli.statusLine', { organ: `${s.organName} (${s.organId})`, label: statusLabel(s.code), code: s.code, at: s.timestamp, description: s.description }));
          return EXIT.ok;
        }
        if (!values.output) throw usageError(usage, '-o <trạng-thái.edxml>');
        const refusal = values['refuse-withdrawal'];
        const ref = await callOrFail(core, 'exchange.statusPackage', { id: target, ...(refusal !== undefined ? { refuseWithdrawal: refusal } : {}) });
        await saveContent(core, ref, values.output);
        ctx.out(msg('exchange.cli.statusWritten', { file: values.output, label: statusLabel(ref.code), code: ref.code }));
        if (ref.queued) ctx.out(msg('exchange.statusQueued', { label: statusLabel(ref.code), code: ref.code }));
        return EXIT.ok;
      }
      default:
        throw usageError(usage, '<việc>: export|import|status');
    }
  },
};

/**
 * A package received: a document goes into the incoming register, a status onto the outgoing document it is about.
 * `refusalFile`: where the 02 status message goes when the package is refused for its sender's fault.
 */
async function importPackage(ctx: CommandContext, file: string, json: boolean, refusalFile: string | null): Promise<number> {
  await fs.access(file).catch(() => {
    throw new CliError(EXIT.badInput, msg('cli.fileMissing', { file }));
  });
  const core = await ctx.openCore();
  const staged = await core.stage(createReadStream(file), path.basename(file));
  const result = await callOrFail(core, 'exchange.import', { hash: staged.hash, answerRefusal: refusalFile !== null });
  if (result.kind === 'duplicate') return refuseDuplicate(ctx, result.matches);
  if (result.kind === 'refused') {
    await saveContent(core, result.status, refusalFile!);
    ctx.err(result.reason);
    ctx.out(msg('exchange.cli.statusWritten', { file: refusalFile!, label: statusLabel('02'), code: '02' }));
    return EXIT.badInput;
  }
  if (result.kind === 'status') {
    if (json) ctx.out(JSON.stringify(result));
    else ctx.out(msg('exchange.cli.statusRecorded', { label: statusLabel(result.code), code: result.code, organId: result.organId }));
    return EXIT.ok;
  }
  const entries = (list: { arrivalNumber: number | null; year: number }[]) => list.map((d) => `${arrivalNumberText(d.arrivalNumber)}/${d.year}`).join(', ');
  if (result.kind === 'updated') {
    if (json) ctx.out(JSON.stringify(result));
    else ctx.out(msg('exchange.cli.updated', { numbers: entries(result.documents), detail: describeUpdate(result.reason, result.changes) }));
    return EXIT.ok;
  }
  if (result.kind === 'recalled') {
    if (json) ctx.out(JSON.stringify(result));
    else ctx.out(msg('exchange.cli.recalled', { numbers: entries(result.documents), reason: result.reason }));
    return EXIT.ok;
  }
  const doc = result.document;
  if (json) ctx.out(JSON.stringify({ ...incomingToInterchange(doc), From: { OrganId: result.senderOrganId }, Signatures: result.verdict, Replaces: result.replaced.map((d) => d.id) }));
  else {
    ctx.out(
      msg('exchange.cli.imported', {
        number: arrivalNumberText(doc.arrivalNumber),
        date: doc.arrivalDate,
        notation: joinCode(doc.codeNumber, doc.codeNotation),
        organ: doc.organName,
        verdict: msg(`signingUi.verdict.${result.verdict}`),
      }),
    );
    if (result.replaced.length) ctx.out(msg('exchange.cli.replaced', { numbers: entries(result.replaced) }));
  }
  return EXIT.ok;
}
