/**
 * `npm run bench -- signing [--sizes 1,20,100] [--runs 3]`: builds PDFs of the given sizes (MB, scanned-document
 * shaped: one uncompressed image per page), signs each twice and verifies, then signs the same files with
 * @signpdf/signpdf for comparison. Every measured step runs in its own child process, so the peak RSS it reports
 * (the child's VmHWM) belongs to that step alone. The child is this file bundled by esbuild, as the packaged app bundles
 * the core, so tsx's loader (about 40 MB) is not counted. One JSON line per measure; medians over --runs.
 * Also runnable directly: `npx tsx tests/bench/signing.ts [--sizes ...]`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { emit, peakRssKb, percentile } from './report';

const THIS_FILE = fileURLToPath(import.meta.url);

/** A PDF of about `megabytes` MB: pages each drawing one 1 MB raw RGB image (incompressible noise), classic xref. */
function buildPdf(file: string, megabytes: number): void {
  const fd = openSync(file, 'w');
  let offset = 0;
  const offsets: number[] = [];
  const write = (data: string | Buffer) => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    offset += b.length;
  };
  const obj = (num: number, body: string | Buffer[]) => {
    offsets[num] = offset;
    write(`${num} 0 obj\n`);
    if (typeof body === 'string') write(body);
    else body.forEach(write);
    write('\nendobj\n');
  };
  const side = 591; // 591 × 591 × 3 bytes ≈ 1 MB
  const pages = Math.max(1, megabytes);
  write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i * 3} 0 R`).join(' ');
  obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) {
    const page = 3 + i * 3;
    obj(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`);
    const content = `q 500 0 0 500 47 171 cm /Im0 Do Q`;
    obj(page + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const pixels = randomBytes(side * side * 3);
    obj(page + 2, [Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`), pixels, Buffer.from('\nendstream')]);
  }
  const size = 3 + pages * 3;
  const xref = offset;
  let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  write(`${table}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}

interface StepResult {
  ms: number;
  /** User + system CPU time of the step: what wall time would be on an idle machine, give or take I/O waits. */
  cpuMs: number;
  /** After loading the code, before the operation. */
  loadedRssMb: number;
  peakRssMb: number;
}

let childBundle = '';

/** Bundles this file for the child processes (node builtins and the code under test inside one ESM file). */
async function bundleChild(dir: string): Promise<void> {
  const esbuild = await import('esbuild');
  childBundle = path.join(dir, 'bench-child.mjs');
  await esbuild.build({
    entryPoints: [THIS_FILE],
    outfile: childBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // CommonJS dependencies (node-forge) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

/** Runs one step in a fresh Node process and returns what it measured about itself. */
function inChild(step: string, params: Record<string, string>): StepResult {
  const args = [childBundle, '--child', step, ...Object.entries(params).flatMap(([k, v]) => [`--${k}`, v])];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`step ${step} failed: ${result.stderr || result.stdout}`);
  return JSON.parse(line) as StepResult;
}

/** The child side: loads the code first (not measured), then times the one operation. */
async function runChild(step: string, p: Record<string, string | undefined>): Promise<void> {
  const { openP12Signer } = await import('../../electron/core/signing/signers/p12Signer');
  const { signPdf } = await import('../../electron/core/signing/pdfSigner');
  const { verifyPdf } = await import('../../electron/core/signing/verify/verifyPdf');
  const { readCertificates } = await import('../../electron/core/signing/pki/certificates');
  let run: () => Promise<unknown>;
  if (step === 'vanthu-sign') {
    const signer = openP12Signer(readFileSync(p.p12!), p.password!);
    run = () => signPdf({ input: p.in!, output: p.out!, signer, fontsDirectory: p.fonts!, appearance: { kind: 'attachment', numberNotation: '125/QĐ-UBND' } });
  } else if (step === 'vanthu-verify') {
    const trustedRoots = readCertificates(readFileSync(p.root!));
    run = async () => {
      const report = await verifyPdf(p.in!, { trustedRoots });
      if (!report.valid) throw new Error('benchmark output did not verify');
    };
  } else if (step === 'signpdf-sign') {
    const { SignPdf } = await import('@signpdf/signpdf');
    const { P12Signer } = await import('@signpdf/signer-p12');
    const { plainAddPlaceholder } = await import('@signpdf/placeholder-plain');
    const signer = new P12Signer(readFileSync(p.p12!), { passphrase: p.password! });
    run = async () => {
      // @signpdf works on the whole file in memory: read, add a placeholder revision, sign, write.
      const withPlaceholder = plainAddPlaceholder({ pdfBuffer: readFileSync(p.in!), reason: 'bench', contactInfo: '', name: 'bench', location: '' });
      writeFileSync(p.out!, await new SignPdf().sign(withPlaceholder, signer));
    };
  } else throw new Error(`unknown step ${step}`);
  const loadedRssMb = process.memoryUsage().rss / 1024 / 1024;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, loadedRssMb, peakRssMb: peakRssKb() / 1024 })}\n`);
}

const median = (values: number[]) => percentile(values, 50);
const round = (n: number) => Math.round(n * 10) / 10;

export async function runSigningBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { sizes: { type: 'string' }, runs: { type: 'string' } }, allowPositionals: true });
  const sizes = (values.sizes ?? '1,20,100').split(',').map(Number);
  const runs = Number(values.runs ?? 3);
  const { createTestPki } = await import('../support/testPki');
  const pki = createTestPki();
  // @signpdf's P12Signer hands the passphrase to node-forge as is, which only works for ASCII: give it its own copy.
  const asciiP12 = path.join(pki.dir, 'bench.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.leaf.keyPath, '-in', pki.leaf.certPath, '-certfile', pki.intermediate.certPath, '-out', asciiP12, '-passout', 'pass:bench']);
  const fonts = path.resolve(path.dirname(THIS_FILE), '../../resources/fonts');
  const key = { p12: asciiP12, password: 'bench', fonts };
  await bundleChild(pki.dir);
  try {
    for (const mb of sizes) {
      const scenario = `signing-${mb}MB`;
      const input = path.join(pki.dir, `in-${mb}.pdf`);
      buildPdf(input, mb);
      const once = path.join(pki.dir, `once-${mb}.pdf`);
      const twice = path.join(pki.dir, `twice-${mb}.pdf`);
      const steps: Record<string, StepResult[]> = {
        first_signature: [],
        second_signature: [],
        verify_two_signatures: [],
        signpdf_first_signature: [],
        signpdf_second_signature: [],
      };
      const signpdfIn = path.join(pki.dir, `signpdf-in-${mb}.pdf`);
      const signpdfOnce = path.join(pki.dir, `signpdf-once-${mb}.pdf`);
      const signpdfTwice = path.join(pki.dir, `signpdf-twice-${mb}.pdf`);
      for (let r = 0; r < runs; r++) {
        steps.first_signature!.push(inChild('vanthu-sign', { ...key, in: input, out: once }));
        steps.second_signature!.push(inChild('vanthu-sign', { ...key, in: once, out: twice }));
        steps.verify_two_signatures!.push(inChild('vanthu-verify', { in: twice, root: pki.rootPemPath }));
        copyFileSync(input, signpdfIn);
        steps.signpdf_first_signature!.push(inChild('signpdf-sign', { ...key, in: signpdfIn, out: signpdfOnce }));
        steps.signpdf_second_signature!.push(inChild('signpdf-sign', { ...key, in: signpdfOnce, out: signpdfTwice }));
        for (const f of [signpdfOnce, signpdfTwice]) rmSync(f, { force: true });
      }
      for (const [metric, results] of Object.entries(steps)) {
        emit({ scenario, metric: `${metric}_wall`, value: round(median(results.map((x) => x.ms))), unit: 'ms', runs, loadAverage: round(loadavg()[0]!) });
        emit({ scenario, metric: `${metric}_cpu`, value: round(median(results.map((x) => x.cpuMs))), unit: 'ms', runs });
        emit({ scenario, metric: `${metric}_peak_rss`, value: round(median(results.map((x) => x.peakRssMb))), unit: 'MB', runs });
        emit({ scenario, metric: `${metric}_rss_after_loading`, value: round(median(results.map((x) => x.loadedRssMb))), unit: 'MB', runs });
      }
      const ratio = (a: StepResult[], b: StepResult[], pick: (x: StepResult) => number) => round(median(a.map(pick)) / median(b.map(pick)));
      // Wall time on a shared machine mostly measures the neighbours; the CPU ratio is the one that carries over.
      const measures = { time: (x: StepResult) => x.ms, cpu: (x: StepResult) => x.cpuMs, rss: (x: StepResult) => x.peakRssMb };
      for (const which of ['first', 'second'] as const) {
        for (const [name, pick] of Object.entries(measures)) {
          const value = ratio(steps[`signpdf_${which}_signature`]!, steps[`${which}_signature`]!, pick);
          emit({ scenario, metric: `signpdf_to_vanthu_${which}_signature_${name}_ratio`, value, unit: 'x', runs });
        }
      }
      for (const f of [input, once, twice, signpdfIn]) rmSync(f, { force: true });
    }
  } finally {
    pki.cleanup();
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const step = process.argv[childAt + 1]!;
    const { values } = parseArgs({
      args: process.argv.slice(childAt + 2),
      options: { in: { type: 'string' }, out: { type: 'string' }, p12: { type: 'string' }, password: { type: 'string' }, root: { type: 'string' }, fonts: { type: 'string' } },
    });
    await runChild(step, values);
  } else await runSigningBench(process.argv.slice(2));
}
