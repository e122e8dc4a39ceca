/** Wire schemas of leaders' directives (ý kiến chỉ đạo): giving one, progress per unit, completion, the follow-up list. */
import { z } from 'zod';
import { DIRECTIVE_ACTIONS, DIRECTIVE_STATUSES } from '../domain/directive';
import { msg } from '../messages';
import { DocumentEvent, IsoDate, requiredText, text, Uuid } from './schemas';

export const DirectiveStatus = z.enum(DIRECTIVE_STATUSES);
export const DirectiveAction = z.enum(DIRECTIVE_ACTIONS);

/** Where the directive was given: at a meeting (its name and date), or on an incoming document. */
export const DirectiveSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('meeting'), name: requiredText(500), date: IsoDate }),
  z.object({ kind: z.literal('document'), incomingId: Uuid }),
]);

export const DirectiveCreateInput = z.object({
  content: requiredText(4000),
  source: DirectiveSource,
  /** The units in charge; the first leads unless `leadUnitId` names another of them. */
  unitIds: z.array(Uuid).min(1).max(50),
  leadUnitId: Uuid.optional(),
  /** Absent: the organisation's general number of working days after the day it was given. */
  dueDate: IsoDate.optional(),
});

/** A report or a completion is for the acting person's own unit: a unit speaks only for itself. */
export const DirectiveReportInput = z.object({ id: Uuid, note: requiredText(2000) });
export const DirectiveCompleteInput = z.object({ id: Uuid, note: text(2000).default('') });
export const DirectiveNoteInput = z.object({ id: Uuid, note: requiredText(2000) });
export const DirectiveDueInput = z.object({ id: Uuid, dueDate: IsoDate, note: text(2000).default('') });

export const DirectiveUnit = z.object({
  unitId: Uuid,
  unitName: z.string(),
  lead: z.boolean(),
  doneDate: z.string().nullable(),
  doneBy: z.string().nullable(),
  doneNote: z.string().nullable(),
  status: DirectiveStatus,
  /** The unit's newest progress report, if any. */
  lastReport: z.string().nullable(),
});

export const DirectiveSummary = z.object({
  id: Uuid,
  content: z.string(),
  meeting: z.object({ name: z.string(), date: z.string() }).nullable(),
  incomingId: Uuid.nullable(),
  leaderId: Uuid,
  leaderName: z.string(),
  givenDate: z.string(),
  dueDate: z.string(),
  cancelled: z.boolean(),
  /** null: cancelled (out of the counts). */
  status: DirectiveStatus.nullable(),
  units: z.array(DirectiveUnit),
});

export const DirectiveReport = z.object({ id: z.string(), unitId: Uuid, note: z.string(), at: z.string(), actor: z.string() });

export const DirectiveDetail = DirectiveSummary.extend({
  /** The incoming document it was given on, as the register names it (null when this PC does not hold it). */
  incoming: z.object({ id: Uuid, arrivalNumber: z.number().int().nullable(), code: z.string(), subject: z.string() }).nullable(),
  cancelNote: z.string().nullable(),
  reports: z.array(DirectiveReport),
  events: z.array(DocumentEvent),
  /** What the acting person may do now. */
  actions: z.array(DirectiveAction),
});

export const DirectiveListInput = z.object({
  status: DirectiveStatus.optional(),
  unitId: Uuid.optional(),
  leaderId: Uuid.optional(),
  /** The period, by the day the directive was given. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** The directives given on one incoming document. */
  incomingId: Uuid.optional(),
  includeCancelled: z.boolean().default(false),
});

const Counts = z.object({
  total: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
});

export const DirectiveListOutput = z.object({
  rows: z.array(DirectiveSummary),
  /** Per unit in charge: its own part of each directive. Per leader: the directives they gave. Cancelled ones are not counted. */
  byUnit: z.array(Counts.extend({ unitId: Uuid, unitName: z.string() })),
  byLeader: z.array(Counts.extend({ leaderId: Uuid, leaderName: z.string() })),
  /** The date in Vietnam the statuses were computed for. */
  today: z.string(),
});

/**
 * The tracking report (báo cáo theo dõi thực hiện ý kiến chỉ đạo) of the directives given or due in the period, of the
 * whole organisation or of one unit in charge or one leader, as PDF or XLSX.
 */
export const DirectiveReportExportInput = z
  .object({ from: IsoDate, to: IsoDate, unitId: Uuid.optional(), leaderId: Uuid.optional(), format: z.enum(['pdf', 'xlsx']) })
  .refine((v) => v.from <= v.to, { message: msg('error.dateRange'), path: ['to'] });
