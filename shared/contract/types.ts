/** Domain types as they travel, inferred from the schemas so they are never written twice. */
import type { z } from 'zod';
import type * as s from './schemas';

export type OrgProfile = z.output<typeof s.OrgProfile>;
export type Unit = z.output<typeof s.Unit>;
export type Staff = z.output<typeof s.Staff>;
export type StaffRole = z.output<typeof s.StaffRole>;
export type OrgSetupInput = z.input<typeof s.OrgSetupInput>;
export type IncomingFields = z.output<typeof s.IncomingFields>;
export type IncomingDocument = z.output<typeof s.IncomingDocument>;
export type IncomingSummary = z.output<typeof s.IncomingSummary>;
export type IncomingDetail = z.output<typeof s.IncomingDetail>;
export type IncomingStatus = z.output<typeof s.IncomingStatus>;
export type DocumentEvent = z.output<typeof s.DocumentEvent>;
export type Attachment = z.output<typeof s.Attachment>;
export type AttachmentRef = z.output<typeof s.AttachmentRef>;
export type Proposal = z.output<typeof s.Proposal>;
export type FileProblem = z.output<typeof s.FileProblem>;
export type AnalyzeOutput = z.output<typeof s.AnalyzeOutput>;
export type ListFilter = z.output<typeof s.ListFilter>;
export type ListInput = z.output<typeof s.ListInput>;
export type SortKey = z.output<typeof s.SortKey>;
export type ContentRef = z.output<typeof s.ContentRef>;
