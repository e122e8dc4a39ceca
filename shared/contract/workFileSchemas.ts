/** Wire schemas of work files (hồ sơ công việc): the year's file plan, opening, filing, closing and export, the KPI report. */
import { z } from 'zod';
import { FILE_NOTATION } from '../domain/workFile';
import { msg } from '../messages';
import { ContentRef, IsoDate, requiredText, text, Uuid } from './schemas';

const Year = z.number().int().min(2000).max(2100);
export const FileNotation = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFC'))
  .pipe(z.string().regex(FILE_NOTATION, msg('workFile.notationInvalid')));

export const PlanEntry = z.object({
  id: Uuid,
  year: Year,
  notation: z.string(),
  title: z.string(),
  unitId: Uuid.nullable(),
  /** Thời hạn bảo quản, as the plan writes it: "Vĩnh viễn", "10 năm". */
  retention: z.string(),
  note: z.string(),
});

export const PlanSaveInput = z.object({
  /** Absent: a new entry. */
  id: Uuid.optional(),
  year: Year,
  notation: FileNotation,
  title: requiredText(500),
  unitId: Uuid.nullable().default(null),
  retention: requiredText(100),
  note: text(1000).default(''),
});

export const DocRef = z.object({ kind: z.enum(['incoming', 'outgoing']), id: Uuid });

export const OpenInput = z
  .object({
    year: Year,
    /** The plan entry the file is opened from; its notation, title, unit and retention are taken unless given here. */
    planEntryId: Uuid.optional(),
    notation: FileNotation.optional(),
    title: text(500).optional(),
    /** Default: the plan entry's unit, else the acting person's. */
    unitId: Uuid.optional(),
    retention: text(100).optional(),
  })
  .refine((o) => o.planEntryId !== undefined || (o.notation !== undefined && (o.title ?? '') !== ''), { error: msg('workFile.notationRequired'), path: ['notation'] });

export const FileDocInput = z.object({ id: Uuid, doc: DocRef });

export const WorkFileAction = z.enum(['file', 'unfile', 'close']);
export const Shortfall = z.enum(['empty', 'paperReceipt', 'noAttachment', 'notInstructed', 'notClosed', 'notSealed', 'missing']);

export const WorkFileSummary = z.object({
  id: Uuid,
  /** Appendix VI: OrganId + FileCatalog (year) + FileNotation. */
  fileCode: z.string(),
  year: z.number().int(),
  planEntryId: Uuid.nullable(),
  notation: z.string(),
  title: z.string(),
  unitId: Uuid,
  unitName: z.string(),
  ownerId: Uuid,
  ownerName: z.string(),
  retention: z.string(),
  state: z.enum(['open', 'closed']),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** The verdict taken at closing; null while open. */
  processedOnline: z.boolean().nullable(),
});

export const FiledDocument = z.object({
  kind: z.enum(['incoming', 'outgoing']),
  id: Uuid,
  /** DocOrdinal: the place in the file, in order of filing from 1. */
  ordinal: z.number().int(),
  present: z.boolean(),
  typeName: z.string(),
  codeNumber: z.string(),
  codeNotation: z.string(),
  issuedDate: z.string().nullable(),
  organName: z.string(),
  subject: z.string(),
  arrivalDate: z.string().nullable(),
  arrivalNumber: z.number().int().nullable(),
  filedAt: z.string(),
  filedBy: z.string(),
  /** What keeps this document from counting as processed online (empty: nothing). */
  shortfalls: z.array(Shortfall),
});

export const WorkFileDetail = WorkFileSummary.extend({
  documents: z.array(FiledDocument),
  /** Whether the file, as it stands, would count as processed entirely online; with the file-wide shortfall if any. */
  online: z.boolean(),
  emptyShortfall: z.boolean(),
  actions: z.array(WorkFileAction),
  /** The archive export made at closing: PDF and XML package (empty while open). */
  exports: z.array(ContentRef),
});

export const ListInput = z.object({
  year: Year,
  unitId: Uuid.optional(),
  state: z.enum(['open', 'closed']).optional(),
});

export const ExportInput = z.object({ id: Uuid, format: z.enum(['pdf', 'xml']) });

export const KpiInput = z
  .object({ from: IsoDate, to: IsoDate, unitId: Uuid.optional() })
  .refine((k) => k.from <= k.to, { error: msg('workFile.periodInvalid'), path: ['to'] });

export const KpiRow = z.object({
  /** null: the organisation as a whole. */
  unitId: Uuid.nullable(),
  unitName: z.string(),
  opened: z.number().int(),
  closed: z.number().int(),
  closedOnline: z.number().int(),
  /** Percent with one decimal; null when nothing was closed. */
  share: z.number().nullable(),
});

export const KpiOutput = z.object({ from: z.string(), to: z.string(), units: z.array(KpiRow), total: KpiRow });

export const KpiExportInput = z
  .object({ from: IsoDate, to: IsoDate, unitId: Uuid.optional(), format: z.enum(['pdf', 'xlsx']) })
  .refine((k) => k.from <= k.to, { error: msg('workFile.periodInvalid'), path: ['to'] });
