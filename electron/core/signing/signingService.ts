/**
 * Signing and verification inside the app: the verdict on any stored PDF against the configured trusted certificates,
 * the certificates a person may sign with (.p12 files held in memory only, keys on PKCS#11 tokens), and signing an
 * attachment of a registered document as a NEW VERSION of it, recorded with its event and outbox row. The engine's
 * work runs in the signing thread (signingWorker.ts), which opens every key itself: private keys never reach this
 * thread, and the PIN or password arrives with one call, goes to that thread with the job and is never kept.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type {
  AttachmentVersion,
  CertificateView,
  Output,
  ParsedInput,
  SignatureSummary,
  SigningCertificate,
  SignerSource,
  SigningProgress,
  TrustedCertificate,
  VerifyOutput,
} from '../../../shared/contract';
import type { IssuePlaces } from '../../../shared/domain/issuePlaces';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { IncomingRepo } from '../db/incomingRepo';
import type { SigningRepo, TrustRole } from '../db/signingRepo';
import type { EventHub } from '../events';
import type { KeyFileStore } from '../key-files/keyFileStore';
import type { OrgService } from '../org/orgService';
import { describeCertificate, readCertificates, signingRefusal, type CertificateInfo } from './pki/certificates';
import { createIssuePlaceMemory, issueTexts } from './appearance/issuePlaces';
import type { AppearanceRequest } from './appearance/signatureAppearance';
import { sharedSigningWorker, type KeySource, type SigningWorker } from './signers/signingWorker';
import { OWNER_ONLY_DIR } from '../ownerOnly';
import { sweepWorkDir } from '../sweepWorkDir';

const PKCS11_MODULE_KEY = 'signing.pkcs11Module';
const TSA_URL_KEY = 'signing.tsaUrl';
/** Progress events at most this often: enough for a smooth bar, few enough not to flood the transport. */
const PROGRESS_INTERVAL_MS = 150;
/** A signing job's folder older than this belongs to a process that was killed: another process's live job is younger. */
const WORK_LIFETIME_MS = 3600_000;

export interface SigningServiceDeps {
  repo: SigningRepo;
  incomingRepo: IncomingRepo;
  org: OrgService;
  content: ContentStore;
  /** Uploaded .p12/.pfx files: read by handle, released once a signing with them succeeded. */
  keyFiles: Pick<KeyFileStore, 'read' | 'release'>;
  events: EventHub;
  /** Where signed files are written before they enter the content store. */
  workDir: string;
  now?: () => Date;
  /** Default: the signing thread shared by the process. */
  signingWorker?: SigningWorker;
}

export interface SigningService {
  verify(hash: string): Promise<VerifyOutput>;
  /** The verdict in short for `incoming.analyze`; undefined for a file that is not a readable PDF. */
  summarize(file: string): Promise<SignatureSummary | undefined>;
  trustList(): Promise<TrustedCertificate[]>;
  /** The trusted certificates' DER, as verifying and signing use them (the command line too). */
  trustAnchors(): Promise<TrustAnchors>;
  /** Adds the certificates of a PEM or DER file in the content store: self-signed CAs as roots, other CAs as intermediates. */
  trustAdd(hash: string): Promise<TrustedCertificate[]>;
  trustRemove(fingerprint: string): Promise<TrustedCertificate[]>;
  settings(): Promise<Output<'signing.settings'>>;
  saveSettings(input: ParsedInput<'signing.saveSettings'>): Promise<Output<'signing.saveSettings'>>;
  certificates(input: ParsedInput<'signing.certificates'>): Promise<SigningCertificate[]>;
  sign(input: ParsedInput<'signing.sign'>): Promise<Output<'signing.sign'>>;
  /** Signs a stored PDF into a new stored file (the outgoing workflow records it as its own version). */
  signStored(job: StoredSigning, report: ProgressReport): Promise<StoredSignature>;
  /** Removes what signings killed mid-job left in the work folder (an hour old: no live job is that slow). */
  sweepWork(): Promise<void>;
  /** Forgets an uploaded .p12 once the work it was chosen for is over. */
  releaseKeyFile(handle: string): void;
  /** The progress reporter of one job, as `signing.progress` events. */
  progress(jobId: string): ProgressReport;
  versions(documentId: string): Promise<AttachmentVersion[]>;
  /** The number and date places last confirmed for a document template (see shared/domain/issuePlaces), or null. */
  issuePlaces(template: string): Promise<IssuePlaces | null>;
  /** Keeps the places a clerk confirmed by issuing with them, for the next document of the same template. */
  rememberIssuePlaces(template: string, places: IssuePlaces): Promise<void>;
}

export type ProgressReport = (phase: SigningProgress['phase'], done?: number, total?: number) => void;

