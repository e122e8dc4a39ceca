/**
 * The core, assembled: one data folder holds the SQLite cache and the content store. Electron's main process, the
 * browser host, the CLI and the tests all start here.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ContentRef } from '../../shared/contract';
import type { SyncEntity } from '../../shared/contract/syncWire';
import { createContentStore, type ContentStore } from './content/contentStore';
import { safeFileName } from './content/fileName';
import { openDatabase } from './db/database';
import { createIncomingRepo } from './db/incomingRepo';
import { createOrgRepo } from './db/orgRepo';
import { createOutgoingRepo } from './db/outgoingRepo';
import { createSigningRepo } from './db/signingRepo';
import { createSyncRepo } from './db/sync/syncRepo';
import { createEventHub, type EventHub } from './events';
import { analyzeAttachment } from './incoming/analyzeAttachment';
import { createIncomingService, type AnalyzeFile, type IncomingService } from './incoming/incomingService';
import { createLaterPages, type LaterPages } from './incoming/laterPages';
import { recogniseScan } from './ocr/recogniseScan';
import { tesseractConfig } from './ocr/tesseract';
import { sweepWorkDir } from './sweepWorkDir';
import { createKeyFileStore, type KeyFileStore } from './key-files/keyFileStore';
import { createOrgSettings } from './org/orgSettings';
import { createOrgService, type OrgService } from './org/orgService';
import { createOutgoingService, type OutgoingService } from './outgoing/outgoingService';
import { createRegisterBookService } from './register-book/registerBookService';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { proposeDraftPlaces } from './signing/appearance/signaturePlaces';
import { createSigningService, type SigningService } from './signing/signingService';
import { startBackgroundSync, type BackgroundSync, type BackgroundSyncTiming } from './sync/backgroundSync';
import { createSyncService, type SecretSeal, type SyncService } from './sync/syncService';
import { tokenSeal } from './sync/tokenSeal';
import { createHandlingService } from './handling/handlingService';
import { createHandlingRepo } from './db/handlingRepo';
import { createDirectiveService } from './directives/directiveService';
import { createDirectiveRepo } from './db/directiveRepo';
import { createWorkFileRepo } from './db/workFileRepo';
import { createWorkFileService } from './workFiles/workFileService';
import { createExchangeService } from './exchange/exchangeService';
import { createExchangeRepo } from './db/exchangeRepo';
import { createExchangeRound } from './sync/exchangeRound';
import { OWNER_ONLY_DIR, restrictToOwner } from './ownerOnly';

export interface CoreOptions {
  dataDir: string;
  now?: () => Date;
  /** Replaces PDF reading (tests of the registration rules that need no real PDF). */
  analyzeFile?: AnalyzeFile;
  /** The Tesseract executable the installer put beside the app, if any (VANTHU_TESSERACT overrides it; see tesseractConfig). */
  bundledTesseract?: string | null;
  /** Where unexpected errors are written with their stack (stderr unless given): the command line keeps them for
   * VANTHU_DEBUG, since its stderr is one message for the user. */
  log?: (line: string) => void;
  /** Seals the server session's refresh token with a key of the operating system (Electron); without it, with the
   * data folder's owner-only key (sync/tokenSeal.ts). */
  seal?: SecretSeal;
  /** Sync on its own once logged in (timer, local changes, server pokes, retries); off for the command line and for
   * tests that run rounds themselves. */
  backgroundSync?: Partial<BackgroundSyncTiming> | boolean;
  /** The kinds of records this version syncs: all it knows unless a test stands in for an older version. */
  syncKinds?: readonly SyncEntity[];
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  content: ContentStore;
  /** Uploaded key files (.p12/.pfx), held in memory only: they never reach the data folder. */
  keyFiles: KeyFileStore;
  org: OrgService;
  incoming: IncomingService;
  /** The later pages of long registered scans, read in the background (resumed at start). */
  laterPages: LaterPages;
  outgoing: OutgoingService;
  signing: SigningService;
  sync: SyncService;
  /** Stores uploaded bytes (outside the RPC envelopes) and describes them for the UI; they count as staged until a
   * registration uses them (abandoned ones are swept at a later start). */
  stage(source: Uint8Array | Readable | AsyncIterable<Uint8Array>, name: string): Promise<ContentRef>;
  close(): void;
}

/** Longer than any reading's time limit: a younger folder may belong to a reading of another process on this data folder. */
const OCR_WORK_LIFETIME_MS = 3600_000;

