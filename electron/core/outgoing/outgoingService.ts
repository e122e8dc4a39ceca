/**
 * Outgoing documents (văn bản đi) under Decree 30 Art. 14–18: a draft with its versions and comments, review by the
 * unit head and the signing leader, the signer's approval signature, the clerk's issue (số đi, the date written in,
 * the organisation's seal over the approval, appendices sealed), dispatch to internal and external recipients, recall
 * and replacement. Who may take each step is decided here, from the acting staff member's role and part in the
 * document, never only by what the UI shows.
 */
import type { OrgSettingKey } from '../../../shared/contract/orgSettings';
import { randomUUID } from 'node:crypto';
import type {
  DocumentEvent,
  ExchangeStatusView,
  OrgProfile,
  OutgoingAction,
  OutgoingDocument,
  OutgoingFile,
  Output,
  ParsedInput,
  RecipientView,
  SignerSource,
  Staff,
  VerifyOutput,
} from '../../../shared/contract';
import { todayInVietnam, yearOf } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { IssuePlaces as IssuePlacesSchema } from '../../../shared/contract/issuePlaces';
import {
  COPY_HEADINGS,
  NUMBERING_MODES,
  outgoingCode,
  outgoingDocumentId,
  outgoingSequence,
  type NumberingMode,
  type OutgoingStatus,
} from '../../../shared/domain/outgoing';
import { isUnitHeadPosition } from '../../../shared/domain/unitHead';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import { sniffMime } from '../content/sniffMime';
import type { Actor } from '../db/eventLog';
import { toSummary, type NewFile, type OutgoingRepo, type OutgoingRow, type Transition } from '../db/outgoingRepo';
import { outgoingSearchText } from '../db/searchText';
import type { EventHub } from '../events';
import type { PendingWithdrawal } from '../exchange/exchangeService';
import type { OrgService } from '../org/orgService';
import { issueTexts } from '../signing/appearance/issuePlaces';
import type { AppearanceRequest, PageRect } from '../signing/appearance/signatureAppearance';
import type { DraftPlaces } from '../signing/appearance/signaturePlaces';
import type { ProgressReport, SigningService } from '../signing/signingService';

/** Another clerk may take the number a signed file carries; the issue is then signed again with the next one. */
const ISSUE_ATTEMPTS = 5;
const NUMBERING_KEY: OrgSettingKey = 'outgoing.numbering';

/** Internal recipients' copies of an issued document, in the organisation's own incoming list. */
export interface InternalDelivery {
  /** Registers the copy (or finds the one an interrupted dispatch registered) and hands it to the recipients. */
  deliver(row: OutgoingRow, recipients: RecipientView[], files: OutgoingFile[], date: string): Promise<string>;
  /** Marks the copy recalled, with the reason; nothing when there is none. */
  recall(outgoingId: string, reason: string): Promise<void>;
}

export interface OutgoingServiceDeps {
  repo: OutgoingRepo;
  org: OrgService;
  content: ContentStore;
  signing: SigningService;
  delivery: InternalDelivery;
  /** The incoming documents a reply answers: whether one exists, and closing its handling once the reply is issued. */
  replies: {
    exists(incomingId: string): Promise<boolean>;
    issued(incomingId: string, reply: { id: string; codeNumber: string; codeNotation: string }, actor: Actor): Promise<void>;
  };
  /**
   * Writes the edXML package of an issued document for its external recipients (staged in the content store); with
   * `pending`, as the recall or replacement about to be recorded leaves it.
   */
  exchangePackage(id: string, pending?: PendingWithdrawal): Promise<{ hash: string }>;
  events: EventHub;
  settings: { get(key: string): Promise<string | null>; set(key: string, value: string | null): Promise<void> };
  /** Text of a stored file for the search index ('' when it has none). */
  readText(hash: string): Promise<string>;
  /**
   * Where the signer's approval goes when the caller gives no box (the signer's block of the last page), and where the
   * number and date are written on page 1 at issue (the template's blanks or under the header).
   */
  draftPlaces(file: string, signerName: string): Promise<DraftPlaces>;
  now?: () => Date;
}

