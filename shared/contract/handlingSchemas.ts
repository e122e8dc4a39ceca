/** Wire schemas of handling incoming documents: the leader's instruction, assignment, progress, closing, tasks. */
import { z } from 'zod';
import { msg } from '../messages';
import { HandlingState, IncomingSummary, IsoDate, requiredText, text, Uuid } from './schemas';

export const Lead = z.discriminatedUnion('kind', [z.object({ kind: z.literal('unit'), id: Uuid }), z.object({ kind: z.literal('staff'), id: Uuid })]);

export const InstructInput = z.object({
  id: Uuid,
  lead: Lead,
  cooperating: z.array(Uuid).max(50).default([]),
  /** Absent: the deadline the organisation's rules propose for the document; null: no deadline. */
  dueDate: IsoDate.nullable().optional(),
  forInfo: z.boolean().default(false),
  note: text(2000).default(''),
});

export const AssignInput = z.object({
  id: Uuid,
  assigneeId: Uuid,
  /** Absent: the leader's deadline. */
  dueDate: IsoDate.optional(),
  note: text(2000).default(''),
});

export const ReportInput = z.object({ id: Uuid, note: requiredText(2000) });

export const CloseInput = z
  .object({ id: Uuid, note: text(2000).default(''), replyOutgoingId: Uuid.optional() })
  .refine((c) => c.note !== '' || c.replyOutgoingId !== undefined, { error: msg('handling.noteRequired'), path: ['note'] });

export const TaskView = z.enum(['mine', 'unit', 'overdue', 'dueSoon', 'open']);

export const TasksInput = z.object({
  view: TaskView.default('mine'),
  /** The unit of the `unit` view (default: the acting person's). */
  unitId: Uuid.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const Task = IncomingSummary.extend({
  handlingState: HandlingState,
  due: z.string().nullable(),
  leadUnitId: Uuid.nullable(),
  assigneeId: Uuid.nullable(),
  /** Working days past the deadline (0 on the day itself; null: not late or no deadline). */
  workingDaysLate: z.number().int().nullable(),
});

export const UnitLoad = z.object({ unitId: Uuid.nullable(), open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() });

export const TasksOutput = z.object({ rows: z.array(Task), byUnit: z.array(UnitLoad) });

const WorkingDays = z.number().int().min(0).max(365);
const Year = z.string().regex(/^\d{4}$/);

/**
 * The organisation's deadline rules and the year's announced days off: working days by urgency (priority 0–4) and by
 * document type, with a fallback; Tết days and the day joined to National Day as decided, swapped days off and the
 * Saturdays worked instead (see shared/domain/calendar).
 */
export const HandlingSettings = z.object({
  dueDates: z.object({
    byPriority: z.record(z.string().regex(/^[0-4]$/), WorkingDays),
    byType: z.record(z.string().min(1).max(100), WorkingDays),
    fallback: WorkingDays,
  }),
  calendar: z.object({
    tetDays: z.record(Year, z.array(IsoDate).max(10)),
    nationalDaySecondDay: z.record(Year, IsoDate),
    extraDaysOff: z.array(IsoDate).max(366),
    makeUpWorkdays: z.array(IsoDate).max(366),
  }),
});

/**
 * What each handling event keeps in its `data`, names included as they were when it happened: the slip and the history
 * read them back from events that may come from another computer, so they parse rather than trust.
 */
const Named = z.object({ id: z.string(), name: z.string() });
export const HandlingEventData = {
  instructed: z.object({
    lead: Named.extend({ kind: z.enum(['unit', 'staff']) }),
    cooperating: z.array(z.object({ id: z.string(), name: z.string().optional() })),
    dueDate: z.string().nullable(),
    forInfo: z.boolean(),
    note: z.string(),
  }),
  assigned: z.object({ assignee: Named, dueDate: z.string().nullable(), note: z.string() }),
  reported: z.object({ note: z.string() }),
  closed: z.object({ note: z.string(), reply: z.object({ id: z.string(), code: z.string().nullable() }).nullable() }),
  read: z.object({ closes: z.boolean() }),
};
