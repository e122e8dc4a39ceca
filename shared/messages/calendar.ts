import type { Catalogue } from './catalogue';

/** The working-day calendar: holiday names as the Labour Code 2019 (Art. 112) writes them, and the announced changes. */
export const CALENDAR_MESSAGES = {
  'calendar.holiday.newYear': { vi: 'Tết Dương lịch', en: "New Year's Day" },
  'calendar.holiday.tet': { vi: 'Tết Âm lịch', en: 'Lunar New Year (Tết)' },
  'calendar.holiday.hungKings': { vi: 'Giỗ Tổ Hùng Vương', en: 'Hung Kings Commemoration Day' },
  'calendar.holiday.victoryDay': { vi: 'Ngày Chiến thắng', en: 'Victory Day' },
  'calendar.holiday.labourDay': { vi: 'Ngày Quốc tế lao động', en: 'International Labour Day' },
  'calendar.holiday.nationalDay': { vi: 'Quốc khánh', en: 'National Day' },
  'calendar.holiday.compensatory': { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  'calendar.holiday.extraDayOff': { vi: 'Nghỉ hoán đổi hoặc nghỉ thêm theo thông báo', en: 'Swapped or additional day off, as announced' },
  'calendar.makeUpWorkday': { vi: 'Làm bù', en: 'Make-up working day' },
} as const satisfies Catalogue;
