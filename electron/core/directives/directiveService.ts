/**
 * Leaders' directives (ý kiến chỉ đạo): giving one, progress and completion per unit, deadline changes, cancelling,
 * chasing, and the follow-up list with its counts per unit and per leader. Who may take each step is decided by
 * shared/domain/directive.ts, here in the core, and checked again inside the transaction that writes it.
 */
import { randomUUID } from 'node:crypto';
import type { ContentRef, DirectiveDetail, DirectiveListOutput, DirectiveSummary, IncomingSummary, ParsedInput, Staff } from '../../../shared/contract';
import type { CalendarConfig, DueDateRules } from '../../../shared/domain/calendar';
import { todayInVietnam } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import {
  allowedDirectiveActions,
  countStatus,
  defaultDirectiveDue,
  directiveSourceText,
  directiveStatus,
  emptyCounts,
  mayCreateDirective,
  partStatus,
  type DirectiveAction,
  type DirectiveCounts,
  type DirectiveFacts,
} from '../../../shared/domain/directive';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { DirectiveRepo, DirectiveRow, DirectiveStep, DirectiveUnitRow, StoredDirective } from '../db/directiveRepo';
import type { ContentStore } from '../content/contentStore';
import type { EventHub } from '../events';
import type { OrgService } from '../org/orgService';
import { directiveReportFile } from './directiveReport';

export interface DirectiveServiceDeps {
  repo: DirectiveRepo;
  org: OrgService;
  /** The organisation's deadline rules and working-day calendar, kept with the handling of incoming documents. */
  rules(): Promise<{ dueDates: DueDateRules; calendar: CalendarConfig }>;
  /** Incoming documents as the register lists them; those this PC does not hold are left out. */
  summaries(ids: string[]): Promise<IncomingSummary[]>;
  events: EventHub;
  /** Where the report is staged for download. */
  content: ContentStore;
  now?: () => Date;
}

const facts = (row: DirectiveRow, units: DirectiveUnitRow[]): DirectiveFacts => ({
  dueDate: row.due_date,
  cancelled: row.cancelled_at !== null,
  units: units.map((u) => ({ unitId: u.unit_id, lead: u.lead === 1, doneDate: u.done_date })),
});

function summary(row: DirectiveRow, units: DirectiveUnitRow[], today: string, lastReports = new Map<string, string>()): DirectiveSummary {
  return {
    id: row.id,
    content: row.content,
    meeting: row.meeting_name !== null && row.meeting_date !== null ? { name: row.meeting_name, date: row.meeting_date } : null,
    incomingId: row.incoming_id,
    leaderId: row.leader_id,
    leaderName: row.leader_name,
    givenDate: row.given_date,
    dueDate: row.due_date,
    cancelled: row.cancelled_at !== null,
    status: directiveStatus(facts(row, units), today),
    units: units.map((u) => ({
      unitId: u.unit_id,
      unitName: u.unit_name,
      lead: u.lead === 1,
      doneDate: u.done_date,
      doneBy: u.done_by,
      doneNote: u.done_note,
      status: partStatus(row.due_date, u.done_date, today),
      lastReport: lastReports.get(u.unit_id) ?? null,
    })),
  };
}

