/**
 * Public holidays (Labour Code 2019, Art. 111–112), working-day arithmetic and default handling deadlines. Weekdays
 * in the names are checked against the calendar of those years, so a wrong weekday or holiday date fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_CALENDAR,
  defaultDueDate,
  holidayName,
  isWorkingDay,
  nextWorkingDay,
  publicHolidays,
  workingDaysBetween,
  type CalendarConfig,
} from '../../shared/domain/calendar';
import { addDays, weekdayOf } from '../../shared/domain/dates';
import { mulberry32 } from '../support/prng';

const daysOff = (year: number, config: CalendarConfig = DEFAULT_CALENDAR) => publicHolidays(year, config).map((h) => `${h.date} ${h.kind}`);
const config = (changes: Partial<CalendarConfig>): CalendarConfig => ({ ...DEFAULT_CALENDAR, ...changes });

/** Each year's days off with the defaults, "MM-DD kind" in date order. */
const DEFAULT_DAYS_OFF: Record<number, string> = {
  // Tết 29 tháng Chạp to mùng 4 (Mon 16 – Fri 20 Feb); Giỗ Tổ on Sunday 26/4 made up on Monday; 30/4 Thu, 1/5 Fri; 2/9 Wed takes 1/9.
  2026:
    '01-01 newYear, 02-16 tet, 02-17 tet, 02-18 tet, 02-19 tet, 02-20 tet, 04-26 hungKings, 04-27 compensatory, 04-30 victoryDay, 05-01 labourDay, 09-01 nationalDay, 09-02 nationalDay',
  // Mùng 4 Tết on Saturday 1 Feb made up on Monday 3 Feb; 2/9 on a Tuesday takes Monday 1/9.
  2025:
    '01-01 newYear, 01-28 tet, 01-29 tet, 01-30 tet, 01-31 tet, 02-01 tet, 02-03 compensatory, 04-07 hungKings, 04-30 victoryDay, 05-01 labourDay, 09-01 nationalDay, 09-02 nationalDay',
  // Tết over a weekend gives two days after it; 1/5 on Saturday gives Monday 3/5; 2/9 on a Thursday takes Friday 3/9.
  2027:
    '01-01 newYear, 02-05 tet, 02-06 tet, 02-07 tet, 02-08 tet, 02-09 tet, 02-10 compensatory, 02-11 compensatory, 04-16 hungKings, 04-30 victoryDay, 05-01 labourDay, 05-03 compensatory, 09-02 nationalDay, 09-03 nationalDay',
};

