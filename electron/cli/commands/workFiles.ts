/**
 * Work files and their KPI report from the command line, over the same core as the app, acting as the folder's
 * current person (global `--as`): `file plan|open|add|remove|close|list|export` (the KPI report is `report kpi`).
 */
import type { OrgProfile, WorkFileDetail, WorkFileSummary } from '../../../shared/contract';
import { todayInVietnam } from '../../../shared/domain/dates';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';
import { unitByAbbrev } from '../orgLookup';
import { saveContent } from '../saveContent';
import { openOrganisation, usageError } from './handling';

const FILE_USAGE = [
  'vanthu [--as <họ tên>] file plan --notation <ký hiệu> --title <tiêu đề> --retention <thời hạn> [--unit <đơn vị>] [--year YYYY]',
  'vanthu [--as <họ tên>] file open (--plan <ký hiệu trong danh mục> | --notation <ký hiệu> --title <tiêu đề>) [--unit <đơn vị>] [--year YYYY] [--json]',
  'vanthu [--as <họ tên>] file add|remove <id hồ sơ> <id văn bản> [--outgoing] [--json]',
  'vanthu [--as <họ tên>] file close <id hồ sơ> [--json]',
  'vanthu file list [--year YYYY] [--unit <đơn vị>] [--open|--closed] [--json]',
  'vanthu file export <id hồ sơ> -o <tệp.pdf|tệp.xml>',
].join('\n');
const FILE_SUBCOMMANDS = ['plan', 'open', 'add', 'remove', 'close', 'list', 'export'] as const;

function unitId(profile: OrgProfile, abbrev: string | undefined): string | undefined {
  if (abbrev === undefined) return undefined;
  const unit = unitByAbbrev(profile, abbrev);
  if (!unit) throw new CliError(EXIT.badInput, msg('cli.handling.unitUnknown', { abbrev }));
  return unit.id;
}

function year(text: string | undefined): number {
  if (text === undefined) return Number(todayInVietnam().slice(0, 4));
  if (!/^\d{4}$/.test(text)) throw usageError(FILE_USAGE, '--year YYYY');
  return Number(text);
}

function fileLine(f: WorkFileSummary): string {
  return msg('cli.workFile.line', { code: f.fileCode, title: f.title, state: msg(`cli.workFile.state.${f.state}`), unit: f.unitName, id: f.id });
}

function print(ctx: CommandContext, json: boolean, f: WorkFileDetail) {
  if (json) {
    ctx.out(JSON.stringify(f, null, 2));
    return;
  }
  ctx.out(fileLine(f));
  for (const d of f.documents) ctx.out(`  ${d.ordinal}. ${[d.codeNumber, d.codeNotation].filter(Boolean).join('/')} ${d.subject}`);
}

export const fileCommand: Command = {
  name: 'file',
  summary: msg('cli.workFile.summary'),
  usage: FILE_USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (!FILE_SUBCOMMANDS.includes(sub as (typeof FILE_SUBCOMMANDS)[number])) throw usageError(FILE_USAGE, `<việc>: ${FILE_SUBCOMMANDS.join('|')}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        notation: { type: 'string' },
        title: { type: 'string' },
        retention: { type: 'string' },
        plan: { type: 'string' },
        unit: { type: 'string' },
        year: { type: 'string' },
        outgoing: { type: 'boolean', default: false },
        open: { type: 'boolean', default: false },
        closed: { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean', default: false },
      },
      FILE_USAGE,
    );
    const { core, profile } = await openOrganisation(ctx);
    switch (sub) {
      case 'plan': {
        if (!values.notation || !values.title || !values.retention) throw usageError(FILE_USAGE, '--notation --title --retention');
        const entry = await callOrFail(core, 'workFile.planSave', {
          year: year(values.year),
          notation: values.notation,
          title: values.title,
          retention: values.retention,
          unitId: unitId(profile, values.unit) ?? null,
        });
        ctx.out(values.json ? JSON.stringify(entry) : msg('cli.workFile.planned', { notation: entry.notation, title: entry.title, year: entry.year }));
        return EXIT.ok;
      }
      case 'open': {
        const y = year(values.year);
        let planEntryId: string | undefined;
        if (values.plan !== undefined) {
          const wanted = values.plan.trim().normalize('NFC');
          planEntryId = (await callOrFail(core, 'workFile.planList', { year: y })).find((e) => e.notation === wanted)?.id;
          if (!planEntryId) throw new CliError(EXIT.badInput, msg('workFile.planEntryUnknown'));
        } else if (!values.notation || !values.title) throw usageError(FILE_USAGE, '--plan | --notation --title');
        const opened = await callOrFail(core, 'workFile.open', {
          year: y,
          ...(planEntryId ? { planEntryId } : {}),
          ...(values.notation !== undefined ? { notation: values.notation } : {}),
          ...(values.title !== undefined ? { title: values.title } : {}),
          ...(values.unit !== undefined ? { unitId: unitId(profile, values.unit) } : {}),
          ...(values.retention !== undefined ? { retention: values.retention } : {}),
        });
        print(ctx, values.json, opened);
        return EXIT.ok;
      }
      case 'list': {
        if (values.open && values.closed) throw usageError(FILE_USAGE, '--open | --closed');
        const files = await callOrFail(core, 'workFile.list', {
          year: year(values.year),
          ...(values.unit !== undefined ? { unitId: unitId(profile, values.unit) } : {}),
          ...(values.open ? { state: 'open' as const } : values.closed ? { state: 'closed' as const } : {}),
        });
        if (values.json) ctx.out(JSON.stringify(files, null, 2));
        else if (files.length === 0) ctx.out(msg('cli.workFile.none'));
        else for (const f of files) ctx.out(fileLine(f));
        return EXIT.ok;
      }
    }
    const [id, docId, ...extra] = positionals;
    if (!id) throw usageError(FILE_USAGE, '<id hồ sơ>');
    switch (sub) {
      case 'add':
      case 'remove': {
        if (!docId || extra.length) throw usageError(FILE_USAGE, '<id văn bản>');
        const doc = { kind: values.outgoing ? ('outgoing' as const) : ('incoming' as const), id: docId };
        print(ctx, values.json, await callOrFail(core, sub === 'add' ? 'workFile.file' : 'workFile.unfile', { id, doc }));
        return EXIT.ok;
      }
      case 'close': {
        if (docId) throw usageError(FILE_USAGE, docId);
        const closed = await callOrFail(core, 'workFile.close', { id });
        print(ctx, values.json, closed);
        if (!values.json) ctx.out(msg('cli.workFile.closed', { answer: msg(closed.processedOnline ? 'workFile.pdf.yes' : 'workFile.pdf.no') }));
        return EXIT.ok;
      }
      default: {
        const output = values.output;
        const format = output?.toLowerCase().endsWith('.pdf') ? 'pdf' : output?.toLowerCase().endsWith('.xml') ? 'xml' : null;
        if (!output || !format) throw usageError(FILE_USAGE, '-o <tệp.pdf|tệp.xml>');
        await saveContent(core, await callOrFail(core, 'workFile.export', { id, format }), output);
        ctx.out(msg('cli.workFile.exported', { file: output }));
        return EXIT.ok;
      }
    }
  },
};
