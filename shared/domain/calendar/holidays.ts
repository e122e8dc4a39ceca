/**
 * Public holidays (ngày nghỉ lễ, tết) under the Labour Code 2019, Art. 112(1): 1/1; five days of Tết; Giỗ Tổ Hùng
 * Vương on lunar 10/3; 30/4; 1/5; 2/9 and one day next to it. Art. 111(3): a holiday that falls on a weekly rest day
 * is made up on the next working day (nghỉ bù). Art. 112(3) leaves the Prime Minister to name the Tết days and the day
 * joined to 2/9 each year; the defaults below follow the usual decisions and CalendarConfig replaces them.
 */
import { addDays, yearOf } from '../dates';
import { msg } from '../../messages';
import { isWeeklyRestDay, type CalendarConfig } from './calendarConfig';
import { lunarNewYear, lunarToSolar } from './lunarCalendar';

export const HOLIDAY_KINDS = ['newYear', 'tet', 'hungKings', 'victoryDay', 'labourDay', 'nationalDay', 'compensatory', 'extraDayOff'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export interface Holiday {
  readonly date: string;
  readonly kind: HolidayKind;
}

/** The holiday's name as a person reads it ("Giỗ Tổ Hùng Vương", "Nghỉ bù"). */
export function holidayName(kind: HolidayKind): string {
  return msg(`calendar.holiday.${kind}`);
}

/**
 * The usual five Tết days: the last day of the old lunar year (30 tháng Chạp, or 29 when the twelfth month is short)
 * and lunar 1 to 4 of the new one, as in 2026 (16 to 20 February).
 */
export function defaultTetDays(year: number): string[] {
  const newYear = lunarNewYear(year);
  return [-1, 0, 1, 2, 3].map((offset) => addDays(newYear, offset));
}

/**
 * The usual day joined to 2/9: a working day next to it, the one that reaches the weekend when only one does (3/9 in
 * 2021, a Thursday; 1/9 in 2025, a Tuesday), otherwise the day before (1/9 in 2026, a Wednesday), and never a rest day
 * when the other one is not (3/9 in 2024, a Monday).
 */
export function defaultNationalDaySecondDay(year: number, config: CalendarConfig): string {
  const before = `${year}-09-01`;
  const after = `${year}-09-03`;
  const rests = (date: string) => isWeeklyRestDay(date, config);
  const score = (date: string, outer: string) => (rests(date) ? 0 : rests(outer) ? 2 : 1);
  return score(after, addDays(after, 1)) > score(before, addDays(before, -1)) ? after : before;
}

/** The days the law gives, before any falls on a rest day: what Art. 112(1) lists, as decided for the year. */
function statutoryHolidays(year: number, config: CalendarConfig): Holiday[] {
  const tet = config.tetDays[year] ?? defaultTetDays(year);
  const nationalDay2 = config.nationalDaySecondDay[year] ?? defaultNationalDaySecondDay(year, config);
  return [
    { date: `${year}-01-01`, kind: 'newYear' as const },
    ...tet.map((date) => ({ date, kind: 'tet' as const })),
    { date: lunarToSolar({ day: 10, month: 3, year, leap: false }), kind: 'hungKings' as const },
    { date: `${year}-04-30`, kind: 'victoryDay' as const },
    { date: `${year}-05-01`, kind: 'labourDay' as const },
    { date: `${year}-09-02`, kind: 'nationalDay' as const },
    { date: nationalDay2, kind: 'nationalDay' as const },
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Every day off of a solar year besides the weekly rest days, in date order: the holidays, the days that make up for
 * holidays on rest days (each on the first weekday after it that is not already off), and the extra days configured.
 */
export function publicHolidays(year: number, config: CalendarConfig): Holiday[] {
  const extra = config.extraDaysOff.filter((date) => yearOf(date) === year);
  const statutory = statutoryHolidays(year, config);
  const taken = new Set([...extra, ...statutory.map((holiday) => holiday.date)]);
  const days: Holiday[] = [];
  const rests = (date: string) => isWeeklyRestDay(date, config);
  for (const holiday of statutory) {
    days.push(holiday);
    if (!rests(holiday.date)) continue;
    let makeUp = addDays(holiday.date, 1);
    while (rests(makeUp) || taken.has(makeUp)) makeUp = addDays(makeUp, 1);
    taken.add(makeUp);
    days.push({ date: makeUp, kind: 'compensatory' });
  }
  days.push(...extra.map((date) => ({ date, kind: 'extraDayOff' as const })));
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
