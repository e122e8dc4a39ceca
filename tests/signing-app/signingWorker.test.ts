/**
 * The signing engine's heavy work stays off the thread that, in the app, paints the window and answers IPC: while
 * the service decodes a strongly protected .p12, verifies a 3,000-page PDF or signs on a PKCS#11 token, a 5 ms timer
 * on this thread keeps ticking. Each operation still gives what it gave before (our verdict, and poppler's pdfsig).
 * A signing thread that crashes or stops answering fails its job in Vietnamese and is replaced on the next call.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { createSigningWorker } from '../../electron/core/signing/signers/signingWorker';
import { msg } from '../../shared/messages';
import { createSoftToken, SOFTHSM_MODULE } from '../signing-token/softToken';
import { pdfsig } from '../signing/pdfTools';
import { call, fields, openTestCore } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';

/**
 * The longest this thread may stay busy between two ticks of the probe. Run here, the same operations kept it busy
 * for 0.2 to 15 s at a time. Busy time is the event loop's own accounting less this thread's garbage collection, so
 * neither a loaded machine slow to wake an idle thread nor a collection stretched by it counts (on 2 overloaded
 * cores both reached 250 ms with the engine's work elsewhere); the engine's work, were it here, would.
 */
const MAX_BUSY_MS = 100;
const PIN = '246810';

let pki: TestPki;
let work: string;
let env: Awaited<ReturnType<typeof openTestCore>>;
let core: Core;
let strongP12: string;
let letter: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-signing-worker-'));
  pki = createTestPki();
  // The key under 200,000 PBKDF2 iterations: node-forge, which decodes it in JavaScript, takes seconds. The
  // certificates are left unencrypted so the test pays for that once per decoding, not twice.
  strongP12 = join(work, 'strong.p12');
  const args = ['-iter', '200000', '-certpbe', 'NONE', '-inkey', pki.leaf.keyPath, '-in', pki.leaf.certPath, '-certfile', pki.intermediate.certPath];
  execFileSync('openssl', ['pkcs12', '-export', ...args, '-out', strongP12, '-passout', 'env:P12_PASSWORD'], {
    env: { ...process.env, P12_PASSWORD: pki.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  letter = await makeDocumentPdf('congVan');
  env = await openTestCore();
  core = env.core;
  await call(core, 'signing.trustAdd', { hash: (await core.stage(readFileSync(pki.root.certPath), 'root.pem')).hash });
  // Start the signing and text threads once, so the probes see the operations and not the threads' one-time start
  // (under tsx, compiling the sources) competing for the processor.
  const warm = await core.stage(readFileSync(letter), 'cong-van.pdf');
  await call(core, 'incoming.analyze', { hash: warm.hash, name: warm.name });
}, 60_000);

afterAll(() => {
  env?.dispose();
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
  cleanupFixtures();
});

interface Watched<T> {
  value: T;
  /** The longest time between two ticks of the probe, and the part of it this thread spent running code. */
  gapMs: number;
  busyMs: number;
  tookMs: number;
}

/** Runs `operation` while a 5 ms timer ticks on this thread. */
async function watched<T>(operation: () => Promise<T>): Promise<Watched<T>> {
  const start = performance.now();
  const intervals: { from: number; to: number; active: number }[] = [];
  let last = { at: start, loop: performance.eventLoopUtilization() };
  const tick = () => {
    const now = { at: performance.now(), loop: performance.eventLoopUtilization() };
    intervals.push({ from: last.at, to: now.at, active: performance.eventLoopUtilization(now.loop, last.loop).active });
    last = now;
  };
  const collections: { from: number; to: number }[] = [];
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => collections.push({ from: e.startTime, to: e.startTime + e.duration })));
  gc.observe({ entryTypes: ['gc'] });
  const ticker = setInterval(tick, 5);
  try {
    const value = await operation();
    tick();
    const tookMs = performance.now() - start;
    // Collections are reported after the fact.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const collecting = (from: number, to: number) => collections.reduce((sum, c) => sum + Math.max(0, Math.min(to, c.to) - Math.max(from, c.from)), 0);
    return {
      value,
      gapMs: Math.max(...intervals.map((i) => i.to - i.from)),
      busyMs: Math.max(...intervals.map((i) => i.active - collecting(i.from, i.to))),
      tookMs,
    };
  } finally {
    clearInterval(ticker);
    gc.disconnect();
  }
}

function expectFree(operations: Record<string, Watched<unknown>>): void {
  const seen = Object.fromEntries(Object.entries(operations).map(([name, o]) => [name, { gap: Math.round(o.gapMs), busy: Math.round(o.busyMs), took: Math.round(o.tookMs) }]));
  console.log('GAPS', JSON.stringify(seen));
  const blocked = Object.entries(seen).filter(([, o]) => o.busy >= MAX_BUSY_MS);
  expect(blocked, `longest gap and busy time between ticks, and duration (ms): ${JSON.stringify(seen)}`).toEqual([]);
}

