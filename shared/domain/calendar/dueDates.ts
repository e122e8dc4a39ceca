/**
 * The default handling deadline (thời hạn giải quyết) of an incoming document. No law gives a general number of days:
 * Decree 30 leaves deadlines to the leader who assigns the document and to each organisation's working rules (quy chế
 * làm việc). These rules are therefore organisation settings; the defaults are a common pattern, and the leader's own
 * deadline always replaces the one proposed here.
 */
import { findDocumentType } from '../documentTypes';
import { DEFAULT_CALENDAR, type CalendarConfig } from './calendarConfig';
import { addWorkingDays } from './workingDays';

export interface DueDateRules {
  /** Working days by urgency, keyed by priority as PRIORITIES numbers it (1 Khẩn … 4 Hỏa tốc hẹn giờ); 0 days means the same day. */
  readonly byPriority: Readonly<Record<number, number>>;
  /** Working days by document type name (as in DOCUMENT_TYPES), for types that need an answer sooner or later. */
  readonly byType: Readonly<Record<string, number>>;
  /** Working days for any other document. */
  readonly fallback: number;
}

export const DEFAULT_DUE_DATE_RULES: DueDateRules = {
  byPriority: { 1: 2, 2: 1, 3: 0, 4: 0 },
  // A công điện is itself an urgent instruction; an invitation needs its answer before the meeting.
  byType: { 'Công điện': 1, 'Giấy mời': 2 },
  fallback: 7,
};

/** What a deadline depends on, named as the incoming document names it. */
export interface DueDateFacts {
  readonly typeName: string;
  readonly priority: number;
}

/**
 * The proposed due date of a document that arrived on `arrivalDate`: the tighter of its urgency's limit and its type's
 * (or the fallback), counted in working days after arrival.
 */
export function defaultDueDate(arrivalDate: string, doc: DueDateFacts, rules: DueDateRules = DEFAULT_DUE_DATE_RULES, calendar: CalendarConfig = DEFAULT_CALENDAR): string {
  const typeName = findDocumentType(doc.typeName)?.name ?? doc.typeName;
  const byType = rules.byType[typeName] ?? rules.fallback;
  const byPriority = rules.byPriority[doc.priority] ?? byType;
  return addWorkingDays(arrivalDate, Math.min(byType, byPriority), calendar);
}
