/** Wire schemas of outgoing documents (văn bản đi): drafting, review, approval, issue, dispatch, recall, the list. */
import { z } from 'zod';
import { COPY_KINDS, NUMBERING_MODES, OUTGOING_STATUSES, SIGNING_AUTHORITIES } from '../domain/outgoing';
import { msg } from '../messages';
import { DatePlace, IssueTemplate, NumberPlace } from './issuePlaces';
import {
  AttachmentRef,
  DocumentEvent,
  DocumentTypeName,
  IsoDate,
  OrganId,
  Placement,
  Priority,
  requiredText,
  Sha256,
  SignerSource,
  text,
  Uuid,
  VerifyOutput,
} from './schemas';

export const OutgoingStatus = z.enum(OUTGOING_STATUSES);

/** Nơi nhận: a unit or a staff member of the organisation, or another organisation by its OrganId. */
export const Recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), id: Uuid }),
  z.object({ kind: z.literal('staff'), id: Uuid }),
  z.object({ kind: z.literal('external'), organId: OrganId, name: requiredText(300) }),
]);
export const RecipientView = z.object({
  kind: z.enum(['unit', 'staff', 'external']),
  id: z.string().nullable(),
  organId: z.string().nullable(),
  name: z.string(),
});

/** What the drafter fills in; the number, notation and date come at issue. */
export const OutgoingFields = z.object({
  typeName: DocumentTypeName,
  subject: requiredText(500),
  copyKind: z.enum(COPY_KINDS).default('none'),
  /** Văn bản quy phạm pháp luật: numbered per type whatever the organisation's mode. */
  legalNormative: z.boolean().default(false),
  draftingUnitId: Uuid.nullable().default(null),
  signerId: Uuid,
  signerAuthority: z.enum(SIGNING_AUTHORITIES).default(''),
  /** The signer's title as printed ("CHỦ TỊCH"); empty: the staff member's position. */
  signerPosition: text(200).default(''),
  recipients: z.array(Recipient).max(500).default([]),
  priority: Priority.default(0),
  issuedAmount: z.number().int().min(1).max(100000).default(1),
  dueDate: IsoDate.nullable().default(null),
  note: text(1000).default(''),
  /** The incoming document this one answers: issuing it closes that document's handling with this reply. */
  replyTo: Uuid.nullable().default(null),
});

export const OutgoingCreateInput = z.object({
  fields: OutgoingFields,
  /** The draft as PDF: what is reviewed, signed and issued. */
  main: AttachmentRef,
  /** The DOCX/XLSX it was made from, kept beside it. */
  work: AttachmentRef.nullable().default(null),
  /** Appendices and separate attachments (PDF): sealed with the attachment appearance at issue. */
  attachments: z.array(AttachmentRef).max(50).default([]),
});

export const FileRole = z.enum(['main', 'work', 'attachment']);
export const OutgoingFile = z.object({
  role: FileRole,
  position: z.number(),
  version: z.number(),
  hash: Sha256,
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  origin: z.string(),
  createdAt: z.string(),
  actor: z.string(),
});

export const OutgoingSummary = z.object({
  id: Uuid,
  status: OutgoingStatus,
  typeName: z.string(),
  subject: z.string(),
  copyKind: z.enum(COPY_KINDS),
  year: z.number().nullable(),
  number: z.number().nullable(),
  codeNumber: z.string(),
  codeNotation: z.string(),
  issuedDate: z.string().nullable(),
  signerName: z.string(),
  signerPosition: z.string(),
  signerAuthority: z.string(),
  drafterName: z.string(),
  reviewerId: z.string().nullable(),
  priority: z.number(),
  issuedAmount: z.number(),
  dueDate: z.string().nullable(),
  toPlaces: z.string(),
  dispatchedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  createdAt: z.string(),
});

/** An external recipient's latest edXML status for the document (01 arrived … 06 completed), as it reported it. */
export const ExchangeStatusView = z.object({
  organId: z.string(),
  organName: z.string(),
  code: z.string(),
  description: z.string(),
  /** The recipient's own timestamp, as written in the message. */
  timestamp: z.string(),
  staff: z.string(),
});