export function createDirectiveService(deps: DirectiveServiceDeps) {
  const { repo, org, events } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInVietnam(now());

  async function stored(id: string): Promise<StoredDirective> {
    const found = await repo.get(id);
    if (!found) throw new AppError('NOT_FOUND', msg('error.notFound'));
    return found;
  }

  async function detail(id: string, staff?: Staff): Promise<DirectiveDetail> {
    const d = await stored(id);
    const person = staff ?? (await org.currentStaff().catch(() => null));
    const lastReports = new Map(d.reports.map((r) => [r.unit_id, r.note]));
    const [incoming] = d.row.incoming_id ? await deps.summaries([d.row.incoming_id]) : [];
    return {
      ...summary(d.row, d.units, today(), lastReports),
      incoming: incoming
        ? { id: incoming.id, arrivalNumber: incoming.arrivalNumber, code: joinCode(incoming.codeNumber, incoming.codeNotation), subject: incoming.subject }
        : null,
      cancelNote: d.row.cancel_note,
      reports: d.reports.map((r) => ({ id: r.id, unitId: r.unit_id, note: r.note, at: r.at, actor: r.actor })),
      events: d.events,
      actions: allowedDirectiveActions(facts(d.row, d.units), person),
    };
  }

  /**
   * The acting person, once they may take `action` on the directive now. The step writes only if they still may when
   * its transaction reads the directive again (another PC's change may have arrived meanwhile).
   */
  async function authorise(id: string, action: DirectiveAction) {
    const staff = await org.currentStaff();
    const d = await stored(id);
    const f = facts(d.row, d.units);
    if (!allowedDirectiveActions(f, staff).includes(action)) {
      if (f.cancelled) throw new AppError('WRONG_STATE', msg('directive.cancelledAlready'));
      const own = f.units.find((u) => u.unitId === staff.unitId);
      if ((action === 'report' || action === 'complete') && own?.doneDate) throw new AppError('WRONG_STATE', msg('directive.unitDoneAlready'));
      if (f.units.every((u) => u.doneDate !== null) && staff.role !== 'chuyen_vien') throw new AppError('WRONG_STATE', msg('directive.doneAlready'));
      throw new AppError('FORBIDDEN', msg(`directive.forbidden.${action}`));
    }
    const stillAllowed = (current: StoredDirective) => allowedDirectiveActions(facts(current.row, current.units), staff).includes(action);
    return { staff, d, stillAllowed, actor: { id: staff.id, name: staff.fullName } };
  }

  async function step(s: DirectiveStep, staff: Staff): Promise<DirectiveDetail> {
    if (!(await repo.step(s))) throw new AppError('WRONG_STATE', msg('directive.changedMeanwhile'));
    events.emit('directive.changed', { id: s.id });
    return detail(s.id, staff);
  }

  const unitOf = (d: StoredDirective, staff: Staff) => d.units.find((u) => u.unit_id === staff.unitId)!;

  /**
   * The follow-up list and its counts: per unit in charge its own part of each directive, per leader the directives
   * they gave; cancelled ones are listed only when asked and never counted.
   */
  async function followUp(input: ParsedInput<'directive.list'>, options: { dueInPeriod: boolean; lastReports: boolean }): Promise<DirectiveListOutput> {
    const day = today();
    const found = await repo.list({
      from: input.from ?? null,
      to: input.to ?? null,
      leaderId: input.leaderId ?? null,
      unitId: input.unitId ?? null,
      incomingId: input.incomingId ?? null,
      ...options,
    });
    const all = found.map((f) => summary(f.row, f.units, day, f.lastReports));
    const byUnit = new Map<string, DirectiveCounts & { unitId: string; unitName: string }>();
    const byLeader = new Map<string, DirectiveCounts & { leaderId: string; leaderName: string }>();
    for (const d of all) {
      if (d.cancelled) continue;
      const leader = byLeader.get(d.leaderId) ?? { leaderId: d.leaderId, leaderName: d.leaderName, ...emptyCounts() };
      countStatus(leader, d.status);
      byLeader.set(d.leaderId, leader);
      // Each unit answers for its own part; with a unit filter, only that unit's line.
      for (const u of d.units) {
        if (input.unitId !== undefined && u.unitId !== input.unitId) continue;
        const unit = byUnit.get(u.unitId) ?? { unitId: u.unitId, unitName: u.unitName, ...emptyCounts() };
        countStatus(unit, u.status);
        byUnit.set(u.unitId, unit);
      }
    }
    // With a unit filter, the status asked for is that unit's part's; otherwise the directive's.
    const statusOf = (d: DirectiveSummary) => (input.unitId === undefined ? d.status : (d.units.find((u) => u.unitId === input.unitId)?.status ?? null));
    const rows = all.filter((d) => (input.includeCancelled || !d.cancelled) && (input.status === undefined || statusOf(d) === input.status));
    const byName = <T>(name: (x: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b), 'vi');
    return {
      rows,
      byUnit: [...byUnit.values()].sort(byName((u) => u.unitName)),
      byLeader: [...byLeader.values()].sort(byName((l) => l.leaderName)),
      today: day,
    };
  }

  return {
    async create(input: ParsedInput<'directive.create'>): Promise<DirectiveDetail> {
      const staff = await org.currentStaff();
      if (!mayCreateDirective(staff)) throw new AppError('FORBIDDEN', msg('directive.forbidden.create'));
      const profile = await org.require();
      const unitIds = [...new Set(input.unitIds)];
      const units = unitIds.map((id) => profile.units.find((u) => u.id === id));
      if (units.some((u) => u === undefined)) throw new AppError('BAD_INPUT', msg('directive.unitUnknown'), { unitIds: msg('directive.unitUnknown') });
      const leadUnitId = input.leadUnitId ?? unitIds[0]!;
      if (!unitIds.includes(leadUnitId)) throw new AppError('BAD_INPUT', msg('directive.leadNotInCharge'), { leadUnitId: msg('directive.leadNotInCharge') });
      const todayNow = today();
      if (input.source.kind === 'document' && (await deps.summaries([input.source.incomingId])).length === 0) {
        throw new AppError('BAD_INPUT', msg('directive.documentUnknown'), { source: msg('directive.documentUnknown') });
      }
      const meeting = input.source.kind === 'meeting' ? input.source : null;
      if (meeting && meeting.date > todayNow) throw new AppError('BAD_INPUT', msg('directive.meetingInFuture'), { source: msg('directive.meetingInFuture') });
      // A meeting's directive counts from the meeting; one given on a document counts from today.
      const givenDate = meeting?.date ?? todayNow;
      const { dueDates, calendar } = await deps.rules();
      const dueDate = input.dueDate ?? defaultDirectiveDue(givenDate, dueDates.fallback, calendar);
      if (dueDate < givenDate) throw new AppError('BAD_INPUT', msg('directive.dueBeforeGiven'), { dueDate: msg('directive.dueBeforeGiven') });
      const id = randomUUID();
      const at = now().toISOString();
      const inCharge = units.map((u) => ({ unit_id: u!.id, unit_name: u!.name, lead: u!.id === leadUnitId ? 1 : 0 }));
      await repo.create(
        {
          id,
          content: input.content,
          meeting_name: meeting?.name ?? null,
          meeting_date: meeting?.date ?? null,
          incoming_id: input.source.kind === 'document' ? input.source.incomingId : null,
          leader_id: staff.id,
          leader_name: staff.fullName,
          given_date: givenDate,
          due_date: dueDate,
          created_at: at,
          units: inCharge,
        },
        {
          kind: 'directive.created',
          data: { content: input.content, source: input.source, dueDate, units: inCharge.map((u) => ({ id: u.unit_id, name: u.unit_name, lead: u.lead === 1 })) },
          actor: { id: staff.id, name: staff.fullName },
          at,
        },
      );
      events.emit('directive.changed', { id });
      return detail(id, staff);
    },

    async report(input: ParsedInput<'directive.report'>): Promise<DirectiveDetail> {
      const { staff, d, stillAllowed, actor } = await authorise(input.id, 'report');
      const unit = unitOf(d, staff);
      const at = now().toISOString();
      const report = { id: randomUUID(), unit_id: unit.unit_id, note: input.note, at, actor: staff.fullName };
      const data = { unit: { id: unit.unit_id, name: unit.unit_name }, note: input.note };
      return step({ id: input.id, report, allowed: stillAllowed, event: { kind: 'directive.reported', data, actor, at } }, staff);
    },

    async complete(input: ParsedInput<'directive.complete'>): Promise<DirectiveDetail> {
      const { staff, d, stillAllowed, actor } = await authorise(input.id, 'complete');
      const unit = unitOf(d, staff);
      const doneDate = today();
      const data = { unit: { id: unit.unit_id, name: unit.unit_name }, doneDate, note: input.note };
      return step(
        {
          id: input.id,
          unit: { unitId: unit.unit_id, doneDate, doneBy: staff.fullName, doneNote: input.note },
          allowed: stillAllowed,
          event: { kind: 'directive.completed', data, actor, at: now().toISOString() },
        },
        staff,
      );
    },

    async cancel(input: ParsedInput<'directive.cancel'>): Promise<DirectiveDetail> {
      const { staff, stillAllowed, actor } = await authorise(input.id, 'cancel');
      const at = now().toISOString();
      return step(
        { id: input.id, set: { cancelled_at: at, cancel_note: input.note }, allowed: stillAllowed, event: { kind: 'directive.cancelled', data: { note: input.note }, actor, at } },
        staff,
      );
    },

    async setDue(input: ParsedInput<'directive.setDue'>): Promise<DirectiveDetail> {
      const { staff, d, stillAllowed, actor } = await authorise(input.id, 'changeDue');
      if (input.dueDate < d.row.given_date) throw new AppError('BAD_INPUT', msg('directive.dueBeforeGiven'), { dueDate: msg('directive.dueBeforeGiven') });
      const data = { from: d.row.due_date, to: input.dueDate, note: input.note };
      return step(
        { id: input.id, set: { due_date: input.dueDate }, allowed: stillAllowed, event: { kind: 'directive.dueChanged', data, actor, at: now().toISOString() } },
        staff,
      );
    },

    /** Đôn đốc: a reminder to the units still open, kept in the history with their names. */
    async chase(input: ParsedInput<'directive.chase'>): Promise<DirectiveDetail> {
      const { staff, d, stillAllowed, actor } = await authorise(input.id, 'chase');
      const open = d.units.filter((u) => u.done_date === null).map((u) => ({ id: u.unit_id, name: u.unit_name }));
      return step({ id: input.id, allowed: stillAllowed, event: { kind: 'directive.chased', data: { note: input.note, units: open }, actor, at: now().toISOString() } }, staff);
    },

    get: (input: { id: string }) => detail(input.id),

    list: (input: ParsedInput<'directive.list'>) => followUp(input, { dueInPeriod: false, lastReports: false }),

    /** The tracking report of a period: every directive given or due in it, with its units' latest reports. */
    async exportReport(input: ParsedInput<'directive.exportReport'>): Promise<ContentRef> {
      const profile = await org.require();
      const unit = input.unitId === undefined ? null : profile.units.find((u) => u.id === input.unitId);
      if (unit === undefined) throw new AppError('BAD_INPUT', msg('directive.unitUnknown'), { unitId: msg('directive.unitUnknown') });
      const leader = input.leaderId === undefined ? null : profile.staff.find((s) => s.id === input.leaderId && s.role === 'lanh_dao');
      if (leader === undefined) throw new AppError('BAD_INPUT', msg('directiveReport.leaderUnknown'), { leaderId: msg('directiveReport.leaderUnknown') });
      const { from, to, unitId, leaderId } = input;
      const list = await followUp({ from, to, unitId, leaderId, includeCancelled: false }, { dueInPeriod: true, lastReports: true });
      const incomingIds = list.rows.flatMap((d) => (d.incomingId === null ? [] : [d.incomingId]));
      const held = new Map((await deps.summaries([...new Set(incomingIds)])).map((s) => [s.id, s]));
      const sources = new Map<string, string>();
      for (const d of list.rows) {
        if (d.incomingId === null) continue;
        const doc = held.get(d.incomingId);
        const incoming = doc ? { arrivalNumber: doc.arrivalNumber, code: joinCode(doc.codeNumber, doc.codeNotation), subject: doc.subject } : null;
        sources.set(d.id, directiveSourceText({ meeting: null, incoming }));
      }
      const file = await directiveReportFile(
        { organName: profile.name, from, to, list, sources, unit: unit && { id: unit.id, name: unit.name }, leaderName: leader?.fullName ?? null },
        input.format,
      );
      // Downloaded at once: a day later the sweep of staged bytes takes it away.
      const stored = await deps.content.putStaged(file.bytes);
      return { hash: stored.hash, size: stored.size, name: file.name, mime: file.mime };
    },
  };
}

export type DirectiveService = ReturnType<typeof createDirectiveService>;
