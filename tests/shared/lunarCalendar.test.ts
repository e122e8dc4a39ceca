/**
 * The Vietnamese lunar calendar against dates known outside this code: Tết and Giỗ Tổ as announced in those years,
 * the leap months of 2023 and 2025, and the years where Vietnam's Tết differs from China's because of the meridian.
 */
import { describe, expect, it } from 'vitest';
import { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from '../../shared/domain/calendar';
import { CHINA_ZONE } from '../../shared/domain/calendar/lunarCalendar';
import { addDays } from '../../shared/domain/dates';

const TET: Record<number, string> = {
  1985: '1985-01-21',
  2007: '2007-02-17',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  // The new moon is at 23:07 in Vietnam on 2 February (16:07 UTC), 00:07 on the 3rd in China: Tết differs again.
  2030: '2030-02-02',
};

describe('Tết (lunar 1/1)', () => {
  it.each(Object.entries(TET))('falls in %s on %s', (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
    const eve = solarToLunar(addDays(date, -1));
    expect([eve.month, eve.year, eve.leap, eve.day >= 29]).toEqual([12, Number(year) - 1, false, true]);
  });

  it("differs from China's, one zone east, exactly where a new moon falls between 23:00 and midnight in Vietnam", () => {
    expect([1985, 2007, 2030].map((year) => lunarNewYear(year, CHINA_ZONE))).toEqual(['1985-02-20', '2007-02-18', '2030-02-03']);
    expect([2020, 2024, 2026].map((year) => lunarNewYear(year, CHINA_ZONE))).toEqual([TET[2020], TET[2024], TET[2026]]);
  });
});

describe('lunar dates both ways', () => {
  it('finds Giỗ Tổ Hùng Vương (10/3) and Tết Trung thu (15/8)', () => {
    const hungKings = { 2024: '2024-04-18', 2025: '2025-04-07', 2026: '2026-04-26' };
    for (const [year, date] of Object.entries(hungKings)) {
      expect(lunarToSolar({ day: 10, month: 3, year: Number(year), leap: false })).toBe(date);
      expect(solarToLunar(date)).toEqual({ day: 10, month: 3, year: Number(year), leap: false });
    }
    expect(lunarToSolar({ day: 15, month: 8, year: 2024, leap: false })).toBe('2024-09-17');
    expect(lunarToSolar({ day: 15, month: 8, year: 2025, leap: false })).toBe('2025-10-06');
  });

  it('places the leap months: 2 in 2023 (from 22 March), 6 in 2025 (from 25 July), none in 2024 or 2026', () => {
    expect([2023, 2024, 2025, 2026].map((year) => leapMonthOf(year))).toEqual([2, null, 6, null]);
    // A leap month after month 10 belongs to the year it is in, not the next one: the leap 11 of 2033.
    expect([2014, 2032, 2033, 2034].map((year) => leapMonthOf(year))).toEqual([9, null, 11, null]);
    expect(solarToLunar('2033-12-22')).toEqual({ day: 1, month: 11, year: 2033, leap: true });
    expect(solarToLunar('2023-03-21')).toEqual({ day: 30, month: 2, year: 2023, leap: false });
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 7, year: 2025, leap: false })).toBe('2025-08-23');
  });

  it('turns every day of 2019–2031 into a lunar date and back, in months of 29 or 30 days', () => {
    let day = '2019-01-01';
    let monthLength = 0;
    const lengths = new Set<number>();
    while (day <= '2031-12-31') {
      const lunar = solarToLunar(day);
      expect(lunarToSolar(lunar)).toBe(day);
      if (lunar.day === 1 && monthLength > 0) lengths.add(monthLength);
      monthLength = lunar.day;
      day = addDays(day, 1);
    }
    expect([...lengths].sort()).toEqual([29, 30]);
  });

  it('refuses lunar dates that do not exist and years it was not checked for', () => {
    expect(() => lunarToSolar({ day: 1, month: 3, year: 2023, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 1, month: 13, year: 2025, leap: false })).toThrow(RangeError);
    expect(() => solarToLunar('1899-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2101-01-01')).toThrow(RangeError);
    expect(solarToLunar('1900-01-01')).toEqual({ day: 1, month: 12, year: 1899, leap: false });
  });
});
