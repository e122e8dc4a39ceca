/**
 * The reports a province asks for, from the command line over the same core as the app: `report kpi` (work files
 * processed entirely online, per unit) and `report directives` (the tracking report of leaders' directives, of the
 * organisation, one unit or one leader), each as PDF or XLSX for a period.
 */
import { formatShare } from '../../../shared/domain/workFile';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { staffByName } from '../orgLookup';
import { saveContent } from '../saveContent';
import { openOrganisation, unitNamed, usageError } from './handling';

const REPORT_USAGE = [
  'vanthu report kpi --from YYYY-MM-DD --to YYYY-MM-DD [--unit <đơn vị>] -o <tệp.pdf|tệp.xlsx>',
  'vanthu report directives --from YYYY-MM-DD --to YYYY-MM-DD [--unit <đơn vị>] [--leader <họ tên lãnh đạo>] -o <tệp.pdf|tệp.xlsx>',
].join('\n');
const REPORTS = ['kpi', 'directives'] as const;

export const reportCommand: Command = {
  name: 'report',
  summary: msg('cli.report.summary'),
  usage: REPORT_USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (!REPORTS.includes(sub as (typeof REPORTS)[number])) throw usageError(REPORT_USAGE, `<báo cáo>: ${REPORTS.join('|')}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      { from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, leader: { type: 'string' }, output: { type: 'string', short: 'o' } },
      REPORT_USAGE,
    );
    if (positionals.length) throw usageError(REPORT_USAGE, positionals.join(' '));
    if (sub === 'kpi' && values.leader !== undefined) throw usageError(REPORT_USAGE, '--leader');
    const output = values.output;
    const format = output?.toLowerCase().endsWith('.pdf') ? 'pdf' : output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
    if (!output || !format) throw new CliError(EXIT.badInput, `${msg('cli.book.badFormat')}\n${REPORT_USAGE}`);
    const { core, profile } = await openOrganisation(ctx);
    const period = { from: values.from ?? '', to: values.to ?? '', ...(values.unit !== undefined ? { unitId: unitNamed(profile, values.unit).id } : {}) };
    if (sub === 'directives') {
      const leader = values.leader !== undefined ? { leaderId: staffByName(profile, values.leader).id } : {};
      await saveContent(core, await callOrFail(core, 'directive.exportReport', { ...period, ...leader, format }), output);
      ctx.out(msg('cli.directiveReport.done', { file: output }));
      return EXIT.ok;
    }
    const report = await callOrFail(core, 'workFile.kpi', period);
    await saveContent(core, await callOrFail(core, 'workFile.kpiExport', { ...period, format }), output);
    ctx.out(msg('cli.report.done', { file: output, closed: report.total.closed, online: report.total.closedOnline, share: formatShare(report.total.share) }));
    return EXIT.ok;
  },
};
