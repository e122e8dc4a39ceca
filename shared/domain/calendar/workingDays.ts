/**
 * Working days (ngày làm việc) for handling deadlines. Counting follows how deadlines are written: "within n working
 * days" of a document received on day D ends on the n-th working day after D; the day of receipt itself is not
 * counted, whatever time of day the document came.
 */
import { addDays, dayNumber, isoDateOfDay, yearOf } from '../dates';
import { DEFAULT_CALENDAR, isWeeklyRestDay, type CalendarConfig } from './calendarConfig';
import { publicHolidays } from './holidays';

/** Days off by year, per configuration: deadlines ask about the same few years over and over. */
const daysOffByConfig = new WeakMap<CalendarConfig, Map<number, Set<string>>>();

function daysOffIn(year: number, config: CalendarConfig): Set<string> {
  let byYear = daysOffByConfig.get(config);
  if (!byYear) daysOffByConfig.set(config, (byYear = new Map()));
  let days = byYear.get(year);
  if (!days) byYear.set(year, (days = new Set(publicHolidays(year, config).map((holiday) => holiday.date))));
  return days;
}

/** Days off by year that fall on a day the week works and are not worked back: what a count of working days loses. */
const workdaysOffByConfig = new WeakMap<CalendarConfig, Map<number, string[]>>();

function workdaysOffIn(year: number, config: CalendarConfig): string[] {
  let byYear = workdaysOffByConfig.get(config);
  if (!byYear) workdaysOffByConfig.set(config, (byYear = new Map()));
  let days = byYear.get(year);
  if (!days) byYear.set(year, (days = [...daysOffIn(year, config)].filter((day) => !isWeeklyRestDay(day, config) && !config.makeUpWorkdays.includes(day))));
  return days;
}

/** Neither a weekly rest day nor a day off, unless announced as a make-up working day (làm bù). */
export function isWorkingDay(isoDate: string, config: CalendarConfig = DEFAULT_CALENDAR): boolean {
  if (config.makeUpWorkdays.includes(isoDate)) return true;
  return !isWeeklyRestDay(isoDate, config) && !daysOffIn(yearOf(isoDate), config).has(isoDate);
}

/** The first working day after a date (never the date itself). */
export function nextWorkingDay(isoDate: string, config: CalendarConfig = DEFAULT_CALENDAR): string {
  let day = addDays(isoDate, 1);
  while (!isWorkingDay(day, config)) day = addDays(day, 1);
  return day;
}

/**
 * The n-th working day after `start`, the start day not counted: a document received on Friday 2026-04-24 with two
 * working days is due on Wednesday 2026-04-29 (Monday 27 makes up for Giỗ Tổ on Sunday 26). With n = 0, the start
 * itself when it is a working day, else the next one: "the same day" for a document that came on a day off is the
 * first day the office is open.
 */
export function addWorkingDays(start: string, n: number, config: CalendarConfig = DEFAULT_CALENDAR): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A number of working days is a whole number from 0, not ${n}.`);
  if (n === 0) return isWorkingDay(start, config) ? start : nextWorkingDay(start, config);
  let day = start;
  for (let counted = 0; counted < n; counted++) day = nextWorkingDay(day, config);
  return day;
}

/**
 * Working days after `from` up to and including `to`: how many working days a document due on `from` is overdue on
 * `to` (0 when `to` is the due day or a day off straight after it). Negative when `to` comes first, so that
 * addWorkingDays(a, n) = b gives workingDaysBetween(a, b) = n.
 *
 * Counted by whole weeks, then corrected by the few days off and make-up days inside the span: a task list asks this
 * for every late document, some of them years late, and a walk day by day cost milliseconds each.
 */
export function workingDaysBetween(from: string, to: string, config: CalendarConfig = DEFAULT_CALENDAR): number {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) return -workingDaysBetween(to, from, config);
  const span = last - first;
  const weeks = Math.floor(span / 7);
  let count = weeks * (7 - new Set(config.weekend).size);
  for (let day = first + 1 + weeks * 7; day <= last; day++) if (!isWeeklyRestDay(isoDateOfDay(day), config)) count++;
  // ISO dates order as strings.
  const inSpan = (isoDate: string) => isoDate > from && isoDate <= to;
  const makeUp = new Set(config.makeUpWorkdays);
  // A day off takes away a day the week would have worked; a make-up day gives back one it would not have.
  for (let year = yearOf(from); year <= yearOf(to); year++) for (const day of workdaysOffIn(year, config)) if (inSpan(day)) count--;
  for (const day of makeUp) if (inSpan(day) && (isWeeklyRestDay(day, config) || daysOffIn(yearOf(day), config).has(day))) count++;
  return count;
}