describe('public holidays by default', () => {
  it.each([2025, 2026, 2027])('gives the Labour Code days off of %i, made up after weekends', (year) => {
    expect(daysOff(year).map((day) => day.slice(5)).join(', ')).toBe(DEFAULT_DAYS_OFF[year]);
  });

  it('falls on the weekdays the comments above say', () => {
    expect(['2026-02-16', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02', '2025-02-01', '2027-05-01', '2027-09-02'].map(weekdayOf)).toEqual([1, 0, 4, 5, 3, 6, 6, 4]);
  });

  it('makes up 2/9/2023, a Saturday, on Monday 4/9 (with Friday 1/9 as its second day)', () => {
    expect(daysOff(2023).filter((d) => d >= '2023-08')).toEqual(['2023-09-01 nationalDay', '2023-09-02 nationalDay', '2023-09-04 compensatory']);
    expect(['2023-09-01', '2023-09-04', '2023-09-05'].map((d) => isWorkingDay(d))).toEqual([false, false, true]);
  });

  it('takes 3/9 when 1/9 is a Sunday (2024) and names holidays in Vietnamese', () => {
    expect(daysOff(2024).filter((d) => d >= '2024-08')).toEqual(['2024-09-02 nationalDay', '2024-09-03 nationalDay']);
    expect([holidayName('hungKings'), holidayName('compensatory')]).toEqual(['Giỗ Tổ Hùng Vương', 'Nghỉ bù']);
  });
});

describe('what each year announces', () => {
  it('swaps a working day for a Saturday: 2/9/2026 joined by 1/9, Monday 31/8 off and Saturday 22/8 worked', () => {
    const announced = config({ extraDaysOff: ['2026-08-31'], makeUpWorkdays: ['2026-08-22'] });
    expect([isWorkingDay('2026-08-22'), isWorkingDay('2026-08-31')]).toEqual([false, true]);
    expect([isWorkingDay('2026-08-22', announced), isWorkingDay('2026-08-31', announced)]).toEqual([true, false]);
    expect(addWorkingDays('2026-08-28', 1)).toBe('2026-08-31');
    expect(addWorkingDays('2026-08-28', 1, announced)).toBe('2026-09-03');
    expect(addWorkingDays('2026-08-21', 1, announced)).toBe('2026-08-22');
  });

  it('replaces the Tết days and the day joined to 2/9, and makes up those that fall on a weekend', () => {
    const announced = config({
      tetDays: { 2024: ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'] },
      nationalDaySecondDay: { 2026: '2026-09-03' },
    });
    expect(['2024-02-08', '2024-02-14', '2024-02-15'].map((d) => isWorkingDay(d))).toEqual([true, false, false]);
    expect(['2024-02-08', '2024-02-14', '2024-02-15'].map((d) => isWorkingDay(d, announced))).toEqual([false, false, true]);
    expect(['2026-09-01', '2026-09-03'].map((d) => isWorkingDay(d, announced))).toEqual([true, false]);
  });

  it('follows another weekly rest pattern: with Sunday only, Saturday works and a Saturday holiday is not made up', () => {
    const sundayOnly = config({ weekend: [0] });
    expect(isWorkingDay('2026-03-07', sundayOnly)).toBe(true);
    expect(daysOff(2027, sundayOnly).filter((d) => d.endsWith('compensatory'))).toEqual(['2027-02-10 compensatory']);
  });
});

describe('working days', () => {
  it('counts after the day of receipt, across a weekend', () => {
    expect(addWorkingDays('2026-03-05', 1)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-05', 2)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
  });

  it('counts across Tết and the April–May holidays', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(addWorkingDays('2026-04-24', 2)).toBe('2026-04-29');
    expect(nextWorkingDay('2026-04-29')).toBe('2026-05-04');
    expect(addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
  });

  it('says how many working days late a document is, the inverse of adding them', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-25')).toBe(3);
    expect(workingDaysBetween('2026-02-25', '2026-02-13')).toBe(-3);
    expect(workingDaysBetween('2026-02-13', '2026-02-22')).toBe(0);
    expect(workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
    for (const n of [0, 1, 5, 20, 60]) expect(workingDaysBetween('2026-12-18', addWorkingDays('2026-12-18', n))).toBe(n);
  });

  it('counts a span of years as a walk day by day would, with swapped days, make-up days and another weekend', () => {
    const walk = (from: string, to: string, c: CalendarConfig) => {
      let n = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, c)) n++;
      return n;
    };
    const announced = config({ extraDaysOff: ['2026-08-31', '2024-04-29'], makeUpWorkdays: ['2026-08-22', '2024-05-04', '2025-02-01'] });
    const sundayOnly = config({ weekend: [0], makeUpWorkdays: ['2023-01-01'] });
    const rnd = mulberry32(11);
    for (const c of [DEFAULT_CALENDAR, announced, sundayOnly]) {
      for (let i = 0; i < 60; i++) {
        const from = addDays('2020-01-01', Math.floor(rnd() * 2500));
        const to = addDays(from, Math.floor(rnd() * (i % 3 === 0 ? 2200 : 40)));
        const expected = walk(from, to, c);
        expect(workingDaysBetween(from, to, c), `${from} → ${to}`).toBe(expected);
        expect(0 - workingDaysBetween(to, from, c) + 0).toBe(expected);
      }
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-03-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-05', 1.5)).toThrow(RangeError);
  });
});

describe('default handling deadlines', () => {
  const doc = (typeName: string, priority: number) => ({ typeName, priority });

  it('gives Hỏa tốc the same working day, Thượng khẩn one working day, Khẩn two', () => {
    expect(defaultDueDate('2026-03-02', doc('Công văn', 3))).toBe('2026-03-02');
    expect(defaultDueDate('2026-03-07', doc('Công văn', 4))).toBe('2026-03-09');
    expect(defaultDueDate('2026-03-06', doc('Công văn', 2))).toBe('2026-03-09');
    expect(defaultDueDate('2026-03-05', doc('Công văn', 1))).toBe('2026-03-09');
    expect(defaultDueDate('2026-02-17', doc('Công văn', 3))).toBe('2026-02-23');
  });

  it('gives normal documents their type limit or the fallback, and takes the tighter of urgency and type', () => {
    expect(defaultDueDate('2026-03-02', doc('Công văn', 0))).toBe('2026-03-11');
    expect(defaultDueDate('2026-03-02', doc('Giấy mời', 0))).toBe('2026-03-04');
    expect(defaultDueDate('2026-03-02', doc('GM', 0))).toBe('2026-03-04');
    expect(defaultDueDate('2026-03-02', doc('Công điện', 1))).toBe('2026-03-03');
  });

  it("follows the organisation's own rules and calendar", () => {
    const rules = { byPriority: { 1: 3 }, byType: { 'Báo cáo': 15 }, fallback: 10 };
    expect(defaultDueDate('2026-03-02', doc('Công văn', 0), rules)).toBe('2026-03-16');
    expect(defaultDueDate('2026-03-02', doc('Báo cáo', 0), rules)).toBe('2026-03-23');
    expect(defaultDueDate('2026-03-02', doc('Báo cáo', 1), rules)).toBe('2026-03-05');
    expect(defaultDueDate('2026-03-02', doc('Công văn', 3), rules)).toBe('2026-03-16');
    const saturdaysWorked = config({ makeUpWorkdays: ['2026-03-07'] });
    expect(defaultDueDate('2026-03-06', doc('Công văn', 2), undefined, saturdaysWorked)).toBe('2026-03-07');
  });
});
