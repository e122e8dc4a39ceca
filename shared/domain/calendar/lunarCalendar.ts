/**
 * The Vietnamese lunar calendar (âm lịch), computed the way it is defined rather than read from a table:
 * - a month begins on the day, in Vietnam's time (UTC+7), that holds a new moon;
 * - the month holding the winter solstice (the Sun at 270°) is month 11;
 * - when 13 months begin between one month 11 and the next, the first of them after month 11 in which the Sun crosses
 *   no multiple of 30° (no major solar term, trung khí) is a leap month, numbered like the month before it.
 * The rules are China's; only the meridian differs, which is why Tết 1985 fell on 21 January in Vietnam and on
 * 20 February in China (and 2030 will repeat it: 2 February against 3 February).
 * Computed for 1900–2100. Day by day it agrees with the published Vietnamese tables from 1968 to 2100 and, run at
 * UTC+8, with China's from 1929 to 2100, but for new moons within a minute of midnight, where no day is certain (in
 * Vietnam the one of 8 May 2054, 22 s after midnight). Before 1968 Vietnam's almanacs followed China's meridian: this
 * module keeps UTC+7 throughout, so a few dates of that time come out a day away from what was printed then.
 */
import { dayNumber, isoDateOfDay, VIETNAM_OFFSET_DAYS } from '../dates';
import { dayOfJd, jdAtStartOfDay, lunationNear, newMoonJd, sunLongitude } from './astronomy';

