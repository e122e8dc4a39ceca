/**
 * The rules of leaders' directives: statuses by date in Vietnam, the working-day default deadline over the calendar's
 * days off, and who may take which step.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar';
import { todayInVietnam } from '../../shared/domain/dates';
import {
  allowedDirectiveActions,
  countStatus,
  defaultDirectiveDue,
  directiveStatus,
  emptyCounts,
  mayCreateDirective,
  partStatus,
  type DirectiveFacts,
} from '../../shared/domain/directive';
import type { HandlingPerson } from '../../shared/domain/handling';

const VP = 'unit-vp';
const TC = 'unit-tc';
const leader: HandlingPerson = { id: 'l', role: 'lanh_dao', unitId: VP, position: 'Chủ tịch' };
const clerk: HandlingPerson = { id: 'c', role: 'van_thu', unitId: VP, position: 'Văn thư' };
const head: HandlingPerson = { id: 'h', role: 'chuyen_vien', unitId: TC, position: 'Trưởng phòng Tổ chức' };
const officer: HandlingPerson = { id: 'o', role: 'chuyen_vien', unitId: TC, position: 'Chuyên viên' };
const outsider: HandlingPerson = { id: 'x', role: 'chuyen_vien', unitId: 'unit-other', position: 'Trưởng phòng Tài chính' };

const directive = (parts: [string, string | null][], due = '2026-12-04', cancelled = false): DirectiveFacts => ({
  dueDate: due,
  cancelled,
  units: parts.map(([unitId, doneDate], i) => ({ unitId, lead: i === 0, doneDate })),
});

describe('directive statuses', () => {
  it('counts a part done on the deadline day as on time, the day after as late, and an open one overdue from the next day', () => {
    expect(partStatus('2026-12-04', '2026-12-04', '2026-12-10')).toBe('doneOnTime');
    expect(partStatus('2026-12-04', '2026-12-05', '2026-12-10')).toBe('doneLate');
    expect(partStatus('2026-12-04', null, '2026-12-04')).toBe('inProgress');
    expect(partStatus('2026-12-04', null, '2026-12-05')).toBe('overdue');
  });

  it('is done only when every unit is, late if one was, and cancelled directives leave the counts', () => {
    expect(directiveStatus(directive([[TC, '2026-12-01'], [VP, null]]), '2026-12-03')).toBe('inProgress');
    expect(directiveStatus(directive([[TC, '2026-12-01'], [VP, null]]), '2026-12-07')).toBe('overdue');
    expect(directiveStatus(directive([[TC, '2026-12-01'], [VP, '2026-12-04']]), '2026-12-30')).toBe('doneOnTime');
    expect(directiveStatus(directive([[TC, '2026-12-01'], [VP, '2026-12-08']]), '2026-12-30')).toBe('doneLate');
    expect(directiveStatus(directive([[TC, null]], '2026-12-04', true), '2026-12-30')).toBeNull();
    const counts = emptyCounts();
    for (const s of ['doneOnTime', 'doneLate', 'overdue', null, 'overdue'] as const) countStatus(counts, s);
    expect(counts).toEqual({ total: 4, doneOnTime: 1, doneLate: 1, inProgress: 0, overdue: 2 });
  });

  it('compares against the date in Vietnam: 18:00 UTC on 4 December is already the 5th there', () => {
    const today = todayInVietnam(new Date('2026-12-04T18:00:00Z'));
    expect(today).toBe('2026-12-05');
    expect(directiveStatus(directive([[TC, null]]), today)).toBe('overdue');
    expect(directiveStatus(directive([[TC, null]]), todayInVietnam(new Date('2026-12-04T16:59:00Z')))).toBe('inProgress');
  });
});

describe('the default deadline', () => {
  it('counts working days, skipping weekends and the Tết days off', () => {
    // Given on Friday 20 November 2026: 7 working days end on Tuesday 1 December.
    expect(defaultDirectiveDue('2026-11-20', 7, DEFAULT_CALENDAR)).toBe('2026-12-01');
    // Given on Friday 13 February 2026: Tết runs Monday 16 – Friday 20, so 2 working days end on Tuesday 24.
    expect(defaultDirectiveDue('2026-02-13', 2, DEFAULT_CALENDAR)).toBe('2026-02-24');
    // An announced extra day off moves it once more.
    expect(defaultDirectiveDue('2026-02-13', 2, { ...DEFAULT_CALENDAR, extraDaysOff: ['2026-02-23'] })).toBe('2026-02-25');
  });
});

describe('who may do what', () => {
  it('lets only leaders create, move the deadline and cancel; clerks chase; a unit reports; its head completes', () => {
    expect([leader, clerk, head, officer].map(mayCreateDirective)).toEqual([true, false, false, false]);
    const open = directive([[TC, null], [VP, null]]);
    expect(allowedDirectiveActions(open, leader)).toEqual(['changeDue', 'cancel', 'chase', 'report']);
    expect(allowedDirectiveActions(open, clerk)).toEqual(['chase', 'report']);
    expect(allowedDirectiveActions(open, head)).toEqual(['report', 'complete']);
    expect(allowedDirectiveActions(open, officer)).toEqual(['report']);
    expect(allowedDirectiveActions(open, outsider)).toEqual([]);
    expect(allowedDirectiveActions(open, null)).toEqual([]);
  });

  it('closes a unit part to its unit once done, and everything once cancelled or all done', () => {
    const tcDone = directive([[TC, '2026-12-01'], [VP, null]]);
    expect(allowedDirectiveActions(tcDone, head)).toEqual([]);
    expect(allowedDirectiveActions(tcDone, leader)).toContain('cancel');
    const allDone = directive([[TC, '2026-12-01'], [VP, '2026-12-02']]);
    expect(allowedDirectiveActions(allDone, leader)).toEqual([]);
    expect(allowedDirectiveActions(directive([[TC, null]], '2026-12-04', true), head)).toEqual([]);
  });
});