export type OutgoingService = ReturnType<typeof createOutgoingService>;


const EXCHANGE_STATUS_EVENT = 'outgoing.exchangeStatus';
/** The columns outgoing.correct changes, by the field names the recipient's update speaks of. */
const CORRECTED_FIELDS = { subject: 'subject', priority: 'priority', due_date: 'dueDate' } as const;

/** Each external recipient's latest status message, from the document's history (where every one is kept). */
function latestExchangeStatuses(events: readonly DocumentEvent[]): ExchangeStatusView[] {
  const latest = new Map<string, ExchangeStatusView>();
  for (const e of events) {
    if (e.kind !== EXCHANGE_STATUS_EVENT) continue;
    const d = e.data as Record<keyof ExchangeStatusView, string>;
    latest.delete(d.organId);
    latest.set(d.organId, { organId: d.organId, organName: d.organName, code: d.code, description: d.description, timestamp: d.timestamp, staff: d.staff });
  }
  return [...latest.values()];
}

function newestFiles(versions: readonly OutgoingFile[]): OutgoingFile[] {
  const newest = new Map<string, OutgoingFile>();
  for (const v of versions) newest.set(`${v.role}|${v.position}`, v);
  return [...newest.values()];
}

/** What `staff` may do with the document now; every step checks the same rules. */
export function allowedActions(row: Pick<OutgoingRow, 'status' | 'drafter_id' | 'reviewer_id' | 'signer_id'>, staff: Staff | null): OutgoingAction[] {
  if (!staff) return [];
  const me = staff.id;
  const actions: OutgoingAction[] = [];
  const drafting = row.status === 'draft' || row.status === 'returned';
  if (drafting && row.drafter_id === me) actions.push('edit', 'submit');
  if (row.status === 'reviewing' && row.reviewer_id === me) {
    actions.push('return');
    if (row.signer_id !== me) actions.push('approve');
  }
  if (row.signer_id === me && ((row.status === 'reviewing' && row.reviewer_id === me) || (drafting && row.drafter_id === me))) actions.push('sign');
  if (staff.role === 'van_thu' && row.status === 'approved') actions.push('issue');
  if (staff.role === 'van_thu' && row.status === 'issued') actions.push('dispatch');
  if ((staff.role === 'van_thu' || staff.role === 'lanh_dao') && (row.status === 'issued' || row.status === 'dispatched')) actions.push('recall', 'replace');
  return actions;
}

/** The status each step starts from, to tell "not yours" from "not now" in a refusal. */
const STEP_STATUS: Record<OutgoingAction, OutgoingStatus> = {
  edit: 'draft',
  submit: 'draft',
  return: 'reviewing',
  approve: 'reviewing',
  sign: 'reviewing',
  issue: 'approved',
  dispatch: 'issued',
  recall: 'issued',
  replace: 'issued',
};

