/**
 * The exchange step of a clerk's sync round. Packages sent to the organisation through the server are taken from its
 * inbox, downloaded and registered in the incoming register through the same checks as a package opened by hand
 * (schema, addressee, signatures, duplicate DocumentId). They are registered at once rather than kept in a "to accept"
 * list: under Decree 30 Art. 20–22 the clerk receives, checks and registers an electronic document, and the sender is
 * told the same day; the checks are what the clerk would do, and a package that fails them goes back with status 02
 * and its reason instead of waiting for someone to read it. Then every document received this way whose handling has
 * reached a new status (01 arrived, 03 accepted, 04 assigned, 05 in progress, 06 completed) gets that status queued
 * back to its sender, once per change of code, as a change of the document that the next push carries.
 */
import { DoneRequest, DoneResponse, EXCHANGE_PATHS, TakeResponse, type InboxItem, type InboxOutcome } from '../../../shared/contract/exchangeWire';
import { parseDocumentId, statusLabel } from '../../../shared/domain/edxml';
import { AppError } from '../../../shared/errors';
import type { ContentStore } from '../content/contentStore';
import type { Actor } from '../db/eventLog';
import type { ExchangeRepo } from '../db/exchangeRepo';
import type { ExchangeService } from '../exchange/exchangeService';
import type { ServerConnection } from './serverConnection';

export interface ExchangeRoundDeps {
  exchange: Pick<ExchangeService, 'importPackage' | 'statusCode' | 'statusPackage'>;
  repo: ExchangeRepo;
  content: ContentStore;
  actor(): Promise<Actor>;
  now(): Date;
}

/** The round's file channel to the server (blobTransfer.ts): a cut download resumes with Range where it stopped. */
export interface PackageFiles {
  upload(hash: string): Promise<unknown>;
  downloadPath(path: string, hash: string): Promise<unknown>;
}

export interface ExchangeReport {
  /** Packages taken from the inbox, by what became of them. */
  received: Record<InboxOutcome, number>;
  /** Status messages queued for the push. */
  statuses: number;
  /** Incoming documents registered or changed here. */
  changed: string[];
  /** Outgoing documents that recorded a recipient's status here. */
  answered: string[];
}

/** What a package that fails the checks is: a refusal to answer with its reason, not a failure of the round. */
const REFUSALS = new Set(['BAD_INPUT', 'NOT_FOUND', 'WRONG_STATE']);

export type ExchangeRound = ReturnType<typeof createExchangeRound>;

export function createExchangeRound(deps: ExchangeRoundDeps) {
  /** Queues the status the document's handling has reached, unless it is the one last sent. */
  async function sendStatus(id: string, sent: string | null): Promise<boolean> {
    const code = await deps.exchange.statusCode(id);
    // Agreeing to a recall or a replacement (15) is the clerk's or a leader's answer, given on the document, which may
    // refuse it instead (16): it is never sent by itself.
    // After a refusal (16) the entry is back where it was: its arrival (01) was told before the withdrawal.
    if (code === sent || code === '15' || (sent === '16' && code === '01')) return false;
    const written = await deps.exchange.statusPackage({ id });
    const recorded = await deps.repo.recordStatus({ id, code: written.code as typeof code, description: statusLabel(written.code), hash: written.hash, actor: await deps.actor(), at: deps.now().toISOString() });
    await deps.content.unmarkStaged(written.hash);
    return recorded;
  }

  /**
   * The package into the store, staged until a document records it (the mark first, as putStaged does). A package of
   * 100 MB over a commune's line is cut more often than not: it resumes from the bytes already here, within the round.
   */
  async function download(files: PackageFiles, clientId: string, item: InboxItem): Promise<string> {
    await deps.content.markStaged(item.hash);
    await files.downloadPath(`${EXCHANGE_PATHS.inbox}${item.id}/package?clientId=${encodeURIComponent(clientId)}`, item.hash);
    return item.hash;
  }

  /** Registers one package (or records its status message) and says what happened; refusals are answered, not thrown. */
  async function receive(item: InboxItem, hash: string, report: ExchangeReport): Promise<DoneRequest> {
    const answer = (outcome: InboxOutcome, reason = '', reply: DoneRequest['reply'] = null) => ({ outcome, reason, reply }) as Omit<DoneRequest, 'clientId'>;
    let done;
    try {
      const result = await deps.exchange.importPackage({ hash, answerRefusal: true });
      // The sender of a document package is the organisation its DocumentId names (the server forwards no other).
      const sender = parseDocumentId(item.documentId)?.organId;
      done =
        result.kind === 'refused' ? answer('refused', result.reason, item.kind === 'document' && sender ? { hash: result.status.hash, to: sender } : null) : answer(result.kind);
      if (result.kind === 'registered') {
        report.changed.push(result.document.id);
        if (await sendStatus(result.document.id, null)) report.statuses++;
      }
      if (result.kind === 'status') report.answered.push(result.outgoingId);
      if (result.kind === 'duplicate') {
        // Registered before: by hand, or by this PC before a cut ended the round. The sender still hears of it.
        const known = await deps.repo.incomingByDocumentId(item.documentId);
        if (known && known.sent === null && (await sendStatus(known.id, null))) report.statuses++;
      }
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSALS.has(error.code)) throw error;
      done = answer('refused', error.message);
    }
    report.received[done.outcome]++;
    return done as DoneRequest;
  }

  return {
    /**
     * Takes and registers what waits in the organisation's inbox, then queues the statuses that changed. A status 02
     * is uploaded before the server is told of the refusal it answers.
     */
    async run(server: ServerConnection, clientId: string, files: PackageFiles): Promise<ExchangeReport> {
      const report: ExchangeReport = { received: { registered: 0, duplicate: 0, status: 0, recalled: 0, updated: 0, refused: 0 }, statuses: 0, changed: [], answered: [] };
      for (;;) {
        const { items } = await server.call('POST', EXCHANGE_PATHS.take, { clientId }, TakeResponse);
        if (items.length === 0) break;
        for (const item of items) {
          const hash = await download(files, clientId, item);
          const done = await receive(item, hash, report);
          if (done.reply) {
            await files.upload(done.reply.hash);
            await deps.content.unmarkStaged(done.reply.hash);
          }
          await server.call('POST', `${EXCHANGE_PATHS.inbox}${item.id}/done`, { ...done, clientId }, DoneResponse);
        }
      }
      for (const open of await deps.repo.openStatuses()) {
        if (await sendStatus(open.id, open.sent)) {
          report.statuses++;
          report.changed.push(open.id);
        }
      }
      return report;
    },
  };
}
