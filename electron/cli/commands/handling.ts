/**
 * Handling incoming documents from the command line, over the same core as the app, acting as the folder's current
 * person (global `--as`): `assign` gives the leader's instruction or, for the lead unit's head, names the officer;
 * `tasks` lists what waits, by working-day deadlines; `close` ends the handling with a note or the outgoing reply.
 */
import type { IncomingDetail, OrgProfile, Task } from '../../../shared/contract';
import { arrivalNumberText } from '../../../shared/domain/arrivalNumber';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';
import { staffByName, unitByAbbrev } from '../orgLookup';

const ASSIGN_USAGE = 'vanthu [--as <họ tên>] assign <id> --lead <đơn vị|họ tên> [--cooperate <đơn vị>]... [--due YYYY-MM-DD] [--for-info] [--note ..] [--json]';
const TASKS_USAGE = 'vanthu [--as <họ tên>] tasks [--overdue | --due-soon | --unit <đơn vị> | --open] [--json]';
const CLOSE_USAGE = 'vanthu [--as <họ tên>] close <id> [--reply <id văn bản đi>] [--note ..] [--json]';

export function usageError(usage: string, detail: string): CliError {
  return new CliError(EXIT.badInput, `${msg('cli.usageError', { detail })}\n${usage}`);
}

export function unitNamed(profile: OrgProfile, abbrev: string) {
  const unit = unitByAbbrev(profile, abbrev);
  if (!unit) throw new CliError(EXIT.badInput, msg('cli.handling.unitUnknown', { abbrev }));
  return unit;
}

function printDetail(ctx: CommandContext, json: boolean, detail: IncomingDetail, profile: OrgProfile) {
  const h = detail.handling;
  if (json) {
    ctx.out(JSON.stringify({ id: detail.document.id, ...h }));
    return;
  }
  const lead = profile.staff.find((s) => s.id === h.leadStaffId)?.fullName ?? profile.units.find((u) => u.id === h.leadUnitId)?.name ?? '—';
  const assignee = profile.staff.find((s) => s.id === h.assigneeId)?.fullName ?? '—';
  ctx.out(msg('cli.handling.state', { state: msg(`handling.state.${h.state ?? 'pending'}`), lead, assignee, due: h.due ?? msg('handling.noDue') }));
}

/** The core and its organisation, or a refusal when the folder has none set up. */
export async function openOrganisation(ctx: CommandContext) {
  const core = await ctx.openCore();
  const profile = await callOrFail(core, 'org.get', {});
  if (!profile) throw new CliError(EXIT.refused, msg('error.notSetUp'));
  return { core, profile };
}

function taskLine(t: Task, profile: OrgProfile): string {
  const unit = profile.units.find((u) => u.id === t.leadUnitId)?.abbrev ?? '—';
  const late = t.workingDaysLate === null ? '' : msg('cli.handling.late', { days: t.workingDaysLate });
  return msg('cli.handling.task', { number: arrivalNumberText(t.arrivalNumber), year: t.year, due: t.due ?? msg('handling.noDue'), late, unit, subject: t.subject, id: t.id });
}

export const assignCommand: Command = {
  name: 'assign',
  summary: msg('cli.handling.assignSummary'),
  usage: ASSIGN_USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        lead: { type: 'string' },
        cooperate: { type: 'string', multiple: true, default: [] },
        due: { type: 'string' },
        'for-info': { type: 'boolean', default: false },
        note: { type: 'string', default: '' },
        json: { type: 'boolean', default: false },
      },
      ASSIGN_USAGE,
    );
    const [id] = positionals;
    if (positionals.length !== 1 || !id) throw usageError(ASSIGN_USAGE, '<id>');
    if (!values.lead) throw usageError(ASSIGN_USAGE, '--lead');
    const { core, profile } = await openOrganisation(ctx);
    const unit = unitByAbbrev(profile, values.lead);
    const cooperating = values.cooperate.map((abbrev) => unitNamed(profile, abbrev).id);
    const detail = await callOrFail(core, 'incoming.get', { id });
    // The leader instructs; the lead unit's head, who may not, names the officer of the unit.
    const instructs = detail.handlingActions.includes('instruct') || unit !== undefined;
    const done = instructs
      ? await callOrFail(core, 'handling.instruct', {
          id,
          lead: unit ? { kind: 'unit', id: unit.id } : { kind: 'staff', id: staffByName(profile, values.lead).id },
          cooperating,
          ...(values.due !== undefined ? { dueDate: values.due } : {}),
          forInfo: values['for-info'],
          note: values.note,
        })
      : await callOrFail(core, 'handling.assign', { id, assigneeId: staffByName(profile, values.lead).id, ...(values.due !== undefined ? { dueDate: values.due } : {}), note: values.note });
    printDetail(ctx, values.json, done, profile);
    return EXIT.ok;
  },
};

export const tasksCommand: Command = {
  name: 'tasks',
  summary: msg('cli.handling.tasksSummary'),
  usage: TASKS_USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        overdue: { type: 'boolean', default: false },
        'due-soon': { type: 'boolean', default: false },
        open: { type: 'boolean', default: false },
        unit: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      TASKS_USAGE,
    );
    const chosen = [values.overdue, values['due-soon'], values.open, values.unit !== undefined].filter(Boolean).length;
    if (positionals.length > 0 || chosen > 1) throw usageError(TASKS_USAGE, positionals.join(' ') || '--overdue | --due-soon | --unit | --open');
    const { core, profile } = await openOrganisation(ctx);
    const view = values.overdue ? 'overdue' : values['due-soon'] ? 'dueSoon' : values.open ? 'open' : values.unit !== undefined ? 'unit' : 'mine';
    const tasks = await callOrFail(core, 'handling.tasks', { view, ...(values.unit !== undefined ? { unitId: unitNamed(profile, values.unit).id } : {}), limit: 500 });
    if (values.json) {
      ctx.out(JSON.stringify(tasks, null, 2));
      return EXIT.ok;
    }
    if (tasks.rows.length === 0) ctx.out(msg('cli.handling.noTasks'));
    for (const t of tasks.rows) ctx.out(taskLine(t, profile));
    if (view !== 'mine') {
      for (const u of tasks.byUnit) {
        const name = profile.units.find((unit) => unit.id === u.unitId)?.name ?? '—';
        ctx.out(msg('cli.handling.unitLoad', { unit: name, open: u.open, overdue: u.overdue, dueSoon: u.dueSoon }));
      }
    }
    return EXIT.ok;
  },
};

export const closeCommand: Command = {
  name: 'close',
  summary: msg('cli.handling.closeSummary'),
  usage: CLOSE_USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { reply: { type: 'string' }, note: { type: 'string', default: '' }, json: { type: 'boolean', default: false } },
      CLOSE_USAGE,
    );
    const [id] = positionals;
    if (positionals.length !== 1 || !id) throw usageError(CLOSE_USAGE, '<id>');
    const { core, profile } = await openOrganisation(ctx);
    const done = await callOrFail(core, 'handling.close', { id, note: values.note, ...(values.reply !== undefined ? { replyOutgoingId: values.reply } : {}) });
    printDetail(ctx, values.json, done, profile);
    return EXIT.ok;
  },
};