export interface LunarDate {
  readonly day: number;
  readonly month: number;
  /** The lunar year, named by the solar year its first month begins in (Tết of 2026 begins lunar year 2026). */
  readonly year: number;
  /** A leap month repeats the number of the month before it ("tháng 2 nhuận"). */
  readonly leap: boolean;
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/** Time zones are parameters inside this module so a test can show the same rules giving China's dates at UTC+8. */
export interface Zone {
  readonly offsetDays: number;
}
const VIETNAM: Zone = { offsetDays: VIETNAM_OFFSET_DAYS };

function newMoonDay(k: number, zone: Zone): number {
  return dayOfJd(newMoonJd(k), zone.offsetDays);
}

function sunLongitudeAtStartOf(day: number, zone: Zone): number {
  return sunLongitude(jdAtStartOfDay(day, zone.offsetDays));
}

/** The lunation whose month holds a day: its new moon day is on or before the day, the next one after it. */
function lunationOfDay(day: number, zone: Zone): number {
  let k = lunationNear(jdAtStartOfDay(day, zone.offsetDays));
  while (newMoonDay(k + 1, zone) <= day) k++;
  while (newMoonDay(k, zone) > day) k--;
  return k;
}

/** The lunation that is month 11 of a year: it begins in late November or December of that solar year. */
function month11Lunation(year: number, zone: Zone): number {
  const k = lunationOfDay(dayNumber(`${year}-12-31`), zone);
  // The month holding 31 December begins before the solstice (and so holds it) or after it (then the one before does).
  return sunLongitudeAtStartOf(newMoonDay(k, zone), zone) < 270 ? k : k - 1;
}

/** Whether the Sun crosses a multiple of 30° during the month that lunation k begins. */
function hasMajorTerm(k: number, zone: Zone): boolean {
  const start = Math.floor(sunLongitudeAtStartOf(newMoonDay(k, zone), zone) / 30);
  const end = Math.floor(sunLongitudeAtStartOf(newMoonDay(k + 1, zone), zone) / 30);
  return start !== end;
}

/**
 * The months from month 11 of `year` up to (not including) month 11 of the next year, and the position of the leap
 * month among them (0 when there is none: month 11 itself always holds the solstice, so it is never the leap month).
 */
interface Span {
  readonly start: number;
  readonly length: number;
  readonly leapAt: number;
}

/** Spans are asked for again and again (each working-day question needs Tết and Giỗ Tổ); they never change. */
const spans = new Map<string, Span>();

function spanFrom(year: number, zone: Zone): Span {
  const key = `${zone.offsetDays}:${year}`;
  const known = spans.get(key);
  if (known) return known;
  const span = computeSpan(year, zone);
  spans.set(key, span);
  return span;
}

function computeSpan(year: number, zone: Zone): Span {
  const start = month11Lunation(year, zone);
  const length = month11Lunation(year + 1, zone) - start;
  let leapAt = 0;
  if (length === 13) {
    leapAt = 1;
    while (leapAt < 12 && hasMajorTerm(start + leapAt, zone)) leapAt++;
  }
  return { start, length, leapAt };
}

/** Months after month 11 in a span with no leap month: 0 → 11, 1 → 12, 2 → 1 … 11 → 10. */
function monthAtPosition(position: number): number {
  return ((position + 10) % 12) + 1;
}

/** Solar years 1900–2100; lunar year 1899 too, whose last months run into January 1900. */
function checkYear(year: number, first = FIRST_YEAR): void {
  if (!(year >= first && year <= LAST_YEAR)) throw new RangeError(`The lunar calendar is computed for ${FIRST_YEAR}–${LAST_YEAR}, not ${year}.`);
}

/** The lunar date of a solar date (YYYY-MM-DD). */
export function solarToLunar(isoDate: string, zone: Zone = VIETNAM): LunarDate {
  const solarYear = Number(isoDate.slice(0, 4));
  checkYear(solarYear);
  const day = dayNumber(isoDate);
  const k = lunationOfDay(day, zone);
  const spanYear = k >= spanFrom(solarYear, zone).start ? solarYear : solarYear - 1;
  const span = spanFrom(spanYear, zone);
  const position = k - span.start;
  const leap = span.leapAt > 0 && position === span.leapAt;
  const counted = span.leapAt > 0 && position >= span.leapAt ? position - 1 : position;
  return {
    day: day - newMoonDay(k, zone) + 1,
    month: monthAtPosition(counted),
    year: counted < 2 ? spanYear : spanYear + 1,
    leap,
  };
}

/** The solar date (YYYY-MM-DD) of a lunar date; throws a RangeError when that lunar date does not exist. */
export function lunarToSolar(lunar: LunarDate, zone: Zone = VIETNAM): string {
  checkYear(lunar.year, FIRST_YEAR - 1);
  if (!Number.isInteger(lunar.month) || lunar.month < 1 || lunar.month > 12) throw new RangeError(`No lunar month ${lunar.month}.`);
  // Months 11 and 12 of a lunar year follow its own month 11; months 1 to 10 follow the month 11 of the year before.
  const spanYear = lunar.month >= 11 ? lunar.year : lunar.year - 1;
  const span = spanFrom(spanYear, zone);
  const counted = lunar.month >= 11 ? lunar.month - 11 : lunar.month + 1;
  const afterLeap = span.leapAt > 0 && counted >= span.leapAt;
  if (lunar.leap && !(span.leapAt > 0 && counted === span.leapAt - 1)) {
    throw new RangeError(`Lunar year ${lunar.year} has no leap month ${lunar.month}.`);
  }
  const k = span.start + counted + (lunar.leap || afterLeap ? 1 : 0);
  const first = newMoonDay(k, zone);
  const length = newMoonDay(k + 1, zone) - first;
  if (!Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > length) {
    throw new RangeError(`Lunar month ${lunar.month}/${lunar.year} has ${length} days, not day ${lunar.day}.`);
  }
  return isoDateOfDay(first + lunar.day - 1);
}

/** The leap month of a lunar year (2 for 2023, 6 for 2025), or null in a year of twelve months. */
export function leapMonthOf(year: number, zone: Zone = VIETNAM): number | null {
  checkYear(year);
  // A leap month at positions 1–2 of the span is a leap 11 or 12 of `year`; further on it belongs to the next year.
  for (const [spanYear, positions] of [
    [year - 1, [3, 12]],
    [year, [1, 2]],
  ] as const) {
    const { leapAt } = spanFrom(spanYear, zone);
    if (leapAt >= positions[0] && leapAt <= positions[1]) return monthAtPosition(leapAt - 1);
  }
  return null;
}

/** Tết Nguyên đán: the solar date of lunar 1/1 in a solar year. */
export function lunarNewYear(year: number, zone: Zone = VIETNAM): string {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, zone);
}

/** The Zone of China's calendar (UTC+8), for tests that show the meridian is what separates the two calendars. */
export const CHINA_ZONE: Zone = { offsetDays: 8 / 24 };
