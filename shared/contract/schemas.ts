/** Wire schemas: the renderer is untrusted, so every input is parsed with these before a service sees it. */
import { z } from 'zod';
import { isAbbreviation } from '../domain/abbreviation';
import { isIsoDate } from '../domain/dates';
import { DOCUMENT_TYPE_NAMES, PRIORITIES, SECRECY_LEVELS } from '../domain/documentTypes';
import { HANDLING_ACTIONS, HANDLING_STATES } from '../domain/handling';
import { isValidOrganId } from '../domain/organId';
import { OUTGOING_SEQUENCE_ID } from '../domain/outgoing';
import { msg } from '../messages';
import { issueMessage } from './issueMessages';
import { DatePlace, IssueTemplate, NumberPlace } from './issuePlaces';

// Once for the process: a rule below that names no message of its own still speaks Vietnamese, never zod's English.
z.config({ customError: issueMessage });

export { DatePlace, IssuePlaces, IssueTemplate, NumberPlace } from './issuePlaces';

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg('error.tooLong', { max }))
    .transform((s) => s.normalize('NFC'));
export const requiredText = (max: number) => text(max).pipe(z.string().min(1, { error: msg('error.required'), abort: true }));
// An empty date is a missing one: say so, not that it is malformed.
export const IsoDate = z.string().min(1, { error: msg('error.required'), abort: true }).refine(isIsoDate, msg('error.dateInvalid'));
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

/** Part of every notation (125/QĐ-UBND): letters and digits only, upper-cased. */
const Abbreviation = requiredText(30)
  .refine(isAbbreviation, msg('validation.abbrev'))
  .transform((s) => s.toUpperCase());

export const OrgSetupInput = z.object({
  name: requiredText(300),
  organId: OrganId,
  abbrev: Abbreviation,
  units: z.array(z.object({ name: requiredText(300), abbrev: Abbreviation })).max(500),
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

const priorityError = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? msg('error.required') : msg('validation.priority', { choices: PRIORITIES.map((name, i) => `${i} ${name}`).join(', ') }),
};
/** Urgency 0–4 (Thường … Hỏa tốc hẹn giờ); one message for every way of getting it wrong, since all need the same fix. */
export const Priority = z.number(priorityError).int(priorityError).min(0, priorityError).max(4, priorityError);

export const DocumentTypeName = z
  .string()
  .min(1, { error: msg('error.required'), abort: true })
  .refine((s) => DOCUMENT_TYPE_NAMES.includes(s.normalize('NFC')), msg('error.typeUnknown'));

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
  priority: Priority,
  secrecy: z.enum(SECRECY_LEVELS),
  pageAmount: z.number().int().min(0).max(100000).nullable(),
  dueDate: IsoDate.nullable(),
  toPlaces: text(500),
  note: text(1000),
  documentId: text(200),
  channel: z.enum(['paper', 'electronic']),
  /** Seen only by the people it is handed to, their units, clerks and leaders (decided by the central server). */
  restricted: z.boolean().default(false),
});

export const AttachmentRef = z.object({ hash: Sha256, name: requiredText(255) });
export const Attachment = AttachmentRef.extend({ size: z.number(), mime: z.string(), pageCount: z.number().nullable() });

export const IncomingStatus = z.enum(['registered', 'presented', 'forwarded']);

export const IncomingSummary = z.object({
  id: Uuid,
  year: z.number(),
  /** Null for a provisional entry: registered where another computer numbers the register, numbered there on sync. */
  arrivalNumber: z.number().nullable(),
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
  /** An internal copy of an outgoing document the sender recalled: shown marked, kept for the record. */
  recalledAt: z.string().nullable(),
  /** The entry that replaces this one, when its sender replaced it through the exchange (it is withdrawn too). */
  replacedBy: Uuid.nullable(),
});

