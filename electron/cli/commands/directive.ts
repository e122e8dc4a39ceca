/**
 * Leaders' directives from the command line, over the same core as the app, acting as the folder's current person
 * (global `--as`): `directive add` (a leader), `directive report` (the unit's staff), `directive done` (the unit's
 * head), `directive cancel`, `directive chase`; `directives` lists them with the counts per unit and per leader.
 */
import type { DirectiveDetail, DirectiveListOutput, DirectiveSummary } from '../../../shared/contract';
import { shortVietnameseDate, todayInVietnam } from '../../../shared/domain/dates';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';
import { openOrganisation, unitNamed, usageError } from './handling';

const DIRECTIVE_USAGE = `vanthu [--as <họ tên>] directive <việc> ...
  add --content <nội dung> --unit <đơn vị>... [--lead <đơn vị>] [--due YYYY-MM-DD] (--meeting <tên cuộc họp> [--date YYYY-MM-DD] | --document <id văn bản đến>) [--json]
  report <id> --note <tiến độ> [--json]      cán bộ của đơn vị được giao báo cáo
  done <id> [--note ..] [--json]             trưởng (phó) đơn vị xác nhận hoàn thành
  cancel <id> --note <lý do> [--json]        lãnh đạo hủy
  chase <id> --note <nội dung> [--json]      văn thư, lãnh đạo đôn đốc`;
const LIST_USAGE = 'vanthu [--as <họ tên>] directives [--overdue | --status inProgress|doneOnTime|doneLate|overdue] [--unit <đơn vị>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]';

const SUBCOMMANDS = ['add', 'report', 'done', 'cancel', 'chase'] as const;

const statusName = (d: DirectiveSummary) => msg(d.status === null ? 'directive.status.cancelled' : `directive.status.${d.status}`);

function printDirective(ctx: CommandContext, json: boolean, d: DirectiveDetail) {
  if (json) {
    ctx.out(JSON.stringify(d, null, 2));
    return;
  }
  ctx.out(directiveLine(d));
  for (const u of d.units) {
    ctx.out(msg('cli.directive.unitLine', { unit: u.unitName, lead: u.lead ? ` ${msg('directive.lead')}` : '', status: msg(`directive.status.${u.status}`), report: u.lastReport ?? '—' }));
  }
}

function directiveLine(d: DirectiveSummary): string {
  const units = d.units.map((u) => u.unitName).join(', ');
  return msg('cli.directive.line', { given: shortVietnameseDate(d.givenDate), due: shortVietnameseDate(d.dueDate), status: statusName(d), units, content: d.content, id: d.id });
}

export const directiveCommand: Command = {
  name: 'directive',
  summary: msg('cli.directive.summary'),
  usage: DIRECTIVE_USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) throw usageError(DIRECTIVE_USAGE, `<việc>: ${SUBCOMMANDS.join('|')}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        content: { type: 'string' },
        unit: { type: 'string', multiple: true, default: [] },
        lead: { type: 'string' },
        due: { type: 'string' },
        meeting: { type: 'string' },
        date: { type: 'string' },
        document: { type: 'string' },
        note: { type: 'string', default: '' },
        json: { type: 'boolean', default: false },
      },
      DIRECTIVE_USAGE,
    );
    const { core, profile } = await openOrganisation(ctx);
    if (sub === 'add') {
      if (positionals.length > 0) throw usageError(DIRECTIVE_USAGE, positionals.join(' '));
      if (!values.content) throw usageError(DIRECTIVE_USAGE, '--content');
      if (values.unit.length === 0) throw usageError(DIRECTIVE_USAGE, '--unit');
      if ((values.meeting === undefined) === (values.document === undefined)) throw usageError(DIRECTIVE_USAGE, '--meeting | --document');
      const source =
        values.document !== undefined
          ? { kind: 'document' as const, incomingId: values.document }
          : { kind: 'meeting' as const, name: values.meeting!, date: values.date ?? todayInVietnam() };
      const created = await callOrFail(core, 'directive.create', {
        content: values.content,
        source,
        unitIds: values.unit.map((abbrev) => unitNamed(profile, abbrev).id),
        ...(values.lead !== undefined ? { leadUnitId: unitNamed(profile, values.lead).id } : {}),
        ...(values.due !== undefined ? { dueDate: values.due } : {}),
      });
      printDirective(ctx, values.json, created);
      return EXIT.ok;
    }
    const [id] = positionals;
    if (positionals.length !== 1 || !id) throw usageError(DIRECTIVE_USAGE, '<id>');
    const done =
      sub === 'report'
        ? await callOrFail(core, 'directive.report', { id, note: values.note })
        : sub === 'done'
          ? await callOrFail(core, 'directive.complete', { id, note: values.note })
          : await callOrFail(core, sub === 'cancel' ? 'directive.cancel' : 'directive.chase', { id, note: values.note });
    printDirective(ctx, values.json, done);
    return EXIT.ok;
  },
};

function printCounts(ctx: CommandContext, list: DirectiveListOutput) {
  for (const u of list.byUnit) ctx.out(msg('cli.directive.counts', { name: u.unitName, ...u }));
  for (const l of list.byLeader) ctx.out(msg('cli.directive.counts', { name: l.leaderName, ...l }));
}

export const directivesCommand: Command = {
  name: 'directives',
  summary: msg('cli.directive.listSummary'),
  usage: LIST_USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        overdue: { type: 'boolean', default: false },
        status: { type: 'string' },
        unit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      LIST_USAGE,
    );
    if (positionals.length > 0 || (values.overdue && values.status !== undefined)) throw usageError(LIST_USAGE, positionals.join(' ') || '--overdue | --status');
    const { core, profile } = await openOrganisation(ctx);
    const list = await callOrFail(core, 'directive.list', {
      ...(values.overdue ? { status: 'overdue' as const } : values.status !== undefined ? { status: values.status as never } : {}),
      ...(values.unit !== undefined ? { unitId: unitNamed(profile, values.unit).id } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
    });
    if (values.json) {
      ctx.out(JSON.stringify(list, null, 2));
      return EXIT.ok;
    }
    if (list.rows.length === 0) ctx.out(msg('cli.directive.none'));
    for (const d of list.rows) ctx.out(directiveLine(d));
    printCounts(ctx, list);
    return EXIT.ok;
  },
};
