/**
 * Signing and verification inside the app: the verdict on any stored PDF against the configured trusted certificates,
 * the certificates a person may sign with (.p12 files held in memory only, keys on PKCS#11 tokens), and signing an
 * attachment of a registered document as a NEW VERSION of it, recorded with its event and outbox row. Private keys
 * stay in this process; the PIN or password arrives with one call, is handed to the key's opener and is never kept.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type {
  AttachmentVersion,
  CertificateView,
  Output,
  ParsedInput,
  SignatureSummary,
  SigningCertificate,
  SigningProgress,
  TrustedCertificate,
  VerifyOutput,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { IncomingRepo } from '../db/incomingRepo';
import type { SigningRepo, TrustRole } from '../db/signingRepo';
import type { EventHub } from '../events';
import type { KeyFileStore } from '../key-files/keyFileStore';
import type { OrgService } from '../org/orgService';
import { describeCertificate, readCertificates, signingRefusal, type CertificateInfo } from './certificates';
import { dssRevocationChecker } from './dss';
import { openP12Signer } from './p12Signer';
import { signPdf } from './pdfSigner';
import { openPkcs11Module, type Pkcs11Module } from './pkcs11Signer';
import type { AppearanceRequest } from './signatureAppearance';
import type { Signer } from './signer';
import { signatureTimestampAttribute } from './timestamp';
import { judgeReport } from './signatureVerdict';
import { verifyPdf } from './verifyPdf';

const PKCS11_MODULE_KEY = 'signing.pkcs11Module';
const TSA_URL_KEY = 'signing.tsaUrl';
/** Progress events at most this often: enough for a smooth bar, few enough not to flood the transport. */
const PROGRESS_INTERVAL_MS = 150;

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
  openPkcs11?: (modulePath: string) => Pkcs11Module;
}

export interface SigningService {
  verify(hash: string): Promise<VerifyOutput>;
  /** The verdict in short for `incoming.analyze`; undefined for a file that is not a readable PDF. */
  summarize(file: string): Promise<SignatureSummary | undefined>;
  trustList(): Promise<TrustedCertificate[]>;
  /** Adds the certificates of a PEM or DER file in the content store: self-signed CAs as roots, other CAs as intermediates. */
  trustAdd(hash: string): Promise<TrustedCertificate[]>;
  trustRemove(fingerprint: string): Promise<TrustedCertificate[]>;
  settings(): Promise<Output<'signing.settings'>>;
  saveSettings(input: ParsedInput<'signing.saveSettings'>): Promise<Output<'signing.saveSettings'>>;
  certificates(input: ParsedInput<'signing.certificates'>): Promise<SigningCertificate[]>;
  sign(input: ParsedInput<'signing.sign'>): Promise<Output<'signing.sign'>>;
  versions(documentId: string): Promise<AttachmentVersion[]>;
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
  const openModule = deps.openPkcs11 ?? openPkcs11Module;