export function createOutgoingService(deps: OutgoingServiceDeps) {
  const { repo, org, content, events } = deps;
  const now = deps.now ?? (() => new Date());

  async function load(id: string) {
    const found = await repo.get(id);
    if (!found) throw new AppError('NOT_FOUND', msg('error.notFound'));
    return found;
  }

  async function view(id: string): Promise<OutgoingDocument> {
    const { row, recipients, versions, events } = await load(id);
    const profile = await org.require();
    const staff = profile.staff.find((s) => s.id === profile.currentStaffId) ?? null;
    return {
      ...toSummary(row),
      legalNormative: row.legal_normative === 1,
      draftingUnitId: row.drafting_unit_id,
      drafterId: row.drafter_id,
      signerId: row.signer_id,
      note: row.note,
      documentId: row.document_id,
      replacedBy: row.replaced_by,
      replyTo: row.reply_to,
      recipients,
      exchangeStatuses: latestExchangeStatuses(events),
      exchangePackage: row.exchange_package ? ((await repo.packageWaiting(id)) ? 'waiting' : 'sent') : null,
      files: newestFiles(versions),
      versions,
      actions: allowedActions(row, staff),
    };
  }

  /** The acting staff member and the document, or a refusal unless they may take `action` now. */
  async function authorise(id: string, action: OutgoingAction) {
    const staff = await org.currentStaff();
    const found = await load(id);
    if (!allowedActions(found.row, staff).includes(action)) {
      // Would they be allowed in the step's own state? Then it is the wrong moment, else it is not theirs to do.
      const theirs = allowedActions({ ...found.row, status: STEP_STATUS[action], reviewer_id: found.row.reviewer_id ?? staff.id }, staff).includes(action);
      if (theirs) throw new AppError('WRONG_STATE', msg('outgoing.wrongState', { status: msg(`outgoing.status.${found.row.status}`) }));
      throw new AppError('FORBIDDEN', msg(`outgoing.forbidden.${action}`));
    }
    return { staff, actor: { id: staff.id, name: staff.fullName } satisfies Actor, ...found };
  }

  async function stored(ref: { hash: string; name: string }, role: NewFile['role'], position: number): Promise<NewFile> {
    if (!(await content.has(ref.hash))) throw new AppError('BAD_INPUT', msg('error.attachmentMissing'), { [role]: msg('error.attachmentMissing') });
    const mime = await sniffMime(content.pathOf(ref.hash), ref.name);
    if (role !== 'work' && mime !== 'application/pdf') {
      const problem = msg('outgoing.pdfRequired', { name: ref.name });
      throw new AppError('BAD_INPUT', problem, { [role]: problem });
    }
    return { role, position, hash: ref.hash, name: ref.name, size: await content.size(ref.hash), mime, origin: 'uploaded' };
  }

  async function searchText(row: Pick<OutgoingRow, 'subject' | 'type_name' | 'signer_name' | 'signer_position' | 'note' | 'to_places'>, code: string, mainHash: string) {
    const f = { subject: row.subject, typeName: row.type_name, signerName: row.signer_name, signerPosition: row.signer_position, toPlaces: row.to_places, note: row.note };
    return outgoingSearchText(f, code, await deps.readText(mainHash));
  }

  async function numberingMode(): Promise<NumberingMode> {
    const saved = await deps.settings.get(NUMBERING_KEY);
    return NUMBERING_MODES.find((m) => m === saved) ?? 'shared';
  }

  /**
   * Records a step taken from one of `from`; a document that moved on meanwhile is refused, nothing written. The files
   * it records are no longer staged: they are the document's now.
   */
  async function record(t: Omit<Transition, 'at'>): Promise<OutgoingDocument> {
    if (!(await repo.transition({ ...t, at: now().toISOString() }))) throw new AppError('WRONG_STATE', msg('outgoing.changedMeanwhile'));
    for (const file of t.files ?? []) await content.unmarkStaged(file.hash);
    events.emit('outgoing.changed', { id: t.id });
    return view(t.id);
  }

  /** Records a change that sends the staged package `hash` (if any); the package then belongs to the change. */
  async function withPackage(hash: string | null, change: () => Promise<OutgoingDocument>): Promise<OutgoingDocument> {
    const done = await change();
    if (hash) await content.unmarkStaged(hash);
    return done;
  }

  /** Runs signing work with the job's progress; a .p12 chosen for one approval or one issue leaves memory after it. */
  /** The register an issue on `date` numbers in, and the number and notation it would take there now. */
  async function issueSequence(row: OutgoingRow, profile: OrgProfile, date: string) {
    const year = yearOf(date);
    const registerId = outgoingSequence({ typeName: row.type_name, copyKind: row.copy_kind, legalNormative: row.legal_normative === 1 }, await numberingMode());
    const unitAbbrev = profile.units.find((u) => u.id === row.drafting_unit_id)?.abbrev ?? null;
    const next = async () => {
      const number = (await repo.lastNumber(registerId, year)) + 1;
      const code = outgoingCode(number, { typeName: row.type_name, copyKind: row.copy_kind, organAbbrev: profile.abbrev, unitAbbrev });
      return { number, code, numberNotation: joinCode(code.codeNumber, code.codeNotation) };
    };
    return { registerId, year, next };
  }

  async function signingJob<T>(jobId: string, source: SignerSource, work: (report: ProgressReport) => Promise<T>): Promise<T> {
    const report = deps.signing.progress(jobId);
    report('preparing');
    try {
      const result = await work(report);
      report('done');
      return result;
    } catch (error) {
      report('failed');
      throw error;
    } finally {
      if (source.kind === 'p12') deps.signing.releaseKeyFile(source.handle);
    }
  }

  function newestSignaturePlace(verification: VerifyOutput): PageRect | null {
    return [...verification.signatures].reverse().find((s) => s.placement !== null && s.intact)?.placement ?? null;
  }

  return {
    async get(id: string): Promise<Output<'outgoing.get'>> {
      return { document: await view(id), events: (await load(id)).events };
    },

    /**
     * Records a recipient's status message on the issued document it names. The same message received twice is kept
     * once; a sender the document was not addressed to is refused.
     */
    async recordExchangeStatus(documentId: string, status: ExchangeStatusView): Promise<string> {
      const id = await repo.idByDocumentId(documentId);
      if (!id) throw new AppError('NOT_FOUND', msg('exchange.statusUnknownDocument', { documentId }));
      const { row, recipients, events } = await load(id);
      if (!recipients.some((r) => r.kind === 'external' && r.organId === status.organId)) {
        throw new AppError('BAD_INPUT', msg('exchange.statusNotRecipient', { organId: status.organId, documentId }));
      }
      const same = (e: DocumentEvent) =>
        e.kind === EXCHANGE_STATUS_EVENT && e.data.organId === status.organId && e.data.code === status.code && e.data.timestamp === status.timestamp;
      if (events.some(same)) return id;
      await record({ id, from: [row.status], set: {}, event: { kind: EXCHANGE_STATUS_EVENT, data: { ...status } }, actor: await org.actor() });
      return id;
    },

    async list(input: ParsedInput<'outgoing.list'>): Promise<Output<'outgoing.list'>> {
      const profile = await org.require();
      return repo.list(input, profile.currentStaffId);
    },

    async create(input: ParsedInput<'outgoing.create'>): Promise<OutgoingDocument> {
      const drafter = await org.currentStaff();
      const profile = await org.require();
      const f = input.fields;
      const signer = profile.staff.find((s) => s.id === f.signerId);
      if (!signer) throw new AppError('BAD_INPUT', msg('outgoing.signerUnknown'), { 'fields.signerId': msg('outgoing.signerUnknown') });
      if (f.replyTo && !(await deps.replies.exists(f.replyTo))) throw new AppError('BAD_INPUT', msg('error.notFound'), { 'fields.replyTo': msg('error.notFound') });
      if (f.draftingUnitId && !profile.units.some((u) => u.id === f.draftingUnitId)) {
        throw new AppError('BAD_INPUT', msg('error.staffUnknown'), { 'fields.draftingUnitId': msg('error.staffUnknown') });
      }
      const recipients: RecipientView[] = f.recipients.map((r) => {
        if (r.kind === 'external') return { kind: 'external', id: null, organId: r.organId, name: r.name };
        const name = r.kind === 'unit' ? profile.units.find((u) => u.id === r.id)?.name : profile.staff.find((s) => s.id === r.id)?.fullName;
        if (!name) throw new AppError('BAD_INPUT', msg('error.staffUnknown'), { 'fields.recipients': msg('error.staffUnknown') });
        return { kind: r.kind, id: r.id, organId: null, name };
      });
      const files = [
        await stored(input.main, 'main', 0),
        ...(input.work ? [await stored(input.work, 'work', 0)] : []),
        ...(await Promise.all(input.attachments.map((a, i) => stored(a, 'attachment', i)))),
      ];
      const fields = {
        ...f,
        // The drafter's unit unless another is named: a công văn's notation ends with it.
        draftingUnitId: f.draftingUnitId ?? drafter.unitId,
        signerName: signer.fullName,
        signerPosition: f.signerPosition || signer.position,
      };
      const id = randomUUID();
      const toPlaces = recipients.map((r) => r.name).join('; ');
      await repo.create({
        id,
        fields,
        recipients,
        files,
        searchText: await searchText(
          { subject: fields.subject, type_name: fields.typeName, signer_name: fields.signerName, signer_position: fields.signerPosition, note: fields.note, to_places: toPlaces },
          '',
          input.main.hash,
        ),
        actor: { id: drafter.id, name: drafter.fullName },
        at: now().toISOString(),
      });
      for (const file of files) await content.unmarkStaged(file.hash);
      events.emit('outgoing.changed', { id });
      return view(id);
    },

    async addVersion(input: ParsedInput<'outgoing.addVersion'>): Promise<OutgoingDocument> {
      const { actor } = await authorise(input.id, 'edit');
      const file = await stored(input.file, input.role, input.position);
      return record({ id: input.id, from: ['draft', 'returned'], set: {}, files: [file], event: { kind: 'outgoing.versionAdded', data: { file } }, actor });
    },

    /** Comments (ý kiến) from anyone, at any step: the history keeps them. */
    async comment(input: ParsedInput<'outgoing.comment'>): Promise<OutgoingDocument> {
      const staff = await org.currentStaff();
      const { row } = await load(input.id);
      return record({ id: input.id, from: [row.status], set: {}, event: { kind: 'outgoing.commented', data: { comment: input.comment } }, actor: { id: staff.id, name: staff.fullName } });
    },

    /** To the signer, a leader, or the head of the drafting unit. */
    async submit(input: ParsedInput<'outgoing.submit'>): Promise<OutgoingDocument> {
      const { staff, actor, row } = await authorise(input.id, 'submit');
      const profile = await org.require();
      const to = profile.staff.find((s) => s.id === input.to);
      const unitHead = to !== undefined && to.unitId !== null && to.unitId === row.drafting_unit_id && isUnitHeadPosition(to.position);
      if (!to || to.id === staff.id || !(to.id === row.signer_id || to.role === 'lanh_dao' || unitHead)) {
        throw new AppError('BAD_INPUT', msg('outgoing.reviewerInvalid'), { to: msg('outgoing.reviewerInvalid') });
      }
      return record({
        id: input.id,
        from: ['draft', 'returned'],
        set: { status: 'reviewing', reviewer_id: to.id },
        event: { kind: 'outgoing.submitted', data: { to: { id: to.id, name: to.fullName }, comment: input.comment } },
        actor,
      });
    },

    async return(input: ParsedInput<'outgoing.return'>): Promise<OutgoingDocument> {
      const { actor } = await authorise(input.id, 'return');
      return record({ id: input.id, from: ['reviewing'], set: { status: 'returned', reviewer_id: null }, event: { kind: 'outgoing.returned', data: { comment: input.comment } }, actor });
    },

    /** A reviewer's approval sends the draft on to the signer, who approves by signing. */
    async approve(input: ParsedInput<'outgoing.approve'>): Promise<OutgoingDocument> {
      const { actor, row } = await authorise(input.id, 'approve');
      return record({
        id: input.id,
        from: ['reviewing'],
        set: { reviewer_id: row.signer_id },
        event: { kind: 'outgoing.approved', data: { comment: input.comment, to: { id: row.signer_id, name: row.signer_name } } },
        actor,
      });
    },

    async sign(input: ParsedInput<'outgoing.sign'>): Promise<Output<'outgoing.sign'>> {
      const { actor, versions } = await authorise(input.id, 'sign');
      const main = newestFiles(versions).find((v) => v.role === 'main')!;
      const { signed, places } = await signingJob(input.jobId, input.source, async (report) => {
        // The draft's pages are read once, here: the issue writes the number and date where this reading found them.
        const places = await deps.draftPlaces(content.pathOf(main.hash), actor.name);
        const image = input.image ? await content.read(input.image) : undefined;
        const appearance: AppearanceRequest = { kind: 'approval', rect: input.placement ?? places.approval, ...(image ? { image } : {}) };
        return { signed: await deps.signing.signStored({ hash: main.hash, source: input.source, secret: input.secret, appearance, jobId: input.jobId }, report), places };
      });
      const document = await record({
        id: input.id,
        from: ['reviewing', 'draft', 'returned'],
        set: { status: 'approved', reviewer_id: null },
        files: [{ ...main, hash: signed.hash, size: signed.size, origin: 'approval' }],
        // Where the approval is drawn and where the number and date go: the issue neither verifies nor reads the file
        // again to find them.
        event: {
          kind: 'outgoing.signed',
          data: { comment: input.comment, signedHash: main.hash, hash: signed.hash, certificate: signed.certificate, placement: newestSignaturePlace(signed.verification), issuePlaces: places.issue },
        },
        actor,
      });
      return { document, verification: signed.verification };
    },

    /**
     * The number is taken in the transaction that records the issue, and only while it is still the sequence's next
     * one: the file is signed first with that number written in, so a failure to seal (a wrong PIN, a pulled token, a
     * killed process) leaves no gap, and a number another clerk took meanwhile makes this one sign again.
     */
    async issue(input: ParsedInput<'outgoing.issue'>): Promise<Output<'outgoing.issue'>> {
      const { actor, row, versions, events: history } = await authorise(input.id, 'issue');
      const profile = await org.require();
      const today = todayInVietnam(now());
      const date = input.date ?? today;
      if (date > today) throw new AppError('BAD_INPUT', msg('outgoing.dateInFuture'), { date: msg('outgoing.dateInFuture') });
      const { registerId, year, next } = await issueSequence(row, profile, date);
      const files = newestFiles(versions);
      const main = files.find((v) => v.role === 'main')!;
      const appendices = files.filter((v) => v.role === 'attachment');
      const seal = await content.read(input.seal);
      const copy = row.copy_kind === 'none' ? undefined : { heading: COPY_HEADINGS[row.copy_kind], organisation: profile.name.toUpperCase() };

      const approved = [...history].reverse().find((e) => e.kind === 'outgoing.signed' && e.data.hash === main.hash);
      // The approval's revision adds a signature field and its appearance, never page content, so the text to index is
      // the draft's, cached when the draft was saved: the signed file is not parsed again.
      const textHash = (approved?.data.signedHash as string | undefined) ?? main.hash;

      // Recorded by the approval; a document approved before they were (or a malformed record) has its file read.
      const recorded = IssuePlacesSchema.safeParse(approved?.data.issuePlaces);

      const verification = await signingJob(input.jobId, input.source, async (report) => {
        let read: DraftPlaces | undefined;
        const inFile = async () => (read ??= await deps.draftPlaces(content.pathOf(main.hash), row.signer_name));
        const given = input.numberAt && input.dateAt ? { numberAt: input.numberAt, dateAt: input.dateAt } : null;
        const places = given ?? (recorded.success ? recorded.data : (await inFile()).issue);
        const approval = approved?.data.placement as PageRect | null | undefined;
        const rect = input.placement ?? approval ?? newestSignaturePlace(await deps.signing.verify(main.hash)) ?? (await inFile()).approval;
        // A signed file that ends up recorded nowhere (its number taken meanwhile) is not removed here: two clerks
        // sealing the same document with the same number in the same second make byte-identical files, so removing one
        // clerk's could remove the file the other is verifying or has just recorded. It stays staged, and the sweep of
        // staged bytes removes it a day later if no document records it by then.
        const seal1 = (hash: string, appearance: AppearanceRequest) =>
          deps.signing.signStored({ hash, source: input.source, secret: input.secret, appearance, jobId: input.jobId }, report);
        for (let attempt = 0; attempt < ISSUE_ATTEMPTS; attempt++) {
          const { number, code, numberNotation } = await next();
          const signedMain = copy
            ? await seal1(main.hash, { kind: 'attachment', numberNotation, copy })
            : await seal1(main.hash, { kind: 'issue', rect, image: seal, texts: await issueTexts(places, { numberNotation, date }) });
          const sealed: NewFile[] = [{ ...main, hash: signedMain.hash, size: signedMain.size, origin: 'issue' }];
          for (const a of appendices) {
            const s = await seal1(a.hash, { kind: 'attachment', numberNotation });
            sealed.push({ ...a, hash: s.hash, size: s.size, origin: 'attachment' });
          }
          const documentId = outgoingDocumentId(profile.organId, date, code.codeNumber, code.codeNotation);
          const outcome = await repo.issue({
            id: input.id,
            registerId,
            registerName: msg('outgoing.registerName'),
            year,
            number,
            ...code,
            issuedDate: date,
            documentId,
            files: sealed,
            searchText: await searchText(row, numberNotation, textHash),
            event: { number, ...code, issuedDate: date, registerId, documentId, certificate: signedMain.certificate },
            actor,
            at: now().toISOString(),
          });
          if (outcome === 'issued') {
            for (const file of sealed) await content.unmarkStaged(file.hash);
            if (given && input.template) await deps.signing.rememberIssuePlaces(input.template, given);
            if (row.reply_to) await deps.replies.issued(row.reply_to, { id: input.id, ...code }, actor);
            return signedMain.verification;
          }
          if (outcome === 'wrongState') throw new AppError('WRONG_STATE', msg('outgoing.changedMeanwhile'));
        }
        throw new AppError('WRONG_STATE', msg('outgoing.numberBusy'));
      });
      events.emit('outgoing.changed', { id: input.id });
      return { document: await view(input.id), verification };
    },

    async issuePreview(input: ParsedInput<'outgoing.issuePreview'>): Promise<Output<'outgoing.issuePreview'>> {
      const { row } = await authorise(input.id, 'issue');
      const { next } = await issueSequence(row, await org.require(), input.date ?? todayInVietnam(now()));
      return { numberNotation: (await next()).numberNotation };
    },

    async dispatch(input: ParsedInput<'outgoing.dispatch'>): Promise<OutgoingDocument> {
      const { actor, row, recipients, versions } = await authorise(input.id, 'dispatch');
      const date = input.date ?? todayInVietnam(now());
      if (date < row.issued_date! || date > todayInVietnam(now())) throw new AppError('BAD_INPUT', msg('outgoing.dispatchDate'), { date: msg('outgoing.dispatchDate') });
      const internal = recipients.filter((r) => r.kind !== 'external');
      const files = newestFiles(versions).filter((v) => v.role !== 'work');
      const incomingId = internal.length ? await deps.delivery.deliver(row, internal, files, date) : null;
      const external = recipients.filter((r) => r.kind === 'external').map((r) => ({ organId: r.organId, name: r.name }));
      // Recipients with an OrganId get the edXML package: written now and set by the dispatch itself, so the change
      // that the outbox sends (now, or after days offline) carries it, and the server routes it when it arrives.
      const exchangePackage = external.some((r) => r.organId) ? (await deps.exchangePackage(input.id)).hash : null;
      return withPackage(exchangePackage, () =>
        record({
          id: input.id,
          from: ['issued'],
          set: { status: 'dispatched', dispatched_at: date, exchange_package: exchangePackage },
          event: { kind: 'outgoing.dispatched', data: { date, incomingId, internal: internal.map((r) => r.name), external } },
          actor,
        }),
      );
    },

    async recall(input: ParsedInput<'outgoing.recall'>): Promise<OutgoingDocument> {
      const { actor, row } = await authorise(input.id, 'recall');
      // The receivers' copy first: a recall stopped half-way is repeated, and marking a copy twice changes nothing.
      await deps.delivery.recall(input.id, input.reason);
      // Sent through the server: the revocation (QCVN 102 type 1) goes the same way, carried by the recall's change.
      const exchangePackage = row.status === 'dispatched' && row.exchange_package ? (await deps.exchangePackage(input.id, { kind: 'recall', reason: input.reason })).hash : null;
      return withPackage(exchangePackage, () =>
        record({
          id: input.id,
          from: ['issued', 'dispatched'],
          set: { status: 'recalled', closed_reason: input.reason, ...(exchangePackage ? { exchange_package: exchangePackage } : {}) },
          event: { kind: 'outgoing.recalled', data: { reason: input.reason } },
          actor,
        }),
      );
    },

    async replace(input: ParsedInput<'outgoing.replace'>): Promise<OutgoingDocument> {
      const { actor, row } = await authorise(input.id, 'replace');
      const replacement = (await load(input.by)).row;
      if (input.by === input.id || !(replacement.status === 'issued' || replacement.status === 'dispatched')) {
        throw new AppError('BAD_INPUT', msg('outgoing.replacementInvalid'), { by: msg('outgoing.replacementInvalid') });
      }
      const by = joinCode(replacement.code_number, replacement.code_notation);
      await deps.delivery.recall(input.id, msg('outgoing.replacedReason', { by, reason: input.reason }));
      // Both sent through the server: the replacement's package (type 3) names this one and goes with this change. A
      // replacement not dispatched yet names it in the package its own dispatch sends.
      const throughServer = row.status === 'dispatched' && row.exchange_package && replacement.status === 'dispatched' && replacement.exchange_package;
      const exchangePackage = throughServer ? (await deps.exchangePackage(input.by, { kind: 'replace', replaced: input.id, reason: input.reason })).hash : null;
      return withPackage(exchangePackage, () =>
        record({
          id: input.id,
          from: ['issued', 'dispatched'],
          set: { status: 'replaced', closed_reason: input.reason, replaced_by: input.by, ...(exchangePackage ? { exchange_package: exchangePackage } : {}) },
          event: { kind: 'outgoing.replaced', data: { reason: input.reason, by: { id: input.by, code: by } } },
          actor,
        }),
      );
    },

    async correct(input: ParsedInput<'outgoing.correct'>): Promise<OutgoingDocument> {
      const staff = await org.currentStaff();
      const { row, versions } = await load(input.id);
      // Decree 30 Art. 18: an issued document's errors are the clerk's or a leader's to amend, as a recall is.
      if (staff.role !== 'van_thu' && staff.role !== 'lanh_dao') throw new AppError('FORBIDDEN', msg('outgoing.forbidden.correct'));
      if (!(row.status === 'issued' || row.status === 'dispatched')) throw new AppError('WRONG_STATE', msg('outgoing.wrongState', { status: msg(`outgoing.status.${row.status}`) }));
      const wanted = { subject: input.fields.subject ?? row.subject, priority: input.fields.priority ?? row.priority, due_date: input.fields.dueDate === undefined ? row.due_date : input.fields.dueDate };
      const set = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => row[k as keyof typeof wanted] !== v)) as Partial<typeof wanted>;
      if (Object.keys(set).length === 0) return view(input.id);
      const changes = Object.entries(set).map(([column, to]) => ({ field: CORRECTED_FIELDS[column as keyof typeof wanted], from: row[column as keyof typeof wanted], to }));
      // Sent through the server: the recipients get the correction as an update (QCVN 102 type 2) with this change.
      const corrected = { subject: wanted.subject, priority: wanted.priority, dueDate: wanted.due_date };
      const exchangePackage = row.status === 'dispatched' && row.exchange_package ? (await deps.exchangePackage(input.id, { kind: 'update', reason: input.reason, fields: corrected })).hash : null;
      const main = newestFiles(versions).find((v) => v.role === 'main')!;
      const done = await repo.correct({
        id: input.id,
        set: { ...set, ...(exchangePackage ? { exchange_package: exchangePackage } : {}) },
        searchText: await searchText({ ...row, subject: wanted.subject }, joinCode(row.code_number, row.code_notation), main.hash),
        event: { kind: 'outgoing.corrected', data: { reason: input.reason, changes } },
        actor: { id: staff.id, name: staff.fullName },
        at: now().toISOString(),
      });
      if (!done) throw new AppError('WRONG_STATE', msg('outgoing.changedMeanwhile'));
      if (exchangePackage) await content.unmarkStaged(exchangePackage);
      events.emit('outgoing.changed', { id: input.id });
      return view(input.id);
    },

    async settings(): Promise<Output<'outgoing.settings'>> {
      return { numbering: await numberingMode() };
    },
    async saveSettings(input: ParsedInput<'outgoing.saveSettings'>): Promise<Output<'outgoing.saveSettings'>> {
      const staff = await org.currentStaff();
      if (staff.role !== 'van_thu' && staff.role !== 'lanh_dao') throw new AppError('FORBIDDEN', msg('outgoing.forbidden.settings'));
      await deps.settings.set(NUMBERING_KEY, input.numbering);
      return { numbering: await numberingMode() };
    },
  };
}
