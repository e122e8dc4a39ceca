/**
 * Handling incoming documents: the leader's instruction, the unit head's assignment, progress, closing, reading, and the
 * task lists by working-day deadlines. Who may take each step is decided by shared/domain/handling.ts, here, in the
 * core: the UI only offers what this allows.
 */
import type { OrgSettingKey } from '../../../shared/contract/orgSettings';
import type { ContentRef, HandlingEventData, IncomingDetail, OrgProfile, Output, ParsedInput, Staff } from '../../../shared/contract';
import { addWorkingDays, DEFAULT_CALENDAR, DEFAULT_DUE_DATE_RULES, defaultDueDate, workingDaysBetween, type CalendarConfig, type DueDateRules } from '../../../shared/domain/calendar';
import { todayInVietnam } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { allowedHandlingActions, readClosesIt, type HandlingAction, type HandlingState } from '../../../shared/domain/handling';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { HandlingFacts, HandlingRepo, HandlingSet } from '../db/handlingRepo';
import type { IncomingSummary, OutgoingSummary } from '../../../shared/contract';
import type { EventHub } from '../events';
import type { OrgService } from '../org/orgService';
import { handlingSlipFileName, handlingSlipPdf } from './handlingSlip';

export interface HandlingServiceDeps {
  repo: HandlingRepo;
  org: OrgService;
  /** The document as the incoming service shows it, with what the acting person may do now. */
  detail(id: string): Promise<IncomingDetail>;
  summaries(ids: string[]): Promise<IncomingSummary[]>;
  /** An issued outgoing document's number and notation, for a reply; null when there is none such. */
  issuedCode(outgoingId: string): Promise<{ codeNumber: string; codeNotation: string } | null>;
  replies(incomingId: string): Promise<OutgoingSummary[]>;
  events: EventHub;
  settings: { get(key: string): Promise<string | null>; set(key: string, value: string | null): Promise<void> };
  /** Where printed slips go, to be fetched by their content reference. */
  content: ContentStore;
  now?: () => Date;
}

type HandlingSettings = Output<'handling.settings'>;

const SETTINGS_KEY: OrgSettingKey = 'handling.settings';

/** Nothing saved yet: the calendar room's defaults, with no year's announcement. */
const DEFAULT_SETTINGS: HandlingSettings = {
  dueDates: {
    byPriority: { ...DEFAULT_DUE_DATE_RULES.byPriority },
    byType: { ...DEFAULT_DUE_DATE_RULES.byType },
    fallback: DEFAULT_DUE_DATE_RULES.fallback,
  },
  calendar: { tetDays: {}, nationalDaySecondDay: {}, extraDaysOff: [], makeUpWorkdays: [] },
};

/** A deadline this many working days away or less is "due soon". */
const DUE_SOON_WORKING_DAYS = 2;

