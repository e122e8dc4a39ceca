/**
 * Inter-agency exchange under QCVN 102: an issued outgoing document leaves as an edXML package, and a package from
 * another agency enters the incoming register, but only once it has passed the schema, is addressed to this
 * organisation, names its sender consistently, and carries a main PDF whose signatures hold. A refused package leaves
 * nothing behind.
 */
import { Readable } from 'node:stream';
import type { ExchangeStatusView, IncomingDetail, IncomingFields, IncomingSummary, OutgoingDocument, Output, ParsedInput, SignatureSummary } from '../../../shared/contract';
import { IncomingFields as IncomingFieldsSchema } from '../../../shared/contract/schemas';
import { todayInVietnam, vietnamLocalTime } from '../../../shared/domain/dates';
import { findDocumentType } from '../../../shared/domain/documentTypes';
import { joinCode } from '../../../shared/domain/documentCode';
import { BUSINESS_TYPES, documentKind, parseDocumentId, statusLabel, toEdxmlDate, type StatusCode } from '../../../shared/domain/edxml';
import { INTERCHANGE_NAMES } from '../../../shared/domain/interchange';
import { AppError } from '../../../shared/errors';
import { msg, type MessageKey } from '../../../shared/messages';
import type { ContentStore, StoredContent } from '../content/contentStore';
import { safeFileName } from '../content/fileName';
import { sniffMime } from '../content/sniffMime';
import type { ExchangeRepo } from '../db/exchangeRepo';
import type { IncomingService } from '../incoming/incomingService';
import type { OrgService } from '../org/orgService';
import { messageHeaderOf, packageFilesOf, statusOf, type PackageFile } from './edxmlHeader';
import type { EdxmlHeader, EdxmlStatus } from './edxmlMessage';
import { EdxmlSyntaxError, readEdxml } from './edxmlReader';
import { edxmlSchemaProblems } from './edxmlSchema';
import { edxmlDocument, edxmlStatus } from './edxmlWriter';

export interface ExchangeServiceDeps {
  org: OrgService;
  content: ContentStore;
  incoming: Pick<IncomingService, 'register' | 'discardUploads' | 'fileText'>;
  outgoing(id: string): Promise<OutgoingDocument>;
  /** The outgoing documents `id` replaced: a package of it tells their recipients. */
  replacedBy(id: string): Promise<OutgoingDocument[]>;
  /** The incoming entries of an edXML DocumentId. */
  incomingByDocumentId(documentId: string): Promise<IncomingSummary[]>;
  /** Withdraws an entry its sender recalled or replaced; false when it was withdrawn already. */
  withdrawIncoming(id: string, w: { reason: string; replacedBy: string | null; documentId: string }): Promise<boolean>;
  /** Takes the sender's correction of an entry's fields (business type 2) as one change; the fields that differed. */
  updateIncoming(id: string, fields: IncomingFields, u: { reason: string; documentId: string }): Promise<{ field: string; from: string | number | null; to: string | number | null }[]>;
  /** Puts an entry back into handling after the organisation refused its withdrawal; `sent`: the 16 to queue with it. */
  restoreIncoming(id: string, reason: string, sent?: { code: StatusCode; hash: string }): Promise<boolean>;
  /** What the round keeps of the statuses sent back through the server (exchangeRepo). */
  statuses: Pick<ExchangeRepo, 'sentStatus' | 'recordStatus'>;
  /** Records a recipient's status on the outgoing document a DocumentId names; its id. */
  outgoingStatus(documentId: string, status: ExchangeStatusView): Promise<string>;
  incomingDetail(id: string): Promise<IncomingDetail>;
  signatures(file: string): Promise<SignatureSummary | undefined>;
  now?: () => Date;
}

export type ExchangeService = ReturnType<typeof createExchangeService>;

/** A recall of the document, or its replacing `replaced`, that the change about to be recorded makes. */
export type PendingWithdrawal =
  | { kind: 'recall'; reason: string }
  | { kind: 'replace'; replaced: string; reason: string }
  | { kind: 'update'; reason: string; fields: Pick<OutgoingDocument, 'subject' | 'priority' | 'dueDate'> };

const EDXML_MIME = 'application/xml';
/** How many of the schema's complaints a refusal quotes: the first ones explain the rest. */
const SCHEMA_PROBLEMS_SHOWN = 3;

/** "2026/01/05 10:20:30" in Vietnam time, as TraceHeader and status timestamps are written. */
function edxmlTimestamp(instant: Date): string {
  const local = vietnamLocalTime(instant);
  return `${toEdxmlDate(local.slice(0, 10))} ${local.slice(11)}`;
}

