/**
 * What a working-day calendar needs beyond the law: the organisation's rest days, and what the government announces
 * each year. The Labour Code fixes how many days off each holiday gives, but leaves the Prime Minister to name the
 * five Tết days and the day joined to National Day every year, and the Ministry of Home Affairs usually swaps a
 * working day for a Saturday to make a longer break: none of that can be computed, so it is configuration.
 */
import { weekdayOf, type Weekday } from '../dates';

export interface CalendarConfig {
  /** Weekly rest days: Saturday and Sunday in public offices, whose 40-hour week runs Monday to Friday (Decision 188/1999/QĐ-TTg). */
  readonly weekend: readonly Weekday[];
  /** The five Tết days as decided, by the solar year Tết falls in; a year not listed takes the default. */
  readonly tetDays: Readonly<Record<number, readonly string[]>>;
  /** The day joined to 2/9 (1/9 or 3/9) as decided, by year; a year not listed takes the default. */
  readonly nationalDaySecondDay: Readonly<Record<number, string>>;
  /** Days off beyond the holidays: a working day swapped away, or a day off decided for one year. */
  readonly extraDaysOff: readonly string[];
  /** Rest days worked instead (làm bù), usually the Saturday a swapped working day was moved to; they win over all. */
  readonly makeUpWorkdays: readonly string[];
}

/** The law's defaults with nothing announced: every year's Tết and National Day follow the usual pattern. */
export const DEFAULT_CALENDAR: CalendarConfig = {
  weekend: [6, 0],
  tetDays: {},
  nationalDaySecondDay: {},
  extraDaysOff: [],
  makeUpWorkdays: [],
};

/** A weekly rest day of the configuration (Saturday or Sunday by default), whatever else the day is. */
export function isWeeklyRestDay(isoDate: string, config: CalendarConfig): boolean {
  return config.weekend.includes(weekdayOf(isoDate));
}