async function registered(file: string, name: string) {
  const ref = await core.stage(readFileSync(file), name);
  const out = await call(core, 'incoming.register', { fields: fields({ codeNumber: String(Math.floor(Math.random() * 100000)) }), attachments: [{ hash: ref.hash, name }] });
  if (out.kind !== 'registered') throw new Error('not registered');
  return { documentId: out.document.id, hash: ref.hash };
}

/** A plain PDF of `pages` pages, one line of text each, written directly: 3,000 pages in a few milliseconds. */
function manyPagesPdf(file: string, pages: number): void {
  const bodies = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: string[] = [];
  for (let i = 0; i < pages; i++) {
    const page = bodies.length + 1;
    const text = `BT /F1 12 Tf 72 770 Td (Trang ${i + 1}) Tj ET`;
    kids.push(`${page} 0 R`);
    bodies.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`);
    bodies.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  bodies[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.7\n';
  const offsets = bodies.map((body, index) => {
    const at = out.length;
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(file, out, 'latin1');
}

describe('the main thread stays free', () => {
  it('while a .p12 protected with 200,000 iterations is listed and signed with', async () => {
    const { documentId, hash } = await registered(letter, 'cong-van.pdf');
    const key = await core.keyFiles.put(readFileSync(strongP12), 'strong.p12');

    const listing = await watched(() => call(core, 'signing.certificates', { kind: 'p12', handle: key.handle, password: pki.password }));
    expect(listing.value).toMatchObject([{ subjectCommonName: 'Nguyễn Văn An', refusal: null, source: { kind: 'p12', handle: key.handle } }]);
    const signing = await watched(() =>
      call(core, 'signing.sign', { documentId, hash, source: { kind: 'p12', handle: key.handle }, secret: pki.password, kind: 'attachment', numberNotation: '7/UBND', jobId: randomUUID() }),
    );
    expect(signing.value.verification).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Nguyễn Văn An', intact: true, coversWholeFile: true }] });
    expect(pdfsig(core.content.pathOf(signing.value.version.hash))).toMatchObject([{ valid: true, totalDocumentSigned: true, commonName: 'Nguyễn Văn An' }]);

    // The decoding is long enough that, on this thread, the probe would have seen it.
    expect(listing.tookMs).toBeGreaterThan(MAX_BUSY_MS);
    expectFree({ listing, signing });
  }, 40_000);

  it('while a 3,000-page PDF is signed twice, verified and checked at analyze time', async () => {
    const thick = join(work, 'ho-so-3000-trang.pdf');
    manyPagesPdf(thick, 3000);
    const { documentId, hash } = await registered(thick, 'ho-so.pdf');
    const sign = async (basedOn: string, kind: 'receipt' | 'attachment') => {
      const key = await core.keyFiles.put(readFileSync(pki.leaf.p12Path!), 'leaf.p12');
      const job = { documentId, hash: basedOn, source: { kind: 'p12' as const, handle: key.handle }, secret: pki.password, jobId: randomUUID() };
      return watched(() => call(core, 'signing.sign', kind === 'receipt' ? { ...job, kind } : { ...job, kind, numberNotation: '8/UBND' }));
    };
    const receipt = await sign(hash, 'receipt');
    // The second signature leaves a revision after the first, whose pages the verifier then compares, all 3,000.
    const signing = await sign(receipt.value.version.hash, 'attachment');
    const signed = signing.value.version.hash;
    expect(pdfsig(core.content.pathOf(signed))).toMatchObject([{ valid: true }, { valid: true, totalDocumentSigned: true }]);

    const verifying = await watched(() => call(core, 'signing.verify', { hash: signed }));
    expect(verifying.value).toMatchObject({ verdict: 'valid', signatures: [{ intact: true, changesAfter: 'allowed' }, { intact: true, coversWholeFile: true, changesAfter: 'none' }] });
    expect(verifying.value).toEqual(signing.value.verification);
    // The text thread stops after half a minute idle; this first analysis starts it again outside the measurement.
    expect((await call(core, 'incoming.analyze', { hash, name: 'ho-so.pdf' })).signatures).toEqual({ verdict: 'unsigned', count: 0, problems: [] });
    const analyzing = await watched(() => call(core, 'incoming.analyze', { hash: signed, name: 'ho-so.pdf' }));
    expect(analyzing.value.signatures).toEqual({ verdict: 'valid', count: 2, problems: [] });

    expectFree({ receipt, signing, verifying, analyzing });
  }, 40_000);

  it.skipIf(!SOFTHSM_MODULE)('while a PKCS#11 token (SoftHSM2) lists its keys and signs', async () => {
    const token = createSoftToken(join(work, 'token'), 'Token Worker', PIN, [{ label: 'Ky so', id: '21', type: 'rsa:2048', commonName: 'Trần Thị Token' }], {
      certPath: pki.intermediate.certPath,
      keyPath: pki.intermediate.keyPath,
      chainOnToken: [pki.intermediate.certPath],
    });
    // SoftHSM reads its configuration from the environment each time the library is initialised.
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    await call(core, 'signing.saveSettings', { pkcs11Module: SOFTHSM_MODULE, tsaUrl: null });
    const { documentId, hash } = await registered(letter, 'cong-van.pdf');

    const listing = await watched(() => call(core, 'signing.certificates', { kind: 'pkcs11' }));
    expect(listing.value).toMatchObject([{ subjectCommonName: 'Trần Thị Token', source: { kind: 'pkcs11', token: 'Token Worker', keyLabel: 'Ky so' } }]);
    const signing = await watched(() =>
      call(core, 'signing.sign', { documentId, hash, source: listing.value[0]!.source, secret: PIN, kind: 'attachment', numberNotation: '9/UBND', jobId: randomUUID() }),
    );
    expect(signing.value.verification).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Trần Thị Token', intact: true }] });
    expect(pdfsig(core.content.pathOf(signing.value.version.hash))).toMatchObject([{ valid: true, totalDocumentSigned: true, commonName: 'Trần Thị Token' }]);

    expectFree({ listing, signing });
  }, 40_000);
});

describe('a signing thread that fails', () => {
  /**
   * A stand-in for the compiled thread: its first job makes it misbehave; any later thread of the same file answers,
   * which shows that the next call got a fresh thread.
   */
  function fakeThread(misbehave: string): string {
    const file = join(work, `fake-${randomUUID()}.mjs`);
    const marker = `${file}.used`;
    writeFileSync(
      file,
      [
        "import { existsSync, writeFileSync } from 'node:fs';",
        "import { parentPort } from 'node:worker_threads';",
        'parentPort.on(\'message\', ({ id }) => {',
        `  if (existsSync(${JSON.stringify(marker)})) return parentPort.postMessage({ id, kind: 'done', value: 'fresh' });`,
        `  writeFileSync(${JSON.stringify(marker)}, '');`,
        `  ${misbehave}`,
        '});',
        "parentPort.postMessage('signing-thread-ready');",
      ].join('\n'),
    );
    return file;
  }
  const job = { trustedRoots: [], extraCertificates: [], revocation: { online: false } };

  it('a crash fails the job in Vietnamese and the next call gets a fresh thread', async () => {
    const worker = createSigningWorker({ entry: fakeThread('process.exit(3);') });
    await expect(worker.verifyFile(letter, job)).rejects.toMatchObject({ code: 'INTERNAL', message: msg('signingWorker.crashed') });
    expect(await worker.verifyFile(letter, job)).toBe('fresh');
    worker.close();
  });

  it('a thread silent past the limit is stopped, its job fails in Vietnamese, and the next call gets a fresh thread', async () => {
    const worker = createSigningWorker({ entry: fakeThread('for (;;) {}'), silenceLimitMs: 1000 });
    await expect(worker.verifyFile(letter, job)).rejects.toMatchObject({ code: 'INTERNAL', message: msg('signingWorker.timedOut', { seconds: 1 }) });
    expect(await worker.verifyFile(letter, job)).toBe('fresh');
    worker.close();
  });

  it('a closed worker starts again on the next call', async () => {
    const worker = createSigningWorker();
    const first = worker.readP12Certificate(readFileSync(pki.leaf.p12Path!), pki.password);
    worker.close();
    await expect(first).rejects.toMatchObject({ message: msg('signingWorker.stopped') });
    const certificate = await worker.readP12Certificate(readFileSync(pki.leaf.p12Path!), pki.password);
    expect(Buffer.from(certificate).equals(Buffer.from(pki.leaf.certDer))).toBe(true);
    worker.close();
  }, 30_000);
});

describe('the thread as the app bundles it', () => {
  // Inside the repository, as in the package: the bundle finds pkcs11js in node_modules and the fonts in resources/.
  const appRoot = resolve('tests', '.artifacts', `signing-worker-${process.pid}`);
  afterAll(() => rmSync(appRoot, { recursive: true, force: true }));

  it('signs with its appearance fonts and verifies, from dist/electron/signingWorker.cjs', async () => {
    mkdirSync(appRoot, { recursive: true });
    symlinkSync(resolve('resources'), join(appRoot, 'resources'), 'dir');
    const { buildElectron } = (await import(pathToFileURL(resolve('electron/build.mjs')).href)) as {
      buildElectron(options: { quiet: boolean; outdir: string }): Promise<{ signingWorker: string }>;
    };
    const { signingWorker } = await buildElectron({ quiet: true, outdir: join(appRoot, 'dist', 'electron') });
    const worker = createSigningWorker({ entry: signingWorker });
    try {
      const output = join(work, 'bundled-signed.pdf');
      const key = { kind: 'p12' as const, bytes: readFileSync(pki.leaf.p12Path!), secret: pki.password };
      const signed = await worker.signPdf({ input: letter, output, key, appearance: { kind: 'attachment', numberNotation: '10/UBND' }, extraCertificates: [] });
      expect(Buffer.from(signed.certificate).equals(Buffer.from(pki.leaf.certDer))).toBe(true);
      const verdict = await worker.verifyFile(output, { trustedRoots: [pki.root.certDer], extraCertificates: [], revocation: { online: false } });
      expect(verdict).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Nguyễn Văn An', intact: true, coversWholeFile: true }] });
      expect(pdfsig(output)).toMatchObject([{ valid: true, totalDocumentSigned: true }]);
    } finally {
      worker.close();
    }
  }, 30_000);
});
