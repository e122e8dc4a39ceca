/** Calendar dates as the clerical law writes them. Dates travel as ISO strings YYYY-MM-DD, never as Date objects. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the string is a real calendar date (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1945 && y <= 2999;
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Vietnam keeps UTC+07:00 all year (no daylight saving): the one place that says so. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
/** The same offset as a fraction of a day, for astronomy that counts in days (the lunar calendar). */
export const VIETNAM_OFFSET_DAYS = VIETNAM_OFFSET_MS / DAY_MS;

/** "2026-11-15T10:20:30": the instant's date and time of day in Vietnam, whatever the machine's time zone. */
export function vietnamLocalTime(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19);
}

/** "2026-11-15T10:20:30+07:00": ISO 8601 in Vietnam time, as Decree 30 asks for attachments and copies. */
export function vietnamIsoTime(instant: Date): string {
  return `${vietnamLocalTime(instant)}+07:00`;
}

/** Today's date in Vietnam, YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamLocalTime(now).slice(0, 10);
}

/**
 * "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 11 năm 2026", "ngày 02 tháng 4 năm 2026": Decree 30 (Appendix I) puts a
 * zero before days below 10 and before months 1 and 2 only.
 */
export function longVietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "05/01/2026", the short form used in register columns. */
export function shortVietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Numbers below 10 take a leading zero ("05"), as in Decree 30's notation rules. */
export function formatDocumentNumber(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Days since 1970-01-01 (negative before it): whole-day arithmetic on calendar dates, with no time zone to get wrong,
 * since Date.UTC counts midnights of the proleptic Gregorian calendar.
 */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return isoDateOfDay(dayNumber(isoDate) + days);
}

/** 0 Sunday, 1 Monday … 6 Saturday (the numbering of Date.getUTCDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function weekdayOf(isoDate: string): Weekday {
  return new Date(dayNumber(isoDate) * DAY_MS).getUTCDay() as Weekday;
}