export interface StoredSigning {
  /** The PDF to sign, in the content store. */
  hash: string;
  source: SignerSource;
  secret: string;
  appearance: AppearanceRequest;
  jobId: string;
  ltv?: boolean;
}

export interface StoredSignature {
  hash: string;
  size: number;
  verification: VerifyOutput;
  /** Who signed, as the history records it. */
  certificate: { subject: string; issuer: string; serialNumber: string; fingerprint: string };
}

export interface TrustAnchors {
  roots: Uint8Array[];
  /** Chain candidates: a signature that embeds only its leaf is verified through them, and signing embeds those that
   * chain the signer's certificate when the token or .p12 lacks them. */
  intermediates: Uint8Array[];
}

export function certificateView(info: CertificateInfo): CertificateView {
  const usage = info.keyUsage ? (Object.entries(info.keyUsage) as [string, boolean][]).filter(([, on]) => on).map(([name]) => name) : [];
  return {
    subject: info.subject,
    subjectCommonName: info.subjectCommonName,
    issuer: info.issuer,
    issuerCommonName: info.issuerCommonName,
    validFrom: info.validFrom.toISOString(),
    validTo: info.validTo.toISOString(),
    serialNumber: info.serialNumber,
    keyUsage: usage,
    fingerprint: info.sha256Fingerprint,
  };
}