export const IncomingDocument = IncomingFields.extend({
  id: Uuid,
  year: z.number(),
  arrivalNumber: z.number().nullable(),
  status: IncomingStatus,
  handedOverAt: z.string().nullable(),
  recalledAt: z.string().nullable(),
  recallReason: z.string().nullable(),
  replacedBy: Uuid.nullable(),
  /** The entries this one replaces (an edXML replacement). */
  replaces: z.array(IncomingSummary),
  /** The organisation's own outgoing document this internal copy was dispatched from; null for correspondence. */
  outgoingId: Uuid.nullable(),
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

export const HandlingState = z.enum(HANDLING_STATES);
export const HandlingAction = z.enum(HANDLING_ACTIONS);

/** Where an incoming document's handling stands (state null: waiting for the leader's instruction). */
export const Handling = z.object({
  state: HandlingState.nullable(),
  leadUnitId: Uuid.nullable(),
  leadStaffId: Uuid.nullable(),
  cooperating: z.array(Uuid),
  forInfo: z.boolean(),
  assigneeId: Uuid.nullable(),
  assigneeDue: z.string().nullable(),
  /** The deadline that applies now: the officer's when the unit head set one, else the leader's. */
  due: z.string().nullable(),
  /** The latest progress report (tiến độ giải quyết). */
  progress: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  replyOutgoingId: Uuid.nullable(),
  /** Số, ký hiệu of the outgoing reply. */
  replyCode: z.string().nullable(),
});

export const IncomingDetail = z.object({
  document: IncomingDocument,
  events: z.array(DocumentEvent),
  handling: Handling,
  /** What the acting person may do with the handling now. */
  handlingActions: z.array(HandlingAction),
});

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
/** The overall judgement of a PDF's signatures, as the badge shows it. */
export const SignatureVerdict = z.enum(['valid', 'invalid', 'untrusted', 'unsigned']);
/** A received PDF's signatures in short, so the clerk is warned before registering it. */
export const SignatureSummary = z.object({
  verdict: SignatureVerdict,
  count: z.number(),
  /** Vietnamese, one line per problem, each naming its signer. */
  problems: z.array(z.string()),
});
/** The ocr… problems concern a scan read by OCR: no engine or no Vietnamese model, out of time, stopped, failed. */
export const FileProblem = z.enum([
  'empty', 'notPdf', 'damaged', 'encrypted', 'noText', 'tooLargeToRead', 'ocrUnavailable', 'ocrTimedOut', 'ocrCancelled', 'ocrFailed',
]);
export const AnalyzeOutput = z.object({
  pageCount: z.number().nullable(),
  problem: FileProblem.nullable(),
  /** Vietnamese explanation of `problem`, ready to show. */
  message: z.string().nullable(),
  proposal: Proposal,
  /** Absent when the file is not a readable PDF. */
  signatures: SignatureSummary.optional(),
  /** A scan (a PDF without a text layer, or a picture): its proposal and text, if any, were recognised by OCR. */
  scanned: z.boolean().optional(),
});
/** `jobId`, chosen by the caller, names the reading in `incoming.analyzeProgress` events and `incoming.cancelAnalysis`. */
export const AnalyzeInput = AttachmentRef.extend({ jobId: Uuid.optional() });
/** Pages of a scan recognised so far, of those to read. */
export const AnalyzeProgress = z.object({ jobId: Uuid, done: z.number().int(), total: z.number().int() });
/**
 * The later pages of a registered long scan (file `hash`) being read in the background: `done` of `total`; its `jobId`
 * stops it through `incoming.cancelAnalysis` until the next start.
 */
export const ScanProgress = AnalyzeProgress.extend({ hash: Sha256 });

export const ListFilter = z.object({
  query: text(200).optional(),
  year: z.number().int().optional(),
  typeName: z.string().optional(),
  priority: Priority.optional(),
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
  /**
   * Paging by key without a text query: the rows right after (or before) the row with this id, in the same sort and
   * filter. A deep page then costs what the first does; `offset` is ignored.
   */
  after: Uuid.optional(),
  before: Uuid.optional(),
}).refine((v) => !(v.after && v.before) && !((v.after || v.before) && v.filter.query), msg('error.badInput'));
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
  .object({
    from: IsoDate,
    to: IsoDate,
    format: z.enum(['pdf', 'xlsx']),
    /** 'tracking': the handling tracking register (sổ theo dõi giải quyết văn bản đến) of the instructed documents. */
    kind: z.enum(['incoming', 'outgoing', 'tracking']).default('incoming'),
    /** The tracking register of one lead unit only. */
    unitId: Uuid.optional(),
    /** The outgoing register of one number sequence only (a register id, see shared/domain/outgoing). */
    sequence: z.string().max(300).regex(OUTGOING_SEQUENCE_ID).optional(),
  })
  .refine((v) => v.from <= v.to, { message: msg('error.dateRange'), path: ['to'] })
  .refine((v) => v.unitId === undefined || v.kind === 'tracking', { message: msg('trackingBook.unitOnlyForTracking'), path: ['unitId'] })
  .refine((v) => v.sequence === undefined || v.kind === 'outgoing', { message: msg('registerBook.sequenceOnlyForOutgoing'), path: ['sequence'] });
/** The outgoing sequences with documents issued in a period, for choosing one sequence's register book. */
export const RegisterBookSequencesInput = z.object({ from: IsoDate, to: IsoDate });
export const RegisterBookSequence = z.object({ id: z.string(), name: z.string() });

// Digital signatures inside the app: verification, trusted certificates, signing an attachment as a new version.
/** A rectangle on a page in PDF user space (points from the lower-left corner); pages start at 1. */
export const Placement = z.object({
  page: z.number().int().min(1).max(100000),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().positive().max(10000),
  height: z.number().positive().max(10000),
});
export const SignatureCheck = z.object({
  index: z.number(),
  signer: z.string(),
  issuer: z.string().nullable(),
  /** The signed /ByteRange: what tells one signature of the file from another (signing finds its own by it). */
  byteRange: z.array(z.number()),
  /** ISO time the signature is judged at (the timestamp's when valid, else the claimed one). */
  signingTime: z.string().nullable(),
  signingTimeSource: z.enum(['timestamp', 'claimed', 'none']),
  intact: z.boolean(),
  coversRevision: z.boolean(),
  coversWholeFile: z.boolean(),
  trusted: z.boolean(),
  chain: z.array(z.string()),
  validAtSigningTime: z.boolean(),
  revocation: z.enum(['good', 'revoked', 'unknown', 'notChecked']),
  timestamp: z.object({ time: z.string().nullable(), valid: z.boolean(), tsa: z.string().nullable() }).nullable(),
  changesAfter: z.enum(['none', 'allowed', 'disallowed']),
  /** Where it is drawn; null for an invisible signature. An issuing seal is proposed over the newest one. */
  placement: Placement.nullable(),
  verdict: z.enum(['valid', 'invalid', 'untrusted']),
  problems: z.array(z.string()),
});
export const VerifyOutput = z.object({ verdict: SignatureVerdict, signatures: z.array(SignatureCheck) });

export const CertificateView = z.object({
  subject: z.string(),
  subjectCommonName: z.string(),
  issuer: z.string(),
  issuerCommonName: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  serialNumber: z.string(),
  /** Key usage names ("digitalSignature", "nonRepudiation", "keyCertSign"); empty when the certificate sets none. */
  keyUsage: z.array(z.string()),
  fingerprint: z.string(),
});
export const TrustRole = z.enum(['root', 'intermediate']);
export const TrustedCertificate = CertificateView.extend({ role: TrustRole, addedAt: z.string() });
export const TrustRemoveInput = z.object({ fingerprint: z.string().regex(/^[0-9A-F]{64}$/) });
export const SigningSettings = z.object({
  pkcs11Module: z.string().trim().max(1000).nullable(),
  /** RFC 3161 timestamp authority; when set, every signature made in the app carries its timestamp (PAdES B-T). */
  tsaUrl: z
    .string()
    .trim()
    .max(1000)
    .refine((s) => s === '' || /^https?:\/\/\S+$/.test(s), msg('signingUi.tsaUrlInvalid'))
    .nullable()
    .default(null),
});

/** A PIN or password: never trimmed, normalised, stored or logged; it travels only in the call that needs it. */
const Secret = z.string().min(1, msg('error.required')).max(256);
/** Key files are held in the core's memory for minutes under an opaque handle, never in the data folder or its backups. */
export const KEY_FILE_MAX_BYTES = 256 * 1024;
export const KeyFileHandle = z.string().regex(/^[A-Za-z0-9_-]{32}$/, msg('keyFiles.expired'));
export const KeyFileRef = z.object({ handle: KeyFileHandle, name: z.string().max(255), size: z.number().int().min(1).max(KEY_FILE_MAX_BYTES) });
/** Where a key lives: a .p12/.pfx file held in memory (see KeyFileHandle), or a certificate on a PKCS#11 token. */
export const SignerSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p12'), handle: KeyFileHandle }),
  z.object({ kind: z.literal('pkcs11'), token: z.string().max(64), keyLabel: z.string().max(256) }),
]);
export const CertificatesInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p12'), handle: KeyFileHandle, password: Secret }),
  z.object({ kind: z.literal('pkcs11') }),
]);
export const SigningCertificate = CertificateView.extend({
  source: SignerSource,
  /** What the person recognises: the token and key label, or the file's certificate. */
  label: z.string(),
  /** Vietnamese: why this certificate may not sign now (expired, not yet valid, wrong key usage); null when it may. */
  refusal: z.string().nullable(),
});

