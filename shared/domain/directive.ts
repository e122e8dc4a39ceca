/**
 * Leaders' directives (ý kiến chỉ đạo): a leader, at a meeting or on an incoming document, tells one or more units
 * (one of them may lead) what to do by a deadline; each unit reports progress and its head marks the unit's part done.
 * Provinces report how many were done on time, done late or are overdue, per unit and per leader: the statuses below
 * are those counts' categories, compared by calendar date in Vietnam.
 *
 * Who may do what is decided here and checked by the core: only leaders create, move the deadline and cancel; anyone in
 * a unit in charge reports for that unit; the unit's head (shared/domain/unitHead.ts) marks its part done; clerks read
 * and chase (đôn đốc), as leaders may.
 */
import { msg } from '../messages';
import { arrivalNumberText } from './arrivalNumber';
import { addWorkingDays, type CalendarConfig } from './calendar';
import { shortVietnameseDate } from './dates';
import type { HandlingPerson } from './handling';
import { isUnitHeadPosition } from './unitHead';

/** A unit's part, or a whole directive: open and not late, done by the deadline, done after it, open and past it. */
export const DIRECTIVE_STATUSES = ['inProgress', 'doneOnTime', 'doneLate', 'overdue'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

export const DIRECTIVE_ACTIONS = ['changeDue', 'cancel', 'chase', 'report', 'complete'] as const;
export type DirectiveAction = (typeof DIRECTIVE_ACTIONS)[number];

export interface DirectiveUnitPart {
  unitId: string;
  /** The unit that leads (chủ trì); the others co-operate. */
  lead: boolean;
  /** The day its head marked the part done (YYYY-MM-DD, Vietnam), null while open. */
  doneDate: string | null;
}

export interface DirectiveFacts {
  dueDate: string;
  cancelled: boolean;
  units: readonly DirectiveUnitPart[];
}

/** One unit's part on `today` (YYYY-MM-DD in Vietnam): done counts against the deadline, open counts from the day after it. */
export function partStatus(dueDate: string, doneDate: string | null, today: string): DirectiveStatus {
  if (doneDate !== null) return doneDate <= dueDate ? 'doneOnTime' : 'doneLate';
  return today > dueDate ? 'overdue' : 'inProgress';
}

/**
 * The whole directive: done when every unit's part is, and late if any part was; otherwise overdue once past the
 * deadline. A cancelled directive has no status: it leaves the counts (null).
 */
export function directiveStatus(d: DirectiveFacts, today: string): DirectiveStatus | null {
  if (d.cancelled) return null;
  const parts = d.units.map((u) => partStatus(d.dueDate, u.doneDate, today));
  if (parts.length > 0 && parts.every((p) => p === 'doneOnTime' || p === 'doneLate')) return parts.includes('doneLate') ? 'doneLate' : 'doneOnTime';
  return today > d.dueDate ? 'overdue' : 'inProgress';
}

/** The proposed deadline: the organisation's general number of working days, counted from the day it was given. */
export function defaultDirectiveDue(givenDate: string, workingDays: number, calendar: CalendarConfig): string {
  return addWorkingDays(givenDate, workingDays, calendar);
}

export const mayCreateDirective = (person: HandlingPerson | null): boolean => person?.role === 'lanh_dao';

/**
 * What `person` may do with the directive now. `unitId` is the unit part an action would touch (report, complete):
 * only the person's own unit, and only while that part is open.
 */
export function allowedDirectiveActions(d: DirectiveFacts, person: HandlingPerson | null): DirectiveAction[] {
  if (!person || d.cancelled) return [];
  const actions: DirectiveAction[] = [];
  const allDone = d.units.length > 0 && d.units.every((u) => u.doneDate !== null);
  const leader = person.role === 'lanh_dao';
  if (leader && !allDone) actions.push('changeDue', 'cancel');
  if ((leader || person.role === 'van_thu') && !allDone) actions.push('chase');
  const own = d.units.find((u) => u.unitId === person.unitId);
  if (own && own.doneDate === null) {
    actions.push('report');
    if (isUnitHeadPosition(person.position)) actions.push('complete');
  }
  return actions;
}

/** Counts of one unit's or one leader's directives, as the provinces' KPI tables have them. */
export interface DirectiveCounts {
  total: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  overdue: number;
}

export const emptyCounts = (): DirectiveCounts => ({ total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0 });

/** Adds one status to counts (a cancelled directive, null, is not counted). */
export function countStatus(counts: DirectiveCounts, status: DirectiveStatus | null): void {
  if (status === null) return;
  counts.total++;
  counts[status]++;
}

/** Where a directive was given, as it is named: "Họp giao ban, ngày 20/11/2026" or the incoming document by số đến. */
export function directiveSourceText(d: {
  meeting: { name: string; date: string } | null;
  incoming: { arrivalNumber: number | null; code: string; subject: string } | null;
}): string {
  if (d.meeting) return msg('directive.fromMeeting', { name: d.meeting.name, date: shortVietnameseDate(d.meeting.date) });
  if (d.incoming) return msg('directive.onDocument', { number: arrivalNumberText(d.incoming.arrivalNumber), code: d.incoming.code, subject: d.incoming.subject });
  return msg('directive.onDocumentUnseen');
}