export function createSigningService(deps: SigningServiceDeps): SigningService {
  const { repo, content, events } = deps;
  const now = deps.now ?? (() => new Date());
  const placeMemory = createIssuePlaceMemory(repo);
  const engine = () => deps.signingWorker ?? sharedSigningWorker();

  async function trustAnchors(): Promise<TrustAnchors> {
    const trusted = await repo.trusted();
    return { roots: trusted.filter((t) => t.role === 'root').map((t) => t.der), intermediates: trusted.filter((t) => t.role === 'intermediate').map((t) => t.der) };
  }

  async function verifyFile(file: string): Promise<VerifyOutput> {
    const { roots, intermediates } = await trustAnchors();
    return engine().verifyFile(file, {
      trustedRoots: roots,
      extraCertificates: intermediates,
      // Offline: what the file's DSS says. A clerk's machine may have no network, and a wait would hold the view.
      revocation: { online: false },
    });
  }

  async function requireContent(hash: string): Promise<string> {
    if (!(await content.has(hash))) throw new AppError('NOT_FOUND', msg('error.attachmentMissing'));
    return content.pathOf(hash);
  }

  async function trustList(): Promise<TrustedCertificate[]> {
    return (await repo.trusted()).map((t) => ({ ...certificateView(describeCertificate(t.der)), role: t.role, addedAt: t.addedAt }));
  }

  async function settings(): Promise<Output<'signing.settings'>> {
    return { pkcs11Module: await repo.setting(PKCS11_MODULE_KEY), tsaUrl: await repo.setting(TSA_URL_KEY) };
  }

  async function modulePath(): Promise<string> {
    const configured = await repo.setting(PKCS11_MODULE_KEY);
    if (!configured) throw new AppError('BAD_INPUT', msg('signingUi.noModule'));
    return configured;
  }

  /** The key the source names, as the signing thread opens it. */
  async function keySource(source: SignerSource, secret: string): Promise<KeySource> {
    if (source.kind === 'p12') return { kind: 'p12', bytes: deps.keyFiles.read(source.handle), secret };
    return { kind: 'pkcs11', module: await modulePath(), token: source.token, keyLabel: source.keyLabel, secret };
  }

  /** Emits a phase's first and last report always, and the ones between at most every PROGRESS_INTERVAL_MS. */
  function progress(jobId: string): ProgressReport {
    let last = 0;
    let lastPhase: SigningProgress['phase'] | null = null;
    return (phase: SigningProgress['phase'], done = 0, total = 0) => {
      const t = Date.now();
      const edge = phase !== lastPhase || (total > 0 && done >= total);
      if (!edge && t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      lastPhase = phase;
      events.emit('signing.progress', { jobId, phase, done, total });
    };
  }

  async function appearanceFor(input: ParsedInput<'signing.sign'>, arrival: { number: number | null; date: string }): Promise<AppearanceRequest> {
    const rect = input.placement;
    const image = input.image ? await fs.readFile(await requireContent(input.image)) : undefined;
    switch (input.kind) {
      case 'approval':
      case 'issue': {
        if (!rect) throw new AppError('BAD_INPUT', msg('signingUi.placementRequired'), { placement: msg('signingUi.placementRequired') });
        if (!image) throw new AppError('BAD_INPUT', msg(input.kind === 'issue' ? 'signing.sealRequired' : 'signing.imageRequired'), { image: msg('signing.imageRequired') });
        if (input.kind === 'approval') return { kind: 'approval', rect, image };
        if (!input.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'), { numberNotation: msg('signing.numberRequired') });
        const values = { numberNotation: input.numberNotation, ...(input.date ? { date: input.date } : {}) };
        if (input.numberAt && input.dateAt) return { kind: 'issue', rect, image, texts: await issueTexts({ numberAt: input.numberAt, dateAt: input.dateAt }, values) };
        return { kind: 'issue', rect, image, ...values };
      }
      case 'attachment':
        if (!input.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'), { numberNotation: msg('signing.numberRequired') });
        return { kind: 'attachment', numberNotation: input.numberNotation };
      case 'receipt': {
        // The receipt stamp shows the số đến: a provisional entry has none until the lease holder numbers it.
        if (arrival.number === null) throw new AppError('WRONG_STATE', msg('signingUi.notNumberedYet'));
        const profile = await deps.org.require();
        return {
          kind: 'receipt',
          ...(rect ? { rect } : {}),
          receipt: { number: String(arrival.number), date: arrival.date, organisation: profile.name.toUpperCase() },
        };
      }
    }
  }

  /**
   * Signs a PDF of the content store into a new file of the store, checked: the signature just made must verify intact
   * over its revision, or the result is refused as a defect. Progress goes to `report`; the caller says when it is done.
   */
  async function signStored(job: StoredSigning, report: ProgressReport): Promise<StoredSignature> {
    const source = await requireContent(job.hash);
    const tsaUrl = await repo.setting(TSA_URL_KEY);
    // A folder per job, removed whatever happens: a signing thread stopped mid-job leaves its partial file in it.
    const jobDir = path.join(deps.workDir, `${job.jobId}-${randomUUID()}`);
    await fs.mkdir(jobDir, { recursive: true, mode: OWNER_ONLY_DIR });
    const output = path.join(jobDir, 'signed.pdf');
    try {
      const anchors = await trustAnchors();
      const signed = await engine().signPdf(
        {
          input: source,
          output,
          key: await keySource(job.source, job.secret),
          appearance: job.appearance,
          extraCertificates: anchors.intermediates,
          ...(tsaUrl ? { tsaUrl } : {}),
          // The trusted roots end the stored chains when the key carries none.
          ...(job.ltv ? { ltv: { chainCandidates: [...anchors.intermediates, ...anchors.roots] } } : {}),
        },
        (p) => report(p.phase, p.done, p.total),
      );
      report('storing', 0, (await fs.stat(output)).size);
      // Staged until the caller records it as a version: a signed file recorded nowhere is swept, never kept forever.
      const put = await content.putStagedFile(output, (done, total) => report('storing', done, total));
      report('verifying');
      const verification = await verifyFile(content.pathOf(put.hash));
      // Found by its ranges, not its place in the list: a received file's bogus signature may sort after ours.
      const own = verification.signatures.find((s) => s.byteRange.join(' ') === signed.byteRange.join(' '));
      // A signature we just made that does not verify is a defect, never a version.
      if (!own || !own.intact || !own.coversRevision) throw new AppError('INTERNAL', msg('signingUi.signedBroken'));
      const certificate = describeCertificate(signed.certificate);
      return {
        hash: put.hash,
        size: put.size,
        verification,
        certificate: {
          subject: certificate.subjectCommonName,
          issuer: certificate.issuerCommonName,
          serialNumber: certificate.serialNumber,
          fingerprint: certificate.sha256Fingerprint,
        },
      };
    } finally {
      await fs.rm(jobDir, { recursive: true, force: true });
    }
  }

  async function sign(input: ParsedInput<'signing.sign'>): Promise<Output<'signing.sign'>> {
    const detail = await deps.incomingRepo.get(input.documentId);
    if (!detail) throw new AppError('NOT_FOUND', msg('error.notFound'));
    const versions = await repo.versions(input.documentId);
    const newest = detail.document.attachments.map((a, position) => {
      const latest = versions.filter((v) => v.position === position).at(-1);
      return { position, mime: a.mime, hash: latest?.hash ?? a.hash, name: latest?.name ?? a.name };
    });
    const target = newest.find((a) => a.hash === input.hash);
    if (!target) throw new AppError('BAD_INPUT', msg('signingUi.notLatest'));
    if (target.mime !== 'application/pdf') throw new AppError('BAD_INPUT', msg('signingUi.notPdf'));
    await requireContent(target.hash);
    const report = progress(input.jobId);
    report('preparing');
    try {
      const appearance = await appearanceFor(input, { number: detail.document.arrivalNumber, date: detail.document.arrivalDate });
      const signed = await signStored({ hash: target.hash, source: input.source, secret: input.secret, appearance, jobId: input.jobId, ltv: input.ltv }, report);

      const actor = await deps.org.actor();
      const at = now().toISOString();
      const recorded = await repo.addVersion({
        documentId: input.documentId,
        position: target.position,
        basedOn: target.hash,
        hash: signed.hash,
        name: target.name,
        size: signed.size,
        actor,
        at,
        event: { signatureKind: input.kind, signedHash: target.hash, certificate: signed.certificate },
      });
      if (recorded === null) throw new AppError('BAD_INPUT', msg('signingUi.changedMeanwhile'));
      await content.unmarkStaged(signed.hash);
      events.emit('incoming.changed', { id: input.documentId });
      if (input.kind === 'issue' && input.template && input.numberAt && input.dateAt) await placeMemory.remember(input.template, { numberAt: input.numberAt, dateAt: input.dateAt });
      // Used up: the key file leaves memory with the signing it was chosen for.
      if (input.source.kind === 'p12') deps.keyFiles.release(input.source.handle);
      report('done', signed.size, signed.size);
      return {
        version: { position: target.position, version: recorded, hash: signed.hash, name: target.name, size: signed.size, createdAt: at, actor: actor.name },
        verification: signed.verification,
      };
    } catch (error) {
      report('failed');
      throw error;
    }
  }

  return {
    verify: async (hash) => verifyFile(await requireContent(hash)),
    async summarize(file) {
      let result: VerifyOutput;
      try {
        result = await verifyFile(file);
      } catch {
        return undefined;
      }
      const problems = result.signatures
        .filter((s) => s.problems.length > 0)
        .map((s) => msg('signingUi.problemLine', { signer: s.signer, problems: s.problems.join('; ') }));
      return { verdict: result.verdict, count: result.signatures.length, problems };
    },
    trustList,
    trustAnchors,
    async trustAdd(hash) {
      const bytes = await fs.readFile(await requireContent(hash));
      let certificates: Uint8Array[];
      try {
        certificates = readCertificates(bytes);
      } catch {
        throw new AppError('BAD_INPUT', msg('signing.certUnreadable'));
      }
      if (certificates.length === 0) throw new AppError('BAD_INPUT', msg('signing.certUnreadable'));
      const at = now().toISOString();
      const rows: { fingerprint: string; der: Uint8Array; role: TrustRole; subject: string; addedAt: string }[] = [];
      for (const der of certificates) {
        const info = describeCertificate(der);
        // Only certificate authorities anchor or extend a chain; trusting a signer's own certificate is a mistake.
        if (!info.isCa) throw new AppError('BAD_INPUT', msg('signingUi.notCa', { subject: info.subjectCommonName }));
        const role: TrustRole = info.subject === info.issuer ? 'root' : 'intermediate';
        rows.push({ fingerprint: info.sha256Fingerprint, der, role, subject: info.subjectCommonName, addedAt: at });
      }
      for (const row of rows) await repo.addTrusted(row);
      return trustList();
    },
    async trustRemove(fingerprint) {
      if (!(await repo.removeTrusted(fingerprint))) throw new AppError('NOT_FOUND', msg('error.notFound'));
      return trustList();
    },
    settings,
    async saveSettings(input) {
      await repo.setSetting(PKCS11_MODULE_KEY, input.pkcs11Module || null);
      await repo.setSetting(TSA_URL_KEY, input.tsaUrl || null);
      return settings();
    },
    async certificates(input) {
      const at = now();
      if (input.kind === 'p12') {
        const bytes = deps.keyFiles.read(input.handle);
        const certificate = await engine().readP12Certificate(bytes, input.password);
        const info = describeCertificate(certificate);
        return [{ ...certificateView(info), source: { kind: 'p12', handle: input.handle }, label: info.subjectCommonName, refusal: signingRefusal(certificate, at) }];
      }
      return (await engine().listTokenCertificates(await modulePath()))
        .filter((c) => c.hasKeyPair)
        .map((c) => ({
          ...certificateView(c.info),
          source: { kind: 'pkcs11' as const, token: c.token, keyLabel: c.label },
          label: `${c.token} · ${c.label}`,
          refusal: signingRefusal(c.certificate, at),
        }));
    },
    sign,
    signStored,
    progress,
    releaseKeyFile: (handle) => deps.keyFiles.release(handle),
    sweepWork: () => sweepWorkDir(deps.workDir, WORK_LIFETIME_MS),
    versions: async (documentId) => (await repo.versions(documentId)).map(({ documentId: _, ...v }) => v),
    issuePlaces: (template) => placeMemory.recall(template),
    rememberIssuePlaces: (template, places) => placeMemory.remember(template, places),
  };
}
