/**
 * Registering incoming documents (văn bản đến) under Decree 30: automatic consecutive Số đến, duplicate warnings,
 * refusal of secret documents, attachments in the content store, hand-over to leaders and units.
 */
import type { AnalyzeOutput, Attachment, AttachmentRef, IncomingDetail, IncomingFields, Output, ParsedInput, SignatureSummary } from '../../../shared/contract';
import { IncomingFields as IncomingFieldsSchema } from '../../../shared/contract/schemas';
import { shortVietnameseDate, todayInVietnam, yearOf } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/fold';
import { allowedHandlingActions } from '../../../shared/domain/handling';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import { sniffMime } from '../content/sniffMime';
import type { Actor, IncomingRepo, NewIncoming } from '../db/incomingRepo';
import { incomingSearchText } from '../db/searchText';
import type { EventHub } from '../events';
import type { InternalDelivery } from '../outgoing/outgoingService';
import type { OcrJob } from '../ocr/recogniseScan';
import type { Analysis } from './analyzeAttachment';
import type { LaterPages } from './laterPages';
import type { OrgService } from '../org/orgService';

/** `job` follows and stops the OCR of a scan (see OcrJob). */
export type AnalyzeFile = (file: string, size: number, job?: OcrJob) => Promise<Analysis>;

export interface IncomingServiceDeps {
  repo: IncomingRepo;
  org: OrgService;
  content: ContentStore;
  analyzeFile: AnalyzeFile;
  events: EventHub;
  /** The verdict on a received PDF's signatures, so a broken or untrusted one is flagged before it is registered. */
  checkSignatures?: (file: string) => Promise<SignatureSummary | undefined>;
  /** Reads the pages long scans left for later, after each registration (without it, they stay unread). */
  laterPages?: Pick<LaterPages, 'kick' | 'cancel'>;
  now?: () => Date;
}

export interface IncomingService {
  analyze(input: ParsedInput<'incoming.analyze'>): Promise<AnalyzeOutput>;
  /** Stops the OCR of the reading `jobId` names; false when none runs. */
  cancelAnalysis(jobId: string): boolean;
  register(input: ParsedInput<'incoming.register'>): Promise<Output<'incoming.register'>>;
  /** Bulk import (one commit per call): validated like `register`; a duplicate is registered only if `reason` is given. */
  registerMany(items: { fields: IncomingFields; attachments: AttachmentRef[] }[], reason: string | null): Promise<Output<'incoming.register'>['kind'][]>;
  list(input: ParsedInput<'incoming.list'>): Promise<Output<'incoming.list'>>;
  get(id: string): Promise<Output<'incoming.get'>>;
  handOver(input: ParsedInput<'incoming.handOver'>): Promise<Output<'incoming.handOver'>>;
  organNames(prefix: string): Promise<string[]>;
  years(): Promise<number[]>;
  /** A stored file's page count and text, read once and cached. */
  fileText(hash: string): Promise<{ pageCount: number | null; text: string }>;
  /** Deletes uploads no document references (what a refused import stored), with their cached text. */
  discardUploads(hashes: string[]): Promise<string[]>;
  /** The internal recipients' copy of an issued outgoing document (see InternalDelivery). */
  delivery: InternalDelivery;
  /** Removes uploads staged more than a day ago that no document references: a file dropped and never registered. */
  sweepStaged(): Promise<void>;
}

/** An upload left this long without a registration is abandoned; a form left open overnight keeps its files. */
const STAGED_LIFETIME_MS = 24 * 3600_000;

/** (issued year, number without leading zeros, folded notation, folded issuing body): what makes two documents "the same". */
export function duplicateKey(f: Pick<IncomingFields, 'issuedDate' | 'codeNumber' | 'codeNotation' | 'organName'>): string {
  const squash = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
  const number = /^\d+$/.test(f.codeNumber) ? String(Number(f.codeNumber)) : squash(f.codeNumber);
  return [yearOf(f.issuedDate), number, squash(f.codeNotation).replace(/\s/g, ''), squash(f.organName)].join('|');
}