export function createHandlingService(deps: HandlingServiceDeps) {
  const { repo, org, events } = deps;
  const now = deps.now ?? (() => new Date());

  async function facts(id: string): Promise<HandlingFacts> {
    const found = await repo.facts(id);
    if (!found) throw new AppError('NOT_FOUND', msg('error.notFound'));
    if (found.recalled_at) throw new AppError('WRONG_STATE', msg('handling.recalled'));
    return found;
  }

  /** The acting person and the document, or a refusal unless they may take `action` now. */
  async function authorise(id: string, action: HandlingAction) {
    const staff = await org.currentStaff();
    const doc = await facts(id);
    const state = { state: doc.handling_state, leadUnitId: doc.lead_unit_id, assigneeId: doc.assignee_id };
    if (!allowedHandlingActions(state, staff).includes(action)) {
      // Allowed to them in an open state? Then it is the wrong moment, else it is not theirs to do.
      const openState = { state: 'handling' as const, leadUnitId: doc.lead_unit_id ?? staff.unitId, assigneeId: doc.assignee_id ?? staff.id };
      if (doc.handling_state === 'closed' || (doc.handling_state === null && allowedHandlingActions(openState, staff).includes(action))) {
        throw new AppError('WRONG_STATE', msg('handling.wrongState', { state: stateName(doc.handling_state) }));
      }
      throw new AppError('FORBIDDEN', msg(`handling.forbidden.${action}`));
    }
    return { staff, doc, actor: { id: staff.id, name: staff.fullName } };
  }

  async function step(id: string, from: (HandlingState | null)[], set: HandlingSet, event: { kind: string; data: Record<string, unknown> }, actor: { id: string; name: string }) {
    if (!(await repo.step({ id, from, set, event, actor, at: now().toISOString() }))) throw new AppError('WRONG_STATE', msg('handling.changedMeanwhile'));
    events.emit('incoming.changed', { id });
    return deps.detail(id);
  }

  const OPEN: HandlingState[] = ['assigned', 'handling'];

  /** The columns of a closed handling: its note and, when an outgoing document answered it, the reply. */
  const closedSet = (note: string, reply: { id: string; code: string | null } | null): HandlingSet => ({
    handling_state: 'closed',
    closed_at: now().toISOString(),
    close_note: note,
    reply_outgoing_id: reply?.id ?? null,
    reply_code: reply?.code ?? null,
  });

  async function settings(): Promise<HandlingSettings> {
    const saved = await deps.settings.get(SETTINGS_KEY);
    return saved ? (JSON.parse(saved) as HandlingSettings) : DEFAULT_SETTINGS;
  }

  /**
   * The saved settings as the calendar room takes them (JSON keys are strings; its records are keyed by number). The
   * same saved text gives the same calendar object, whose days off the calendar room computes once per year: a fresh
   * one on every task list made it work out each year's lunar holidays again.
   */
  let lastRules: { saved: string | null; rules: { dueDates: DueDateRules; calendar: CalendarConfig } } | null = null;
  async function rules(): Promise<{ dueDates: DueDateRules; calendar: CalendarConfig }> {
    const saved = await deps.settings.get(SETTINGS_KEY);
    if (lastRules?.saved !== saved) {
      const s = saved ? (JSON.parse(saved) as HandlingSettings) : DEFAULT_SETTINGS;
      lastRules = { saved, rules: { dueDates: s.dueDates as DueDateRules, calendar: { ...DEFAULT_CALENDAR, ...s.calendar } as CalendarConfig } };
    }
    return lastRules.rules;
  }

  return {
    async instruct(input: ParsedInput<'handling.instruct'>): Promise<IncomingDetail> {
      const { doc, actor } = await authorise(input.id, 'instruct');
      const profile = await org.require();
      const unitName = (unitId: string) => profile.units.find((u) => u.id === unitId)?.name;
      const person = input.lead.kind === 'staff' ? profile.staff.find((s) => s.id === input.lead.id) : undefined;
      const leadName = input.lead.kind === 'unit' ? unitName(input.lead.id) : person?.fullName;
      if (leadName === undefined) throw new AppError('BAD_INPUT', msg('handling.leadUnknown'), { lead: msg('handling.leadUnknown') });
      const cooperating = [...new Set(input.cooperating)].map((id) => ({ id, name: unitName(id) }));
      if (cooperating.some((c) => c.name === undefined)) throw new AppError('BAD_INPUT', msg('handling.leadUnknown'), { cooperating: msg('handling.leadUnknown') });
      const { dueDates, calendar } = await rules();
      const due = input.dueDate === undefined ? defaultDueDate(doc.arrival_date, { typeName: doc.type_name, priority: doc.priority }, dueDates, calendar) : input.dueDate;
      if (due !== null && due < doc.arrival_date) throw new AppError('BAD_INPUT', msg('handling.dueBeforeArrival'), { dueDate: msg('handling.dueBeforeArrival') });
      // A person named to lead has the document at once; a unit leads until its head gives it to an officer.
      const set: HandlingSet = {
        handling_state: input.lead.kind === 'staff' ? 'handling' : 'assigned',
        lead_unit_id: input.lead.kind === 'unit' ? input.lead.id : (person?.unitId ?? null),
        lead_staff_id: input.lead.kind === 'staff' ? input.lead.id : null,
        assignee_id: input.lead.kind === 'staff' ? input.lead.id : null,
        assignee_due: null,
        cooperating: JSON.stringify(cooperating.map((c) => c.id)),
        for_info: input.forInfo ? 1 : 0,
        due_date: due,
        handling_due: due,
      };
      const data = { lead: { kind: input.lead.kind, id: input.lead.id, name: leadName }, cooperating, dueDate: due, forInfo: input.forInfo, note: input.note } satisfies HandlingEventData['instructed'];
      return step(input.id, [null, ...OPEN], set, { kind: 'handling.instructed', data }, actor);
    },

    async assign(input: ParsedInput<'handling.assign'>): Promise<IncomingDetail> {
      const { doc, actor } = await authorise(input.id, 'assign');
      const profile = await org.require();
      const assignee = profile.staff.find((s) => s.id === input.assigneeId);
      if (!assignee) throw new AppError('BAD_INPUT', msg('handling.leadUnknown'), { assigneeId: msg('handling.leadUnknown') });
      if (assignee.unitId !== doc.lead_unit_id) throw new AppError('BAD_INPUT', msg('handling.assigneeNotInUnit'), { assigneeId: msg('handling.assigneeNotInUnit') });
      if (input.dueDate !== undefined && input.dueDate < doc.arrival_date) {
        throw new AppError('BAD_INPUT', msg('handling.dueBeforeArrival'), { dueDate: msg('handling.dueBeforeArrival') });
      }
      const due = input.dueDate ?? doc.due_date;
      const set: HandlingSet = { handling_state: 'handling', assignee_id: assignee.id, assignee_due: input.dueDate ?? null, handling_due: due };
      return step(input.id, OPEN, set, { kind: 'handling.assigned', data: { assignee: { id: assignee.id, name: assignee.fullName }, dueDate: due, note: input.note } satisfies HandlingEventData['assigned'] }, actor);
    },

    async report(input: ParsedInput<'handling.report'>): Promise<IncomingDetail> {
      const { actor } = await authorise(input.id, 'report');
      return step(input.id, OPEN, { progress: input.note }, { kind: 'handling.reported', data: { note: input.note } satisfies HandlingEventData['reported'] }, actor);
    },

    async close(input: ParsedInput<'handling.close'>): Promise<IncomingDetail> {
      const { actor } = await authorise(input.id, 'close');
      const reply = input.replyOutgoingId ? await deps.issuedCode(input.replyOutgoingId) : null;
      if (input.replyOutgoingId && !reply) throw new AppError('BAD_INPUT', msg('handling.replyUnknown'), { replyOutgoingId: msg('handling.replyUnknown') });
      const replyCode = reply ? joinCode(reply.codeNumber, reply.codeNotation) : null;
      const set = closedSet(input.note, input.replyOutgoingId ? { id: input.replyOutgoingId, code: replyCode } : null);
      const data = { note: input.note, reply: input.replyOutgoingId ? { id: input.replyOutgoingId, code: replyCode } : null } satisfies HandlingEventData['closed'];
      return step(input.id, OPEN, set, { kind: 'handling.closed', data }, actor);
    },

    /**
     * An issued reply closes the handling of the document it answers, whoever issued it: the reply is the outcome the
     * handling was for. A document already closed, or recalled, stays as it is.
     */
    async closeWithReply(incomingId: string, reply: { id: string; codeNumber: string; codeNotation: string }, actor: { id: string | null; name: string }): Promise<void> {
      const doc = await repo.facts(incomingId);
      if (!doc || doc.recalled_at || doc.handling_state === 'closed') return;
      const code = joinCode(reply.codeNumber, reply.codeNotation);
      await repo.step({ id: incomingId, from: [null, ...OPEN], set: closedSet('', { id: reply.id, code }), event: { kind: 'handling.closed', data: { note: '', reply: { id: reply.id, code } } }, actor, at: now().toISOString() });
      events.emit('incoming.changed', { id: incomingId });
    },

    /** Kept once per person; the lead's reading closes a document sent for information. */
    async read(input: { id: string }): Promise<IncomingDetail> {
      const staff = await org.currentStaff();
      const doc = await facts(input.id);
      if (await repo.hasRead(input.id, staff.id)) return deps.detail(input.id);
      const closes = readClosesIt(
        { state: doc.handling_state, leadUnitId: doc.lead_unit_id, leadStaffId: doc.lead_staff_id, assigneeId: doc.assignee_id, forInfo: doc.for_info === 1 },
        staff,
      );
      const set: HandlingSet = closes ? closedSet(msg('handling.closedByReading'), null) : {};
      return step(input.id, [doc.handling_state], set, { kind: 'handling.read', data: { closes } satisfies HandlingEventData['read'] }, { id: staff.id, name: staff.fullName });
    },

    /** The handling slip as a PDF in the content store; anyone who may open the document may print it. */
    async slip(input: { id: string }): Promise<ContentRef> {
      const detail = await deps.detail(input.id);
      const profile = await org.require();
      // Downloaded at once: a day later the sweep of staged bytes takes it away.
      const stored = await deps.content.putStaged(await handlingSlipPdf(detail, profile.name));
      return { hash: stored.hash, size: stored.size, name: handlingSlipFileName(detail), mime: 'application/pdf' };
    },

    /** The drafts and issued replies of a document; whoever may open the document may see them. */
    async replies(input: { id: string }): Promise<OutgoingSummary[]> {
      await deps.detail(input.id);
      return deps.replies(input.id);
    },

    async tasks(input: ParsedInput<'handling.tasks'>): Promise<Output<'handling.tasks'>> {
      const staff = await org.currentStaff();
      const profile = await org.require();
      const today = todayInVietnam(now());
      const { calendar } = await rules();
      const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
      const unitId = input.view === 'unit' ? (input.unitId ?? staff.unitId) : headedUnit(profile, staff);
      const rows = await repo.tasks({ view: input.view, staffId: staff.id, unitId, today, soon, limit: input.limit });
      const summaries = new Map((await deps.summaries(rows.map((r) => r.id))).map((s) => [s.id, s]));
      return {
        rows: rows.map((r) => ({
          ...summaries.get(r.id)!,
          handlingState: r.handling_state,
          due: r.handling_due,
          leadUnitId: r.lead_unit_id,
          assigneeId: r.assignee_id,
          workingDaysLate: r.handling_due !== null && r.handling_due < today ? workingDaysBetween(r.handling_due, today, calendar) : null,
        })),
        byUnit: (await repo.byUnit(today, soon)).map((u) => ({ unitId: u.lead_unit_id, open: u.open, overdue: u.overdue, dueSoon: u.due_soon })),
      };
    },

    settings,
    /** The deadline rules and working-day calendar, for the other follow-ups that count in working days (directives). */
    rules,
    async saveSettings(input: ParsedInput<'handling.saveSettings'>): Promise<HandlingSettings> {
      const staff = await org.currentStaff();
      // The deadlines are the organisation's working rules: set by its leaders or its clerks, not by every officer.
      if (staff.role === 'chuyen_vien') throw new AppError('FORBIDDEN', msg('handling.forbidden.settings'));
      await deps.settings.set(SETTINGS_KEY, JSON.stringify(input));
      return settings();
    },
  };
}

export type HandlingService = ReturnType<typeof createHandlingService>;

const stateName = (state: HandlingState | null) => msg(`handling.state.${state ?? 'pending'}`);

/** The unit whose documents wait for this person to give them to an officer: the unit they head, if any. */
function headedUnit(profile: OrgProfile, staff: Staff): string | null {
  const allowed = allowedHandlingActions({ state: 'assigned', leadUnitId: staff.unitId, assigneeId: null }, staff);
  return staff.unitId !== null && profile.units.some((u) => u.id === staff.unitId) && allowed.includes('assign') ? staff.unitId : null;
}