export const OutgoingDocument = OutgoingSummary.extend({
  legalNormative: z.boolean(),
  draftingUnitId: z.string().nullable(),
  drafterId: z.string().nullable(),
  signerId: z.string(),
  note: z.string(),
  documentId: z.string(),
  replacedBy: z.string().nullable(),
  replyTo: z.string().nullable(),
  recipients: z.array(RecipientView),
  /** The latest status each external recipient sent back, in the order they arrived; the history has every one. */
  exchangeStatuses: z.array(ExchangeStatusView),
  /** The edXML package the dispatch sends through the server: waiting on this computer, or handed to the server. */
  exchangePackage: z.enum(['waiting', 'sent']).nullable(),
  /** The newest version of each file. */
  files: z.array(OutgoingFile),
  /** Every version, oldest first. */
  versions: z.array(OutgoingFile),
  /** What the acting staff member may do with it now. */
  actions: z.array(z.enum(['edit', 'submit', 'return', 'approve', 'sign', 'issue', 'dispatch', 'recall', 'replace'])),
});
export const OutgoingDetail = z.object({ document: OutgoingDocument, events: z.array(DocumentEvent) });

export const OutgoingIdInput = z.object({ id: Uuid });
export const OutgoingVersionInput = z.object({ id: Uuid, role: FileRole, position: z.number().int().min(0).max(49).default(0), file: AttachmentRef });
export const OutgoingCommentInput = z.object({ id: Uuid, comment: requiredText(2000) });
export const OutgoingSubmitInput = z.object({ id: Uuid, to: Uuid, comment: text(2000).default('') });
export const OutgoingReviewInput = z.object({ id: Uuid, comment: text(2000).default('') });
export const OutgoingReturnInput = z.object({ id: Uuid, comment: requiredText(2000) });

/** The signer's approval signature on the newest main PDF; the box is found at the signer's block unless given. */
export const OutgoingSignInput = z.object({
  id: Uuid,
  source: SignerSource,
  secret: z.string().min(1, msg('error.required')).max(256),
  /** The handwritten signature (PNG in the content store); without it the appearance is text. */
  image: Sha256.optional(),
  placement: Placement.optional(),
  comment: text(2000).default(''),
  jobId: Uuid,
});

/** The clerk's issue: the number and date written in, the organisation's seal over the approval, appendices sealed. */
export const OutgoingIssueInput = z.object({
  id: Uuid,
  source: SignerSource,
  secret: z.string().min(1, msg('error.required')).max(256),
  /** The seal (red PNG in the content store). */
  seal: Sha256,
  /** The document's date; default today in Vietnam. */
  date: IsoDate.optional(),
  placement: Placement.optional(),
  numberAt: NumberPlace.optional(),
  dateAt: DatePlace.optional(),
  /** The document template the clerk's number and date places are remembered for once the issue succeeds. */
  template: IssueTemplate.optional(),
  jobId: Uuid,
});

/** The number an issue on `date` would take now, shown where it goes before the clerk seals; nothing is reserved. */
export const OutgoingIssuePreviewInput = z.object({ id: Uuid, date: IsoDate.optional() });
export const OutgoingIssuePreview = z.object({ numberNotation: z.string() });

export const OutgoingDispatchInput = z.object({ id: Uuid, date: IsoDate.optional() });
export const OutgoingRecallInput = z.object({ id: Uuid, reason: requiredText(1000) });
/**
 * The clerk's correction of an issued document's information (not its number, date or type), with the reason: sent to
 * the recipients reached through the server as an edXML update (business type 2).
 */
export const OutgoingCorrectInput = z.object({
  id: Uuid,
  fields: OutgoingFields.pick({ subject: true, priority: true, dueDate: true }).partial(),
  reason: requiredText(1000),
});
export const OutgoingReplaceInput = z.object({ id: Uuid, by: Uuid, reason: requiredText(1000) });

export const OutgoingListFilter = z.object({
  query: text(200).optional(),
  year: z.number().int().optional(),
  typeName: z.string().optional(),
  priority: Priority.optional(),
  status: OutgoingStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Only what waits for the acting staff member: drafts returned to them, drafts they review, approved ones to issue. */
  mine: z.boolean().optional(),
});
export const OutgoingSortKey = z.enum(['codeNumber', 'issuedDate', 'dueDate', 'createdAt']);
export const OutgoingListInput = z.object({
  filter: OutgoingListFilter.default({}),
  sort: z.object({ by: OutgoingSortKey, dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export const OutgoingListOutput = z.object({ total: z.number(), totalCapped: z.boolean(), rows: z.array(OutgoingSummary) });

export const OutgoingSettings = z.object({ numbering: z.enum(NUMBERING_MODES) });

export const OutgoingIssueOutput = z.object({ document: OutgoingDocument, verification: VerifyOutput });