export function createIncomingService(deps: IncomingServiceDeps): IncomingService {
  const { repo, org, content, events } = deps;
  const now = deps.now ?? (() => new Date());

  async function readFile(hash: string) {
    const cached = await repo.cachedText(hash);
    if (cached) return cached;
    const size = await content.size(hash);
    const result = await deps.analyzeFile(content.pathOf(hash), size);
    const info = { pageCount: result.pageCount, problem: result.problem, text: result.text, ...(result.unreadPages ? { unreadPages: result.unreadPages } : {}) };
    await repo.cacheText(hash, info);
    return { ...info, result };
  }

  /** Readings that can be cancelled, by the job id their caller chose. */
  const running = new Map<string, AbortController>();

  async function analyze({ jobId, ...ref }: ParsedInput<'incoming.analyze'>): Promise<AnalyzeOutput> {
    await requireContent(ref.hash);
    const size = await content.size(ref.hash);
    const job: OcrJob = {};
    if (jobId) {
      const controller = new AbortController();
      running.set(jobId, controller);
      job.signal = controller.signal;
      job.onProgress = (done, total) => events.emit('incoming.analyzeProgress', { jobId, done, total });
    }
    let result: Awaited<ReturnType<AnalyzeFile>>;
    try {
      result = await deps.analyzeFile(content.pathOf(ref.hash), size, job);
    } finally {
      if (jobId) running.delete(jobId);
    }
    // What was read, even of a cancelled scan, is what registering indexes: the scan is not read again then.
    await repo.cacheText(ref.hash, { pageCount: result.pageCount, problem: result.problem, text: result.text, ...(result.unreadPages ? { unreadPages: result.unreadPages } : {}) });
    const signatures = await deps.checkSignatures?.(content.pathOf(ref.hash));
    const { pageCount, problem, message, proposal, scanned } = result;
    return { pageCount, problem, message, proposal, ...(scanned ? { scanned } : {}), ...(signatures ? { signatures } : {}) };
  }

  async function requireContent(hash: string) {
    if (!(await content.has(hash))) throw new AppError('BAD_INPUT', msg('error.attachmentMissing'), { attachments: msg('error.attachmentMissing') });
  }

  /** Bytes and cached text of uploads no document references: what a refused secret document leaves must not stay. */
  function discardUnreferenced(hashes: string[]): Promise<string[]> {
    return repo.discardUnreferenced(hashes, (hash) => content.discard(hash));
  }

  async function checkRules(fields: IncomingFields, refs: AttachmentRef[]) {
    if (fields.secrecy !== 'none') {
      await discardUnreferenced(refs.map((r) => r.hash));
      throw new AppError('SECRET_REFUSED', msg('error.secretRefused', { level: fields.secrecy }));
    }
    if (fields.issuedDate > fields.arrivalDate) {
      throw new AppError('BAD_INPUT', msg('error.issuedAfterArrival'), { 'fields.issuedDate': msg('error.issuedAfterArrival') });
    }
    const today = todayInVietnam(now());
    if (fields.arrivalDate > today) {
      const message = msg('error.arrivalInFuture', { today });
      throw new AppError('BAD_INPUT', message, { 'fields.arrivalDate': message });
    }
  }

  /** Ngày chuyển lies between the arrival and today (Vietnam time): a document cannot leave before it came. */
  function checkHandOverDate(date: string, arrivalDate: string): string {
    const today = todayInVietnam(now());
    const problem =
      date < arrivalDate ? msg('error.handOverBeforeArrival', { arrival: shortVietnameseDate(arrivalDate) })
      : date > today ? msg('error.handOverInFuture', { today: shortVietnameseDate(today) })
      : null;
    if (problem) throw new AppError('BAD_INPUT', problem, { date: problem });
    return date;
  }

  async function prepare(fields: IncomingFields, refs: AttachmentRef[], reason: string | null, actor: Actor): Promise<NewIncoming> {
    await checkRules(fields, refs);
    const attachments: Attachment[] = [];
    const texts: string[] = [];
    for (const ref of refs) {
      await requireContent(ref.hash);
      const info = await readFile(ref.hash);
      attachments.push({ ...ref, size: await content.size(ref.hash), mime: await sniffMime(content.pathOf(ref.hash), ref.name), pageCount: info.pageCount });
      texts.push(info.text);
    }
    const pdfPages = attachments.map((a) => a.pageCount).filter((n): n is number => n !== null);
    const pageAmount = fields.pageAmount ?? (pdfPages.length ? pdfPages.reduce((a, b) => a + b, 0) : null);
    const searchText = incomingSearchText(fields, texts);
    return {
      fields: { ...fields, pageAmount },
      year: yearOf(fields.arrivalDate),
      duplicateKey: duplicateKey(fields),
      attachments,
      searchText,
      actor,
      at: now().toISOString(),
      duplicateReason: reason,
    };
  }

  async function unmark(attachments: Attachment[]) {
    for (const a of attachments) await content.unmarkStaged(a.hash);
  }

  async function get(id: string): Promise<IncomingDetail> {
    const detail = await repo.get(id);
    if (!detail) throw new AppError('NOT_FOUND', msg('error.notFound'));
    const profile = await org.get();
    const staff = profile?.staff.find((s) => s.id === profile.currentStaffId) ?? null;
    // A recalled copy is kept for the record only: nobody handles it any further.
    const handlingActions = detail.document.recalledAt ? [] : allowedHandlingActions(detail.handling, staff);
    return { ...detail, handlingActions };
  }

  return {
    analyze,
    cancelAnalysis(jobId) {
      const controller = running.get(jobId);
      controller?.abort();
      return controller !== undefined || (deps.laterPages?.cancel(jobId) ?? false);
    },
    async register(input) {
      if (input.force && !input.reason) {
        throw new AppError('DUPLICATE_REASON_REQUIRED', msg('error.duplicateReasonRequired'), { reason: msg('error.duplicateReasonRequired') });
      }
      const doc = await prepare(input.fields, input.attachments, input.force ? input.reason : null, await org.actor());
      const outcome = await repo.register(doc);
      if (outcome.kind === 'duplicate') return outcome;
      await unmark(doc.attachments);
      events.emit('incoming.changed', { id: outcome.id });
      deps.laterPages?.kick();
      return { kind: 'registered', document: (await get(outcome.id)).document };
    },
    async registerMany(items, reason) {
      const actor = await org.actor();
      const docs: NewIncoming[] = [];
      for (const item of items) docs.push(await prepare(IncomingFieldsSchema.parse(item.fields), item.attachments, reason, actor));
      const outcomes = await repo.registerMany(docs);
      await unmark(docs.filter((_, i) => outcomes[i]!.kind === 'registered').flatMap((d) => d.attachments));
      for (const o of outcomes) if (o.kind === 'registered') events.emit('incoming.changed', { id: o.id });
      deps.laterPages?.kick();
      return outcomes.map((o) => o.kind);
    },
    list: (input) => repo.list(input),
    get,
    async handOver(input) {
      const profile = await org.require();
      const recipient =
        input.recipient.kind === 'staff'
          ? profile.staff.find((s) => s.id === input.recipient.id)
          : profile.units.find((u) => u.id === input.recipient.id);
      if (!recipient) throw new AppError('BAD_INPUT', msg('error.staffUnknown'), { recipient: msg('error.staffUnknown') });
      if (input.action === 'present' && !('role' in recipient && recipient.role === 'lanh_dao')) {
        throw new AppError('BAD_INPUT', msg('error.presentToLeader'), { recipient: msg('error.presentToLeader') });
      }
      const date = checkHandOverDate(input.date ?? todayInVietnam(now()), (await get(input.id)).document.arrivalDate);
      const name = 'fullName' in recipient ? recipient.fullName : recipient.name;
      const ok = await repo.handOver({
        documentId: input.id,
        action: input.action,
        date,
        recipient: { ...input.recipient, name },
        note: input.note,
        actor: await org.actor(),
        at: now().toISOString(),
      });
      if (!ok) throw new AppError('NOT_FOUND', msg('error.notFound'));
      events.emit('incoming.changed', { id: input.id });
      return (await get(input.id)).document;
    },
    fileText: readFile,
    discardUploads: discardUnreferenced,
    delivery: {
      async deliver(row, recipients, files, date) {
        const profile = await org.require();
        const fields: IncomingFields = {
          arrivalDate: date,
          organName: profile.name,
          codeNumber: row.code_number,
          codeNotation: row.code_notation,
          issuedDate: row.issued_date!,
          typeName: row.type_name,
          subject: row.subject,
          signerName: row.signer_name,
          signerPosition: [row.signer_authority, row.signer_position].filter(Boolean).join(' '),
          place: '',
          priority: row.priority,
          secrecy: 'none',
          pageAmount: null,
          dueDate: row.due_date,
          toPlaces: '',
          note: '',
          documentId: row.document_id,
          channel: 'electronic',
          restricted: false,
        };
        // The copy is the organisation's own document: a match in the register is noted, never a reason to stop.
        const doc = await prepare(fields, files.map((f) => ({ hash: f.hash, name: f.name })), msg('outgoing.internalCopy'), await org.actor());
        const recipientsHanded = recipients.map((r) => ({ kind: r.kind as 'unit' | 'staff', id: r.id!, name: r.name }));
        const id = await repo.deliver(doc, row.id, recipientsHanded, date);
        events.emit('incoming.changed', { id });
        return id;
      },
      async recall(outgoingId, reason) {
        const id = await repo.recallByOutgoing(outgoingId, reason, await org.actor(), now().toISOString());
        if (id) events.emit('incoming.changed', { id });
      },
    },
    organNames: (prefix) => repo.organNames(prefix.normalize('NFC'), 10),
    async years() {
      // The year now is always offered: on 1 January its register is empty but it is the one the clerk works in.
      const current = yearOf(todayInVietnam(now()));
      return [...new Set([current, ...(await repo.years())])].sort((a, b) => b - a);
    },
    async sweepStaged() {
      // The file's own clock, not the injected one: an upload's age is a fact of the disk.
      const stale = await content.sweepBefore(Date.now() - STAGED_LIFETIME_MS);
      const discarded = new Set(await discardUnreferenced(stale));
      // Referenced ones were registered while their mark was left behind: only the mark goes.
      for (const hash of stale) if (!discarded.has(hash)) await content.unmarkStaged(hash);
    },
  };
}