const refuse = (key: MessageKey, params: Record<string, string | number> = {}) => new AppError('BAD_INPUT', msg(key, params));

/** Decree 30: withdrawing a document sent, and answering a withdrawal, are for the clerk (văn thư) or a leader. */
function requireClerkOrLeader(staff: { role: string }) {
  if (staff.role !== 'van_thu' && staff.role !== 'lanh_dao') throw new AppError('FORBIDDEN', msg('exchange.forbidden.withdrawal'));
}

/** Events that withdrew an incoming entry on its sender's word, and the word (thu hồi, thay thế) for each. */
const WITHDRAWAL_EVENTS: Record<string, MessageKey> = { 'incoming.recalled': 'exchange.business.1', 'incoming.replaced': 'exchange.business.3' };

const externalOf = (doc: OutgoingDocument) => doc.recipients.filter((r) => r.kind === 'external' && r.organId).map((r) => ({ organId: r.organId!, name: r.name }));

export function createExchangeService(deps: ExchangeServiceDeps) {
  const { org, content, incoming } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * The package of an issued document as it stands, or as the recall or replacement `pending` is about to leave it: that
   * change carries the package, so it is written before the change is recorded.
   */
  async function exportOutgoing(input: ParsedInput<'exchange.export'>, pending?: PendingWithdrawal): Promise<Output<'exchange.export'>> {
    const sent = await deps.outgoing(input.id);
    const updating = pending?.kind === 'update' ? pending : null;
    const doc = updating ? { ...sent, ...updating.fields } : sent;
    if (doc.status === 'replaced') throw new AppError('WRONG_STATE', msg('exchange.replacedSendNew'));
    if (doc.number === null || !doc.issuedDate) throw new AppError('WRONG_STATE', msg('exchange.notIssued'));
    // A recalled document leaves as a revocation (no files), one that replaced others as a replacement naming them.
    const recalled = doc.status === 'recalled' || pending?.kind === 'recall';
    const replacing = pending?.kind === 'replace' ? [{ ...(await deps.outgoing(pending.replaced)), closedReason: pending.reason }] : [];
    const replaced = recalled ? [] : [...(await deps.replacedBy(doc.id)), ...replacing];
    const me = await org.currentStaff();
    if (recalled || replaced.length) requireClerkOrLeader(me);
    const to = externalOf(doc);
    if (to.length === 0) throw refuse('exchange.noExternal');
    const main = doc.files.find((f) => f.role === 'main');
    if (!main) throw refuse('exchange.noMainFile');
    const appendices = doc.files.filter((f) => f.role === 'attachment').sort((a, b) => a.position - b.position);
    const profile = await org.require();
    // An update (QCVN 102 2.2.3) corrects the document's information only: its files stay as they were sent.
    const files = (recalled || updating ? [] : [main, ...appendices]).map((f, i) => ({
      contentId: `${i + 1}-${f.hash.slice(0, 16)}`,
      name: f.name,
      mime: f.mime,
      description: msg(i === 0 ? 'exchange.mainDescription' : 'exchange.appendixDescription'),
      path: content.pathOf(f.hash),
    }));
    const header: EdxmlHeader = {
      from: { organId: profile.organId, name: profile.name },
      to,
      codeNumber: doc.codeNumber,
      codeNotation: doc.codeNotation,
      place: '',
      promulgationDate: doc.issuedDate,
      type: documentKind(doc.legalNormative),
      typeName: doc.typeName,
      subject: doc.subject,
      signer: { competence: doc.signerAuthority, position: doc.signerPosition, fullName: doc.signerName },
      dueDate: doc.dueDate,
      toPlaces: doc.recipients.map((r) => r.name),
      priority: doc.priority,
      promulgationAmount: doc.issuedAmount,
      pageAmount: (await incoming.fileText(main.hash)).pageCount,
      appendixes: appendices.map((a) => a.name),
      documentId: doc.documentId,
      business: recalled ? BUSINESS_TYPES.revocation : updating ? BUSINESS_TYPES.update : replaced.length ? BUSINESS_TYPES.replacement : BUSINESS_TYPES.new,
      businessReason: updating ? updating.reason : recalled ? ((pending?.kind === 'recall' ? pending.reason : doc.closedReason) ?? '') : replaced.map((r) => r.closedReason ?? '').filter(Boolean).join('; '),
      businessDocumentId: recalled || updating ? doc.documentId : '',
      replacements: replaced.map((r) => ({ documentId: r.documentId, organIds: externalOf(r).map((t) => t.organId) })),
      staff: { department: profile.units.find((u) => u.id === me.unitId)?.name ?? '', name: me.fullName },
      trace: [{ organId: profile.organId, timestamp: edxmlTimestamp(now()) }],
    };
    const stored = await content.putStaged(Readable.from(edxmlDocument(header, files)));
    const name = safeFileName(`${recalled ? 'thu-hoi-' : ''}${doc.codeNumber}-${doc.codeNotation}.edxml`);
    return { hash: stored.hash, size: stored.size, name, mime: EDXML_MIME, to };
  }

  /** The package read, judged by the schema and taken apart; what it stored is listed in `stored` whatever happens. */
  async function readPackage(file: string, stored: string[]) {
    const put = async (source: Readable): Promise<StoredContent> => {
      const c = await content.putStaged(source);
      stored.push(c.hash);
      return c;
    };
    let read;
    try {
      read = await readEdxml(file, put);
    } catch (error) {
      if (!(error instanceof EdxmlSyntaxError)) throw error;
      throw refuse('exchange.malformed', { line: error.line, detail: `${msg(`exchange.malformed.${error.reason}`)} (${error.detail})` });
    }
    const problems = await edxmlSchemaProblems(read.skeleton);
    if (problems.length) throw refuse('exchange.schema', { problems: problems.slice(0, SCHEMA_PROBLEMS_SHOWN).join('; ') });
    return read.root;
  }

  function fieldsOf(header: EdxmlHeader): IncomingFields {
    const type = findDocumentType(header.typeName);
    if (!type) throw refuse('exchange.typeUnknown', { typeName: header.typeName });
    const parsed = IncomingFieldsSchema.safeParse({
      arrivalDate: todayInVietnam(now()),
      organName: header.from.name,
      codeNumber: header.codeNumber,
      codeNotation: header.codeNotation,
      issuedDate: header.promulgationDate,
      typeName: type.name,
      subject: header.subject,
      signerName: header.signer.fullName,
      signerPosition: [header.signer.competence, header.signer.position].filter(Boolean).join(' '),
      place: header.place,
      priority: header.priority,
      secrecy: 'none',
      pageAmount: header.pageAmount,
      dueDate: header.dueDate,
      toPlaces: header.toPlaces.join('; '),
      note: '',
      documentId: header.documentId,
      channel: 'electronic',
      restricted: false,
    });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw refuse('exchange.fieldInvalid', { field: INTERCHANGE_NAMES[key] ?? key, problem: issue.message });
  }

  /** The main file must be a signed PDF whose signatures hold; no other PDF may carry a broken signature. */
  async function checkSignatures(files: readonly PackageFile[]): Promise<'valid' | 'untrusted'> {
    let mainVerdict: 'valid' | 'untrusted' = 'valid';
    for (const [i, f] of files.entries()) {
      const path = content.pathOf(f.hash);
      const pdf = (await sniffMime(path, f.name)) === 'application/pdf';
      if (i === 0 && !pdf) throw refuse('exchange.mainNotPdf', { name: f.name });
      if (!pdf) continue;
      const summary = await deps.signatures(path);
      const verdict = summary?.verdict ?? 'invalid';
      if (verdict === 'invalid') throw refuse('exchange.signatureInvalid', { name: f.name, problems: summary?.problems.join('; ') || msg('exchange.pdfUnreadable') });
      if (i === 0) {
        if (verdict === 'unsigned') throw refuse('exchange.unsigned', { name: f.name });
        mainVerdict = verdict;
      }
    }
    return mainVerdict;
  }

  /**
   * A status message from this organisation about a document another one sent: stored, named (the số/ký hiệu's slash
   * would make a folder of the name), ready to send.
   */
  async function statusFile(about: EdxmlStatus['responseFor'], code: StatusCode, description: string) {
    const profile = await org.require();
    const me = await org.currentStaff();
    const status: EdxmlStatus = {
      responseFor: about,
      from: { organId: profile.organId, name: profile.name },
      code,
      description,
      timestamp: edxmlTimestamp(now()),
      staff: { department: profile.units.find((u) => u.id === me.unitId)?.name ?? '', name: me.fullName },
    };
    const stored = await content.putStaged(Buffer.from(edxmlStatus(status)));
    return { hash: stored.hash, size: stored.size, name: safeFileName(`trang-thai-${code}-${about.code.replaceAll('/', '-')}.edxml`), mime: EDXML_MIME };
  }

  /**
   * The entries a revocation or a replacement withdraws: each DocumentId must be the sender's own and in the register,
   * and only the clerk or a leader takes a withdrawal in.
   */
  async function earlierEntries(header: EdxmlHeader, documentIds: string[]): Promise<IncomingSummary[]> {
    requireClerkOrLeader(await org.currentStaff());
    const kind = msg(`exchange.business.${header.business}` as MessageKey);
    if (documentIds.length === 0) throw refuse('exchange.replacementEmpty');
    const entries: IncomingSummary[] = [];
    for (const documentId of documentIds) {
      if (parseDocumentId(documentId)?.organId !== header.from.organId) throw refuse('exchange.senderMismatch', { documentId, organId: header.from.organId });
      const found = await deps.incomingByDocumentId(documentId);
      if (found.length === 0) throw refuse('exchange.withdrawUnknown', { kind, documentId });
      entries.push(...found);
    }
    return entries;
  }

  async function importPackage(input: ParsedInput<'exchange.import'>): Promise<Output<'exchange.import'>> {
    const profile = await org.require();
    const stored: string[] = [];
    // Known once the header is read: a refusal after that is the sender's fault, and can be answered with 02.
    let refusable: EdxmlHeader | null = null;
    try {
      const root = await readPackage(content.pathOf(input.hash), stored);
      const status = statusOf(root);
      if (status) {
        const view = { organId: status.from.organId, organName: status.from.name, code: status.code, description: status.description, timestamp: status.timestamp, staff: status.staff.name };
        const outgoingId = await deps.outgoingStatus(status.responseFor.documentId, view);
        return { kind: 'status', outgoingId, organId: status.from.organId, code: status.code };
      }
      const header = messageHeaderOf(root);
      refusable = header;
      if (!header.to.some((t) => t.organId === profile.organId)) {
        throw refuse('exchange.notForUs', { to: header.to.map((t) => `${t.name} (${t.organId})`).join(', '), organId: profile.organId });
      }
      if (parseDocumentId(header.documentId)?.organId !== header.from.organId) {
        throw refuse('exchange.senderMismatch', { documentId: header.documentId, organId: header.from.organId });
      }
      if (header.business === BUSINESS_TYPES.revocation) {
        const revoked = header.businessDocumentId || header.documentId;
        const entries = await earlierEntries(header, [revoked]);
        // A revocation's files, if it carries any, are not kept: the entry it withdraws has its own.
        await incoming.discardUploads(stored);
        const reason = header.businessReason || msg('exchange.noReason');
        for (const e of entries) await deps.withdrawIncoming(e.id, { reason, replacedBy: null, documentId: revoked });
        return { kind: 'recalled', documents: await deps.incomingByDocumentId(revoked), reason };
      }
      if (header.business === BUSINESS_TYPES.update) {
        // QCVN 102 2.2: an update (BussinessDocType 2) carries the document's MessageHeader as corrected, and names
        // the document sent earlier in Bussiness/DocumentId (2.2.4, its own DocumentId when absent); what it changes
        // is said in BussinessDocumentInfo (2.2.3: DocumentInfo, DocumentReceiver, ReceiverList). Vanthu takes the
        // corrected fields in; files are not replaced by an update.
        const updated = header.businessDocumentId || header.documentId;
        const entries = await earlierEntries(header, [updated]);
        await incoming.discardUploads(stored);
        const fields = fieldsOf(header);
        const reason = header.businessReason || msg('exchange.noReason');
        const changes = [];
        for (const e of entries) changes.push(...(await deps.updateIncoming(e.id, fields, { reason, documentId: updated })));
        return { kind: 'updated', documents: await deps.incomingByDocumentId(updated), reason, changes };
      }
      const earlier = header.business === BUSINESS_TYPES.replacement ? await earlierEntries(header, header.replacements.map((r) => r.documentId)) : [];
      const { files, missing: [missing] } = packageFilesOf(root);
      if (files.length === 0) throw refuse('exchange.noFiles');
      if (missing) throw refuse('exchange.missingAttachment', { name: missing });
      const fields = fieldsOf(header);
      const verdict = await checkSignatures(files);
      const outcome = await incoming.register({ fields, attachments: files.map((f) => ({ hash: f.hash, name: f.name })), force: false, reason: '' });
      let document;
      if (outcome.kind === 'duplicate') {
        await incoming.discardUploads(stored);
        // A replacement already received as a new document (its sender replaced the earlier one after sending both):
        // the entry stays as it is, and the ones it replaces are withdrawn pointing to it.
        const [known] = earlier.length ? await deps.incomingByDocumentId(header.documentId) : [];
        if (!known) return outcome;
        document = (await deps.incomingDetail(known.id)).document;
      } else {
        document = outcome.document;
      }
      const code = joinCode(header.codeNumber, header.codeNotation);
      const reason = msg('exchange.replacedReason', { code, reason: header.businessReason || msg('exchange.noReason') });
      for (const e of earlier) await deps.withdrawIncoming(e.id, { reason, replacedBy: document.id, documentId: header.documentId });
      const replaced = (await Promise.all(header.replacements.map((r) => deps.incomingByDocumentId(r.documentId)))).flat();
      return { kind: 'registered', document, senderOrganId: header.from.organId, verdict, replaced };
    } catch (error) {
      await incoming.discardUploads(stored);
      if (!(input.answerRefusal && refusable && error instanceof AppError && error.code === 'BAD_INPUT')) throw error;
      const h = refusable;
      const about = { organId: h.from.organId, code: joinCode(h.codeNumber, h.codeNotation), promulgationDate: h.promulgationDate, documentId: h.documentId };
      return { kind: 'refused', reason: error.message, status: await statusFile(about, '02', error.message) };
    }
  }

  /** The status an incoming document's handling has reached, and what the sender is told of it. */
  function statusNow(detail: IncomingDetail): { code: StatusCode; description: string } {
    const h = detail.handling;
    const withdrawal = detail.document.recalledAt ? [...detail.events].reverse().find((e) => e.kind in WITHDRAWAL_EVENTS) : undefined;
    if (withdrawal) {
      const kind = msg(WITHDRAWAL_EVENTS[withdrawal.kind]!);
      return { code: '15', description: msg('exchange.agreeWithdrawal', { kind, reason: detail.document.recallReason ?? '' }) };
    }
    if (h.state === 'closed') return { code: '06', description: [statusLabel('06'), h.replyCode ?? h.closeNote ?? ''].filter(Boolean).join(': ') };
    if (h.state === 'handling') return { code: '05', description: [statusLabel('05'), h.progress ?? ''].filter(Boolean).join(': ') };
    if (h.state === 'assigned') return { code: '04', description: statusLabel('04') };
    if (detail.document.status !== 'registered') return { code: '03', description: statusLabel('03') };
    return { code: '01', description: statusLabel('01') };
  }

  async function statusPackage(input: ParsedInput<'exchange.statusPackage'>): Promise<Output<'exchange.statusPackage'>> {
    const detail = await deps.incomingDetail(input.id);
    const d = detail.document;
    const profile = await org.require();
    const sender = parseDocumentId(d.documentId);
    if (d.channel !== 'electronic' || !sender || sender.organId === profile.organId) throw refuse('exchange.notFromEdxml');
    const withdrawn = detail.document.recalledAt !== null && detail.events.some((e) => e.kind in WITHDRAWAL_EVENTS);
    if (withdrawn) requireClerkOrLeader(await org.currentStaff());
    const refusing = input.refuseWithdrawal !== undefined;
    if (refusing && !withdrawn) throw new AppError('WRONG_STATE', msg('exchange.notWithdrawn'));
    const { code, description } = refusing ? { code: '16' as const, description: msg('exchange.refuseWithdrawal', { reason: input.refuseWithdrawal! }) } : statusNow(detail);
    const about = { organId: sender.organId, code: joinCode(d.codeNumber, d.codeNotation), promulgationDate: d.issuedDate, documentId: d.documentId };
    const file = await statusFile(about, code, description);
    // Received through the server: the answer to a withdrawal goes back the same way, as a change of the entry.
    const throughServer = withdrawn && (await deps.statuses.sentStatus(d.id)) !== null;
    const sent = throughServer ? { code, hash: file.hash } : undefined;
    if (refusing && !(await deps.restoreIncoming(d.id, input.refuseWithdrawal!, sent))) throw new AppError('WRONG_STATE', msg('exchange.notWithdrawn'));
    if (sent && !refusing) await deps.statuses.recordStatus({ id: d.id, code, description, hash: file.hash, actor: await org.actor(), at: now().toISOString() });
    if (sent) await content.unmarkStaged(file.hash);
    return { ...file, code, queued: throughServer };
  }

  /** The status code an incoming document's handling has reached now (what `statusPackage` would send). */
  async function statusCode(id: string): Promise<StatusCode> {
    return statusNow(await deps.incomingDetail(id)).code;
  }

  return { exportOutgoing, importPackage, statusPackage, statusCode };
}
