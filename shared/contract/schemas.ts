/** Wire schemas: the renderer is untrusted, so every input is parsed with these before a service sees it. */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { DOCUMENT_TYPE_NAMES, SECRECY_LEVELS } from '../domain/documentTypes';
import { isValidOrganId } from '../domain/organId';
import { msg } from '../messages';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg('error.tooLong', { max }))
    .transform((s) => s.normalize('NFC'));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, msg('error.required')));
export const IsoDate = z.string().refine(isIsoDate, msg('error.dateInvalid'));
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const Uuid = z.string().uuid();

export const OrganId = z.string().trim().refine(isValidOrganId, msg('error.organIdInvalid'));
export const StaffRole = z.enum(['van_thu', 'lanh_dao', 'chuyen_vien']);

export const Unit = z.object({ id: Uuid, name: z.string(), abbrev: z.string() });
export const Staff = z.object({
  id: Uuid,
  fullName: z.string(),
  position: z.string(),
  unitId: Uuid.nullable(),
  role: StaffRole,
});
export const OrgProfile = z.object({
  organId: z.string(),
  name: z.string(),
  abbrev: z.string(),
  units: z.array(Unit),
  staff: z.array(Staff),
  /** The staff member this installation acts as: the author of every event it records. */
  currentStaffId: Uuid.nullable(),
});

export const OrgSetupInput = z.object({
  name: requiredText(300),
  organId: OrganId,
  abbrev: requiredText(30).transform((s) => s.toUpperCase()),
  units: z.array(z.object({ name: requiredText(300), abbrev: requiredText(30).transform((s) => s.toUpperCase()) })).max(500),
  staff: z
    .array(
      z.object({
        fullName: requiredText(200),
        position: text(200),
        unitAbbrev: text(30).nullable(),
        role: StaffRole,
      }),
    )
    .max(5000),
});

export const DocumentTypeName = z.string().refine((s) => DOCUMENT_TYPE_NAMES.includes(s.normalize('NFC')), msg('error.typeUnknown'));

/** What the clerk fills in for an incoming document: the register's columns plus the Appendix VI fields. */
export const IncomingFields = z.object({
  arrivalDate: IsoDate,
  organName: requiredText(300),
  codeNumber: text(20),
  codeNotation: text(60),
  issuedDate: IsoDate,
  typeName: DocumentTypeName,
  subject: requiredText(500),
  signerName: text(200),
  signerPosition: text(200),
  place: text(100),
  priority: z.number().int().min(0).max(4),
  secrecy: z.enum(SECRECY_LEVELS),
  pageAmount: z.number().int().min(0).max(100000).nullable(),
  dueDate: IsoDate.nullable(),
  toPlaces: text(500),
  note: text(1000),
  documentId: text(200),
  channel: z.enum(['paper', 'electronic']),
});

export const AttachmentRef = z.object({ hash: Sha256, name: requiredText(255) });
export const Attachment = AttachmentRef.extend({ size: z.number(), mime: z.string(), pageCount: z.number().nullable() });

export const IncomingStatus = z.enum(['registered', 'presented', 'forwarded']);

export const IncomingSummary = z.object({
  id: Uuid,
  year: z.number(),
  arrivalNumber: z.number(),
  arrivalDate: z.string(),
  organName: z.string(),
  codeNumber: z.string(),
  codeNotation: z.string(),
  issuedDate: z.string(),
  typeName: z.string(),
  subject: z.string(),
  priority: z.number(),
  dueDate: z.string().nullable(),
  toPlaces: z.string(),
  status: IncomingStatus,
  handedOverAt: z.string().nullable(),
});

export const IncomingDocument = IncomingFields.extend({
  id: Uuid,
  year: z.number(),
  arrivalNumber: z.number(),
  status: IncomingStatus,
  handedOverAt: z.string().nullable(),
  duplicateReason: z.string().nullable(),
  createdAt: z.string(),
  attachments: z.array(Attachment),
});

export const DocumentEvent = z.object({
  id: Uuid,
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const IncomingDetail = z.object({ document: IncomingDocument, events: z.array(DocumentEvent) });

export const RegisterInput = z.object({
  fields: IncomingFields,
  attachments: z.array(AttachmentRef).max(50),
  /** Register even though a duplicate was found; needs `reason`. */
  force: z.boolean().default(false),
  reason: text(500).default(''),
});
export const RegisterOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registered'), document: IncomingDocument }),
  z.object({ kind: z.literal('duplicate'), matches: z.array(IncomingSummary) }),
]);

/** Fields read off a PDF's first page, for the clerk to confirm; every one may be missing. */
export const Proposal = z.object({
  organName: z.string().optional(),
  codeNumber: z.string().optional(),
  codeNotation: z.string().optional(),
  typeName: z.string().optional(),
  issuedDate: z.string().optional(),
  place: z.string().optional(),
  subject: z.string().optional(),
  signerName: z.string().optional(),
  signerPosition: z.string().optional(),
  priority: z.number().optional(),
  secrecy: z.enum(SECRECY_LEVELS).optional(),
});
export const FileProblem = z.enum(['empty', 'notPdf', 'damaged', 'encrypted', 'noText', 'tooLargeToRead']);
export const AnalyzeOutput = z.object({
  pageCount: z.number().nullable(),
  problem: FileProblem.nullable(),
  /** Vietnamese explanation of `problem`, ready to show. */
  message: z.string().nullable(),
  proposal: Proposal,
});

export const ListFilter = z.object({
  query: text(200).optional(),
  year: z.number().int().optional(),
  typeName: z.string().optional(),
  priority: z.number().int().min(0).max(4).optional(),
  status: IncomingStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  organName: text(300).optional(),
});
export const SortKey = z.enum(['arrivalNumber', 'arrivalDate', 'issuedDate', 'organName', 'dueDate']);
export const ListInput = z.object({
  filter: ListFilter.default({}),
  /** Absent with a query: best match first. Absent without: newest arrival first. */
  sort: z.object({ by: SortKey, dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export const ListOutput = z.object({
  total: z.number(),
  /** True when counting stopped at a cap: there are more than `total` matches. */
  totalCapped: z.boolean(),
  rows: z.array(IncomingSummary),
});

export const HandOverInput = z.object({
  id: Uuid,
  action: z.enum(['present', 'forward']),
  recipient: z.object({ kind: z.enum(['staff', 'unit']), id: Uuid }),
  note: text(1000),
  date: IsoDate.optional(),
});

export const ContentRef = z.object({ hash: Sha256, name: z.string(), size: z.number(), mime: z.string() });

export const RegisterBookInput = z
  .object({ from: IsoDate, to: IsoDate, format: z.enum(['pdf', 'xlsx']) })
  .refine((v) => v.from <= v.to, { message: msg('error.dateRange'), path: ['to'] });