export async function createCore(options: CoreOptions): Promise<Core> {
  // The data folder is its user's alone: it holds the database, the documents and the session key (tokenSeal.ts).
  await fs.mkdir(options.dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  restrictToOwner(options.dataDir, OWNER_ONLY_DIR);
  const db = openDatabase(path.join(options.dataDir, 'vanthu.db'));
  const content = createContentStore(path.join(options.dataDir, 'content'));
  const events = createEventHub();
  const keyFiles = createKeyFileStore();
  const incomingRepo = createIncomingRepo(db, { contentPresent: (hash) => existsSync(content.pathOf(hash)) });
  const orgRepo = createOrgRepo(db);
  const org = createOrgService(orgRepo);
  const signingRepo = createSigningRepo(db);
  // The numbering mode and the handling rules are the organisation's: changed here, they go to the server.
  const settings = createOrgSettings({ get: (key) => signingRepo.setting(key), set: (key, value) => signingRepo.setSetting(key, value) });
  const signing = createSigningService({
    repo: signingRepo,
    incomingRepo,
    org,
    content,
    keyFiles,
    events,
    workDir: path.join(options.dataDir, 'signing-work'),
    now: options.now,
  });
  const ocr = { tesseract: tesseractConfig(process.env, options.bundledTesseract ?? null), workDir: path.join(options.dataDir, 'ocr-work') };
  const log = options.log ?? console.error;
  const laterPages = createLaterPages({
    repo: incomingRepo,
    readPages: (hash, pageCount, pages, job) => recogniseScan(content.pathOf(hash), { kind: 'pdf', pageCount }, { ...ocr, ...job, pages }),
    events,
    actor: () => org.actor(),
    now: options.now ?? (() => new Date()),
    log,
  });
  const incoming = createIncomingService({
    repo: incomingRepo,
    org,
    content,
    events,
    analyzeFile: options.analyzeFile ?? ((file, size, job) => analyzeAttachment(file, size, { ocr: { ...ocr, ...job } })),
    checkSignatures: (file) => signing.summarize(file),
    laterPages,
    now: options.now,
  });
  // Housekeeping must never keep the register from opening: what cannot be swept now is swept at a later start.
  await incoming.sweepStaged().catch((error: unknown) => (options.log ?? console.error)(`[content] sweep of staged uploads failed: ${String(error)}`));
  // A scan's pictures are removed once read; what a killed reading left behind goes at a later start.
  await sweepWorkDir(ocr.workDir, OCR_WORK_LIFETIME_MS).catch((error: unknown) => (options.log ?? console.error)(`[ocr] sweep of the work folder failed: ${String(error)}`));
  await signing.sweepWork().catch((error: unknown) => (options.log ?? console.error)(`[signing] sweep of the work folder failed: ${String(error)}`));
  // What a closed or stopped app left of its long scans is read on from where it stopped.
  laterPages.kick();
  const outgoingRepo = createOutgoingRepo(db);
  const outgoing = createOutgoingService({
    repo: outgoingRepo,
    org,
    content,
    signing,
    delivery: incoming.delivery,
    // The handling service is made below; replies reach it only once a document is issued.
    replies: {
      exists: async (incomingId) => (await incomingRepo.get(incomingId)) !== null,
      issued: (incomingId, reply, actor) => handling.closeWithReply(incomingId, reply, actor),
    },
    // The exchange service is made below; a package is written only at a dispatch.
    exchangePackage: (id, pending) => exchange.exportOutgoing({ id }, pending),
    events,
    settings,
    readText: async (hash) => (await incoming.fileText(hash)).text,
    draftPlaces: proposeDraftPlaces,
    now: options.now,
  });
  const handlingRepo = createHandlingRepo(db);
  const registerBook = createRegisterBookService({ incomingRepo, outgoingRepo, handlingRepo, org, content });
  const handling = createHandlingService({
    repo: handlingRepo,
    org,
    detail: (id) => incoming.get(id),
    summaries: (ids) => incomingRepo.summaries(ids),
    async issuedCode(outgoingId) {
      const found = await outgoingRepo.get(outgoingId);
      return found && found.row.number !== null ? { codeNumber: found.row.code_number, codeNotation: found.row.code_notation } : null;
    },
    replies: (incomingId) => outgoingRepo.replies(incomingId),
    events,
    settings,
    content,
    now: options.now,
  });
  const directives = createDirectiveService({
    repo: createDirectiveRepo(db),
    org,
    rules: () => handling.rules(),
    summaries: (ids) => incomingRepo.summaries(ids),
    events,
    content,
    now: options.now,
  });
  const workFiles = createWorkFileService({ repo: createWorkFileRepo(db), org, content, events, now: options.now });
  const exchangeRepo = createExchangeRepo(db);
  const exchange = createExchangeService({
    org,
    content,
    incoming,
    outgoing: async (id) => (await outgoing.get(id)).document,
    replacedBy: async (id) => Promise.all((await outgoingRepo.replacedBy(id)).map(async (old) => (await outgoing.get(old)).document)),
    incomingByDocumentId: (documentId) => incomingRepo.byDocumentId(documentId),
    withdrawIncoming: async (id, w) => {
      const done = await incomingRepo.withdraw(id, { ...w, actor: await org.actor(), at: (options.now?.() ?? new Date()).toISOString() });
      if (done) events.emit('incoming.changed', { id });
      return done;
    },
    updateIncoming: async (id, fields, u) => {
      const changed = await incomingRepo.updateFromSender(id, fields, { ...u, actor: await org.actor(), at: (options.now?.() ?? new Date()).toISOString() });
      if (changed.length) events.emit('incoming.changed', { id });
      return changed;
    },
    restoreIncoming: async (id, reason, sent) => {
      const done = await incomingRepo.restore(id, reason, await org.actor(), (options.now?.() ?? new Date()).toISOString(), sent);
      if (done) events.emit('incoming.changed', { id });
      return done;
    },
    statuses: exchangeRepo,
    outgoingStatus: (documentId, status) => outgoing.recordExchangeStatus(documentId, status),
    incomingDetail: (id) => incoming.get(id),
    signatures: (file) => signing.summarize(file),
    now: options.now,
  });
  const syncRepo = createSyncRepo(db);
  const exchangeRound = createExchangeRound({ exchange, repo: exchangeRepo, content, actor: () => org.actor(), now: options.now ?? (() => new Date()) });
  const seal = tokenSeal(options.dataDir, options.seal);
  const sync = createSyncService({
    repo: syncRepo,
    org: orgRepo,
    orgSettings: settings,
    content,
    events,
    actor: () => org.actor(),
    now: options.now,
    seal,
    kinds: options.syncKinds,
    exchange: exchangeRound,
  });
  let background: BackgroundSync | null = null;
  const startBackground = () => {
    if (!options.backgroundSync || background) return;
    background = startBackgroundSync({
      round: () => sync.syncNow(),
      // Deferred changes wait for the server's upgrade, which its profile announces at a round of its own.
      hasPending: async () => {
        const { count, deferred } = await syncRepo.pending();
        return count > deferred;
      },
      listenForPokes: (handlers) => sync.listenForPokes(handlers),
      events,
      timing: options.backgroundSync === true ? {} : options.backgroundSync,
    });
  };
  if (await sync.loggedIn()) startBackground();

  const dispatch = createDispatcher({
    'org.get': () => org.get(),
    'org.setup': (input) => org.setup(input),
    'org.actAs': (input) => org.actAs(input.staffId),
    'incoming.analyze': (input) => incoming.analyze(input),
    'incoming.cancelAnalysis': async (input) => incoming.cancelAnalysis(input.jobId),
    'incoming.register': (input) => incoming.register(input),
    'incoming.list': (input) => incoming.list(input),
    'incoming.get': (input) => incoming.get(input.id),
    'incoming.handOver': (input) => incoming.handOver(input),
    'incoming.organNames': (input) => incoming.organNames(input.prefix),
    'incoming.years': () => incoming.years(),
    'handling.instruct': (input) => handling.instruct(input),
    'handling.assign': (input) => handling.assign(input),
    'handling.report': (input) => handling.report(input),
    'handling.close': (input) => handling.close(input),
    'handling.read': (input) => handling.read(input),
    'handling.tasks': (input) => handling.tasks(input),
    'handling.settings': () => handling.settings(),
    'handling.saveSettings': (input) => handling.saveSettings(input),
    'handling.slip': (input) => handling.slip(input),
    'handling.replies': (input) => handling.replies(input),
    'directive.create': (input) => directives.create(input),
    'directive.report': (input) => directives.report(input),
    'directive.complete': (input) => directives.complete(input),
    'directive.cancel': (input) => directives.cancel(input),
    'directive.setDue': (input) => directives.setDue(input),
    'directive.chase': (input) => directives.chase(input),
    'directive.list': (input) => directives.list(input),
    'directive.get': (input) => directives.get(input),
    'directive.exportReport': (input) => directives.exportReport(input),
    'registerBook.export': (input) => registerBook.export(input),
    'registerBook.sequences': (input) => registerBook.sequences(input),
    'signing.verify': (input) => signing.verify(input.hash),
    'signing.trustList': () => signing.trustList(),
    'signing.trustAdd': (input) => signing.trustAdd(input.hash),
    'signing.trustRemove': (input) => signing.trustRemove(input.fingerprint),
    'signing.settings': () => signing.settings(),
    'signing.saveSettings': (input) => signing.saveSettings(input),
    'signing.certificates': (input) => signing.certificates(input),
    'signing.sign': (input) => signing.sign(input),
    'signing.versions': (input) => signing.versions(input.documentId),
    'signing.issuePlaces': (input) => signing.issuePlaces(input.template),
    'sync.login': async (input) => {
      const status = await sync.login(input);
      startBackground();
      return status;
    },
    'sync.now': () => sync.syncNow(),
    'sync.status': () => sync.status(),
    'sync.takeLease': (input) => sync.takeLease(input),
    'sync.releaseLease': (input) => sync.releaseLease(input),
    'sync.withdraw': (input) => sync.withdraw(input.id),
    'sync.reapply': (input) => sync.reapply(input.id),
    'outgoing.create': (input) => outgoing.create(input),
    'outgoing.get': (input) => outgoing.get(input.id),
    'outgoing.list': (input) => outgoing.list(input),
    'outgoing.addVersion': (input) => outgoing.addVersion(input),
    'outgoing.comment': (input) => outgoing.comment(input),
    'outgoing.submit': (input) => outgoing.submit(input),
    'outgoing.return': (input) => outgoing.return(input),
    'outgoing.approve': (input) => outgoing.approve(input),
    'outgoing.sign': (input) => outgoing.sign(input),
    'outgoing.issue': (input) => outgoing.issue(input),
    'outgoing.issuePreview': (input) => outgoing.issuePreview(input),
    'outgoing.dispatch': (input) => outgoing.dispatch(input),
    'outgoing.recall': (input) => outgoing.recall(input),
    'outgoing.replace': (input) => outgoing.replace(input),
    'outgoing.correct': (input) => outgoing.correct(input),
    'outgoing.settings': () => outgoing.settings(),
    'outgoing.saveSettings': (input) => outgoing.saveSettings(input),
    'keyFiles.release': async (input) => {
      keyFiles.release(input.handle);
      return null;
    },
    'workFile.planList': (input) => workFiles.planList(input),
    'workFile.planSave': (input) => workFiles.planSave(input),
    'workFile.open': (input) => workFiles.open(input),
    'workFile.file': (input) => workFiles.file(input),
    'workFile.unfile': (input) => workFiles.unfile(input),
    'workFile.close': (input) => workFiles.close(input),
    'workFile.list': (input) => workFiles.list(input),
    'workFile.get': (input) => workFiles.get(input),
    'workFile.filesOf': (input) => workFiles.filesOf(input),
    'workFile.export': (input) => workFiles.export(input),
    'workFile.kpi': (input) => workFiles.kpi(input),
    'workFile.kpiExport': (input) => workFiles.kpiExport(input),
    'exchange.export': (input) => exchange.exportOutgoing(input),
    'exchange.import': (input) => exchange.importPackage(input),
    'exchange.statusPackage': (input) => exchange.statusPackage(input),
  }, options.log);

  return {
    dispatch,
    events,
    content,
    keyFiles,
    org,
    incoming,
    laterPages,
    outgoing,
    signing,
    sync,
    async stage(source, name) {
      const stored = await content.putStaged(source);
      const safeName = safeFileName(name);
      return { hash: stored.hash, size: stored.size, name: safeName, mime: mimeFromName(safeName) };
    },
    close() {
      background?.stop();
      laterPages.stop();
      keyFiles.clear();
      db.close();
    },
  };
}

function mimeFromName(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return (
    { '.pdf': 'application/pdf', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.png': 'image/png' }[ext] ??
    'application/octet-stream'
  );
}
