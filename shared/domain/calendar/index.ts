/**
 * The working-day calendar room, shared by every layer: the Vietnamese lunar calendar, public holidays under the
 * Labour Code 2019 with each year's announced changes, working-day arithmetic, and the default handling deadline of an
 * incoming document. Pure functions of dates written YYYY-MM-DD; nothing here reads a clock or a setting store.
 */
export { DEFAULT_CALENDAR, isWeeklyRestDay, type CalendarConfig } from './calendarConfig';
export { defaultDueDate, DEFAULT_DUE_DATE_RULES, type DueDateFacts, type DueDateRules } from './dueDates';
export { defaultNationalDaySecondDay, defaultTetDays, HOLIDAY_KINDS, holidayName, publicHolidays, type Holiday, type HolidayKind } from './holidays';
export { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar, type LunarDate } from './lunarCalendar';
export { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './workingDays';