  async function verifyFile(file: string): Promise<VerifyOutput> {
    const trusted = await repo.trusted();
    const report = await verifyPdf(file, {
      trustedRoots: trusted.filter((t) => t.role === 'root').map((t) => t.der),
      extraCertificates: trusted.filter((t) => t.role === 'intermediate').map((t) => t.der),
      // Offline: what the file's DSS says. A clerk's machine may have no network, and a wait would hold the view.
      checkRevocation: dssRevocationChecker(),
    });
    return judgeReport(report);
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

  /** Opens the key the source names; `close` releases a token session. Errors carry the engine's Vietnamese reasons. */
  async function openSigner(source: ParsedInput<'signing.sign'>['source'], secret: string): Promise<{ signer: Signer; close(): Promise<void> }> {
    if (source.kind === 'p12') {
      const bytes = deps.keyFiles.read(source.handle);
      return { signer: openP12Signer(bytes, secret), close: async () => {} };
    }
    const module = openModule(await modulePath());
    try {
      const signer = await module.openSigner({ pin: secret, token: source.token, keyLabel: source.keyLabel });
      return {
        signer,
        close: async () => {
          await signer.close();
          module.close();
        },
      };
    } catch (error) {
      module.close();
      throw error;
    }
  }

  /** Emits a phase's first and last report always, and the ones between at most every PROGRESS_INTERVAL_MS. */
  function progress(jobId: string) {
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

  async function appearanceFor(input: ParsedInput<'signing.sign'>, arrival: { number: number; date: string }): Promise<AppearanceRequest> {
    const rect = input.placement;
    const image = input.image ? await fs.readFile(await requireContent(input.image)) : undefined;
    switch (input.kind) {
      case 'approval':
      case 'issue': {
        if (!rect) throw new AppError('BAD_INPUT', msg('signingUi.placementRequired'), { placement: msg('signingUi.placementRequired') });
        if (!image) throw new AppError('BAD_INPUT', msg(input.kind === 'issue' ? 'signing.sealRequired' : 'signing.imageRequired'), { image: msg('signing.imageRequired') });
        if (input.kind === 'approval') return { kind: 'approval', rect, image };
        if (!input.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'), { numberNotation: msg('signing.numberRequired') });
        return { kind: 'issue', rect, image, numberNotation: input.numberNotation, ...(input.date ? { date: input.date } : {}) };
      }
      case 'attachment':
        if (!input.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'), { numberNotation: msg('signing.numberRequired') });
        return { kind: 'attachment', numberNotation: input.numberNotation };
      case 'receipt': {
        const profile = await deps.org.require();
        return {
          kind: 'receipt',
          ...(rect ? { rect } : {}),
          receipt: { number: String(arrival.number), date: arrival.date, organisation: profile.name.toUpperCase() },
        };
      }
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
    const source = await requireContent(target.hash);
    const report = progress(input.jobId);
    report('preparing');

    const tsaUrl = await repo.setting(TSA_URL_KEY);
    await fs.mkdir(deps.workDir, { recursive: true });
    const output = path.join(deps.workDir, `${input.jobId}.pdf`);
    try {
      const appearance = await appearanceFor(input, { number: detail.document.arrivalNumber, date: detail.document.arrivalDate });
      const opened = await openSigner(input.source, input.secret);
      let certificate: CertificateInfo;
      try {
        certificate = describeCertificate(opened.signer.certificate);
        await signPdf({
          input: source,
          output,
          signer: opened.signer,
          appearance,
          ...(tsaUrl ? { unsignedAttributesFor: signatureTimestampAttribute({ url: tsaUrl }) } : {}),
          onProgress: (p) => report(p.phase, p.done, p.total),
        });
      } finally {
        await opened.close();
      }

      const signedSize = (await fs.stat(output)).size;
      report('storing', 0, signedSize);
      let stored = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          stored += chunk.length;
          report('storing', stored, signedSize);
          done(null, chunk);
        },
      });
      const put = await content.put(createReadStream(output).pipe(counter));
      report('verifying');
      const verification = await verifyFile(content.pathOf(put.hash));
      const own = verification.signatures.at(-1);
      // A signature we just made that does not verify is a defect, never a version.
      if (!own || !own.intact || !own.coversRevision) throw new AppError('INTERNAL', msg('signingUi.signedBroken'));

      const actor = await deps.org.actor();
      const at = now().toISOString();
      const recorded = await repo.addVersion({
        documentId: input.documentId,
        position: target.position,
        basedOn: target.hash,
        hash: put.hash,
        name: target.name,
        size: put.size,
        actor,
        at,
        event: {
          signatureKind: input.kind,
          signedHash: target.hash,
          certificate: {
            subject: certificate.subjectCommonName,
            issuer: certificate.issuerCommonName,
            serialNumber: certificate.serialNumber,
            fingerprint: certificate.sha256Fingerprint,
          },
        },
      });
      if (recorded === null) throw new AppError('BAD_INPUT', msg('signingUi.changedMeanwhile'));
      events.emit('incoming.changed', { id: input.documentId });
      // Used up: the key file leaves memory with the signing it was chosen for.
      if (input.source.kind === 'p12') deps.keyFiles.release(input.source.handle);
      report('done', put.size, put.size);
      return {
        version: { position: target.position, version: recorded, hash: put.hash, name: target.name, size: put.size, createdAt: at, actor: actor.name },
        verification,
      };
    } catch (error) {
      report('failed');
      throw error;
    } finally {
      await fs.rm(output, { force: true });
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
        const signer = openP12Signer(bytes, input.password);
        const info = describeCertificate(signer.certificate);
        return [{ ...certificateView(info), source: { kind: 'p12', handle: input.handle }, label: info.subjectCommonName, refusal: signingRefusal(signer.certificate, at) }];
      }
      const module = openModule(await modulePath());
      try {
        return module.listTokens().flatMap((token) =>
          module
            .listCertificates(token.label)
            .filter((c) => c.hasKeyPair)
            .map((c) => ({
              ...certificateView(c.info),
              source: { kind: 'pkcs11' as const, token: token.label, keyLabel: c.label },
              label: `${token.label} · ${c.label}`,
              refusal: signingRefusal(c.certificate, at),
            })),
        );
      } finally {
        module.close();
      }
    },
    sign,
    versions: async (documentId) => (await repo.versions(documentId)).map(({ documentId: _, ...v }) => v),
  };
}