export const SignatureKindName = z.enum(['approval', 'issue', 'attachment', 'receipt']);
export const SignInput = z.object({
  documentId: Uuid,
  /** The version being signed: the newest one of an attachment of this document. */
  hash: Sha256,
  source: SignerSource,
  secret: Secret,
  kind: SignatureKindName,
  placement: Placement.optional(),
  /** PNG in the content store: the handwritten signature (approval) or the seal (issue). */
  image: Sha256.optional(),
  numberNotation: text(80).optional(),
  date: IsoDate.optional(),
  /** issue: where the number and the date are written; `template` names the document template they are remembered for. */
  numberAt: NumberPlace.optional(),
  dateAt: DatePlace.optional(),
  template: IssueTemplate.optional(),
  /** PAdES B-LT: the new version also stores the chain and the CA's revocation answers (OCSP/CRL), fetched now. */
  ltv: z.boolean().optional(),
  /** Chosen by the caller so it can follow `signing.progress` events of this signing. */
  jobId: Uuid,
});
export const AttachmentVersion = z.object({
  position: z.number(),
  version: z.number(),
  hash: Sha256,
  name: z.string(),
  size: z.number(),
  createdAt: z.string(),
  actor: z.string(),
});
export const SignOutput = z.object({ version: AttachmentVersion, verification: VerifyOutput });
export const SigningProgress = z.object({
  jobId: Uuid,
  phase: z.enum(['preparing', 'reading', 'signing', 'storing', 'revocation', 'verifying', 'done', 'failed']),
  /** Bytes done and total in the current phase; 0/0 when the phase has no measure. */
  done: z.number(),
  total: z.number(),
});
