/**
 * The one contract between the UI and the core: method name (`domain.verb`) → input and output schemas.
 * Client types, handler types and both transports are derived from this object; no name is written twice.
 */
import { z } from 'zod';
import * as d from './directiveSchemas';
import * as x from './exchangeSchemas';
import * as h from './handlingSchemas';
import * as o from './outgoingSchemas';
import * as s from './schemas';
import * as y from './syncSchemas';
import * as w from './workFileSchemas';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({});

export const contract = {
  'org.get': method(none, s.OrgProfile.nullable()),
  'org.setup': method(s.OrgSetupInput, s.OrgProfile),
  /** Who this installation acts as from now on: the author of every event it records and whose role is checked. */
  'org.actAs': method(z.object({ staffId: s.Uuid }), s.OrgProfile),
  'incoming.analyze': method(s.AnalyzeInput, s.AnalyzeOutput),
  /** Stops the OCR of a scan being analysed (the clerk types the fields instead); false when no such reading runs. */
  'incoming.cancelAnalysis': method(z.object({ jobId: s.Uuid }), z.boolean()),
  'incoming.register': method(s.RegisterInput, s.RegisterOutput),
  'incoming.list': method(s.ListInput, s.ListOutput),
  'incoming.get': method(z.object({ id: s.Uuid }), s.IncomingDetail),
  'incoming.handOver': method(s.HandOverInput, s.IncomingDocument),
  'incoming.organNames': method(z.object({ prefix: z.string().max(100) }), z.array(z.string())),
  /** The years the register holds documents of, newest first, with the current year always among them. */
  'incoming.years': method(none, z.array(z.number().int())),
  /** The leader's instruction: who leads, who co-operates, by when (the organisation's rules propose the deadline). */
  'handling.instruct': method(h.InstructInput, s.IncomingDetail),
  /** The lead unit's head gives the document to an officer of the unit, with their own deadline. */
  'handling.assign': method(h.AssignInput, s.IncomingDetail),
  'handling.report': method(h.ReportInput, s.IncomingDetail),
  'handling.close': method(h.CloseInput, s.IncomingDetail),
  /** The acting person has read the document: kept in its history once; a document sent for information closes. */
  'handling.read': method(z.object({ id: s.Uuid }), s.IncomingDetail),
  'handling.tasks': method(h.TasksInput, h.TasksOutput),
  /** Deadline rules by urgency and type, and the announced days off and make-up Saturdays of each year. */
  'handling.settings': method(none, h.HandlingSettings),
  'handling.saveSettings': method(h.HandlingSettings, h.HandlingSettings),
  /** The handling slip (phiếu giải quyết văn bản đến) of one document, as a PDF. */
  'handling.slip': method(z.object({ id: s.Uuid }), s.ContentRef),
  /** The outgoing drafts and documents that answer an incoming document: the drafts of its handling. */
  'handling.replies': method(z.object({ id: s.Uuid }), z.array(o.OutgoingSummary)),
  /** A leader records a directive (ý kiến chỉ đạo) from a meeting or on an incoming document, for one or more units. */
  'directive.create': method(d.DirectiveCreateInput, d.DirectiveDetail),
  /** Someone of a unit in charge reports the unit's progress. */
  'directive.report': method(d.DirectiveReportInput, d.DirectiveDetail),
  /** The unit's head marks the unit's part done. */
  'directive.complete': method(d.DirectiveCompleteInput, d.DirectiveDetail),
  'directive.cancel': method(d.DirectiveNoteInput, d.DirectiveDetail),
  /** A leader moves the deadline. */
  'directive.setDue': method(d.DirectiveDueInput, d.DirectiveDetail),
  /** A clerk or leader chases (đôn đốc) the units still open: kept in the history. */
  'directive.chase': method(d.DirectiveNoteInput, d.DirectiveDetail),
  'directive.list': method(d.DirectiveListInput, d.DirectiveListOutput),
  'directive.get': method(z.object({ id: s.Uuid }), d.DirectiveDetail),
  /** The tracking report of the directives given or due in a period, with the counts per unit and per leader. */
  'directive.exportReport': method(d.DirectiveReportExportInput, s.ContentRef),
  'registerBook.export': method(s.RegisterBookInput, s.ContentRef),
  'registerBook.sequences': method(s.RegisterBookSequencesInput, z.array(s.RegisterBookSequence)),
  'signing.verify': method(z.object({ hash: s.Sha256 }), s.VerifyOutput),
  'signing.trustList': method(none, z.array(s.TrustedCertificate)),
  'signing.trustAdd': method(z.object({ hash: s.Sha256 }), z.array(s.TrustedCertificate)),
  'signing.trustRemove': method(s.TrustRemoveInput, z.array(s.TrustedCertificate)),
  'signing.settings': method(none, s.SigningSettings),
  'signing.saveSettings': method(s.SigningSettings, s.SigningSettings),
  'signing.certificates': method(s.CertificatesInput, z.array(s.SigningCertificate)),
  'signing.sign': method(s.SignInput, s.SignOutput),
  'signing.versions': method(z.object({ documentId: s.Uuid }), z.array(s.AttachmentVersion)),
  'signing.issuePlaces': method(z.object({ template: s.IssueTemplate }), s.IssuePlaces.nullable()),
  /** Logs this computer in to the central server: into an empty folder it takes the organisation from the server. */
  'sync.login': method(y.SyncLoginInput, y.SyncStatus),
  'sync.now': method(none, y.SyncReport),
  'sync.status': method(none, y.SyncStatus),
  'sync.takeLease': method(y.LeaseInput, y.SyncStatus),
  'sync.releaseLease': method(y.LeaseInput, y.SyncStatus),
  /** Gives a refused change up: it stays in the history, no longer offered. */
  'sync.withdraw': method(y.SyncChangeInput, y.SyncStatus),
  /** Applies a refused change again over the server's values, as the person acting now. */
  'sync.reapply': method(y.SyncChangeInput, y.SyncStatus),
  'outgoing.create': method(o.OutgoingCreateInput, o.OutgoingDocument),
  'outgoing.get': method(o.OutgoingIdInput, o.OutgoingDetail),
  'outgoing.list': method(o.OutgoingListInput, o.OutgoingListOutput),
  'outgoing.addVersion': method(o.OutgoingVersionInput, o.OutgoingDocument),
  'outgoing.comment': method(o.OutgoingCommentInput, o.OutgoingDocument),
  'outgoing.submit': method(o.OutgoingSubmitInput, o.OutgoingDocument),
  'outgoing.return': method(o.OutgoingReturnInput, o.OutgoingDocument),
  'outgoing.approve': method(o.OutgoingReviewInput, o.OutgoingDocument),
  'outgoing.sign': method(o.OutgoingSignInput, o.OutgoingIssueOutput),
  'outgoing.issue': method(o.OutgoingIssueInput, o.OutgoingIssueOutput),
  'outgoing.issuePreview': method(o.OutgoingIssuePreviewInput, o.OutgoingIssuePreview),
  'outgoing.dispatch': method(o.OutgoingDispatchInput, o.OutgoingDocument),
  'outgoing.recall': method(o.OutgoingRecallInput, o.OutgoingDocument),
  'outgoing.replace': method(o.OutgoingReplaceInput, o.OutgoingDocument),
  'outgoing.correct': method(o.OutgoingCorrectInput, o.OutgoingDocument),
  'outgoing.settings': method(none, o.OutgoingSettings),
  'outgoing.saveSettings': method(o.OutgoingSettings, o.OutgoingSettings),
  'keyFiles.release': method(z.object({ handle: s.KeyFileHandle }), z.null()),
  /** The year's file plan (danh mục hồ sơ), by notation. */
  'workFile.planList': method(z.object({ year: z.number().int().min(2000).max(2100) }), z.array(w.PlanEntry)),
  /** Adds or changes a plan entry: clerks and leaders only. */
  'workFile.planSave': method(w.PlanSaveInput, w.PlanEntry),
  'workFile.open': method(w.OpenInput, w.WorkFileDetail),
  /** Files an incoming or outgoing document into an open file (again: nothing changes). */
  'workFile.file': method(w.FileDocInput, w.WorkFileDetail),
  'workFile.unfile': method(w.FileDocInput, w.WorkFileDetail),
  /** Closes the file: the "processed entirely online" verdict is taken and the PDF and XML package are exported. */
  'workFile.close': method(z.object({ id: s.Uuid }), w.WorkFileDetail),
  'workFile.list': method(w.ListInput, z.array(w.WorkFileSummary)),
  'workFile.get': method(z.object({ id: s.Uuid }), w.WorkFileDetail),
  /** The files a document is filed in. */
  'workFile.filesOf': method(w.DocRef, z.array(w.WorkFileSummary)),
  /** The file's PDF or XML package: the one made at closing, or one made now for an open file. */
  'workFile.export': method(w.ExportInput, s.ContentRef),
  /** Files opened, closed and closed entirely online per unit and for the organisation over a period. */
  'workFile.kpi': method(w.KpiInput, w.KpiOutput),
  'workFile.kpiExport': method(w.KpiExportInput, s.ContentRef),
  /** An issued outgoing document as an edXML package for its external recipients. */
  'exchange.export': method(x.ExportInput, x.ExportOutput),
  /** An edXML package received from another agency, checked and registered as incoming. */
  'exchange.import': method(x.ImportInput, x.ImportOutput),
  'exchange.statusPackage': method(x.StatusPackageInput, x.StatusPackageOutput),
} as const;

export const events = {
  'incoming.changed': z.object({ id: s.Uuid }),
  'outgoing.changed': z.object({ id: s.Uuid }),
  'directive.changed': z.object({ id: s.Uuid }),
  /** A work file or a plan entry changed here or arrived from the server. */
  'workFile.changed': z.object({ id: s.Uuid }),
  'signing.progress': s.SigningProgress,
  'incoming.analyzeProgress': s.AnalyzeProgress,
  'incoming.scanProgress': s.ScanProgress,
  'sync.statusChanged': y.SyncStatus,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be left out). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

type Domain<M> = M extends `${infer D}.${string}` ? D : never;
type Verb<M, D extends string> = M extends `${D}.${infer V}` ? V : never;

/** `api.incoming.register(input)`: the shape the UI calls, derived from the contract. */
export type Api = {
  [D in Domain<MethodName>]: {
    [V in Verb<MethodName, D>]: (input: Input<`${D}.${V}` & MethodName>) => Promise<Output<`${D}.${V}` & MethodName>>;
  };
};

export type * from './types';
