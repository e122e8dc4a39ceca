/**
 * `npm run bench -- edxml [--size MB] [--runs R]`: an issued decision with a scanned annex of about `size` MB (default
 * 20), exported as an edXML package by the commune and imported by the province (schema, signatures, register), each
 * R times (default 5) in the bench's process; then each once more by a fresh process (tests/bench/edxmlChild.ts),
 * through tsx and bundled with the compiled threads as the app runs, whose own peak RSS is the operation's with the
 * opened core; the import R times more in one bundled process (the app's time); and 20 ordinary PDFs registered in a
 * row by a bundled process, as a clerk does. One JSON line per measure.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/app';
import { call, ORG_SETUP, tempDir } from '../support/coreFixture';
import { cleanupFixtures, documentSpec, makeDocumentPdfs } from '../support/documentFixtures';
import { PROVINCE } from '../support/edxmlPackages';
import { createTestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';
import { importPackage, openProvince, stagePackage } from './edxmlProvince';
import { bigDraft, bundledChild } from './outgoing';
import { emit, percentile } from './report';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'tests/bench/edxmlChild.ts';
const round = (ms: number) => Math.round(ms * 100) / 100;
const ORDINARY_PDFS = 20;

/** A decision of about `megabytes` MB issued to the province: signed by the chairman, numbered and sealed. */
async function issuedDecision(core: Core, megabytes: number, pki: ReturnType<typeof createTestPki>): Promise<string> {
  const profile = (await core.org.get())!;
  const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
  await core.org.actAs(leader.id);
  const main = await core.stage(await bigDraft(megabytes), 'quyet-dinh.pdf');
  const doc = await call(core, 'outgoing.create', {
    fields: { typeName: 'Quyết định', subject: 'Về việc phê duyệt hồ sơ địa chính', signerId: leader.id, recipients: [{ kind: 'external', organId: PROVINCE.organId, name: PROVINCE.name }] },
    main: { hash: main.hash, name: main.name },
  });
  const key = async (p12: string) => ({ kind: 'p12' as const, handle: (await core.keyFiles.put(readFileSync(p12), 'key.p12')).handle });
  await call(core, 'outgoing.sign', { id: doc.id, source: await key(pki.leaf.p12Path!), secret: pki.password, jobId: randomUUID() });
  await core.org.actAs(profile.staff.find((s) => s.role === 'van_thu')!.id);
  const seal = (await core.stage(sealPng(), 'seal.png')).hash;
  await call(core, 'outgoing.issue', { id: doc.id, source: await key(pki.orgLeaf.p12Path!), secret: pki.password, seal, jobId: randomUUID() });
  return doc.id;
}

/** A fresh process's output and its peak RSS, in MB. */
function runChild(args: string[], env: NodeJS.ProcessEnv = {}): { stdout: string; peakMb: number } {
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const rss = /peak-rss-kb (\d+)/.exec(child.stdout)?.[1];
  if (!rss) throw new Error(`child failed: ${child.stderr}`);
  return { stdout: child.stdout, peakMb: Math.round(Number(rss) / 1024) };
}
const childPeak = (args: string[]) => runChild(args).peakMb;

/**
 * A clerk's registrations of ordinary one-page PDFs in a row (text read, signatures checked, registered), bundled as
 * the app runs: what the threads' start and stop policy costs the clerk.
 */
async function benchOrdinaryRegistrations(built: Awaited<ReturnType<typeof bundledChild>>, dataDir: string) {
  const pdfs = await makeDocumentPdfs(Array.from({ length: ORDINARY_PDFS }, (_, i) => ({ producer: 'chromium' as const, spec: documentSpec('congVan', { codeNumber: String(300 + i) }) })));
  const child = runChild([built.child, 'register', dataDir, pdfs.join(path.delimiter), built.signingWorker, built.pdfTextWorker]);
  const times = /register-ms (.*)/.exec(child.stdout)![1]!.split(' ').map(Number);
  const load = round(os.loadavg()[0]!);
  emit({ scenario: 'edxml', metric: 'register_ordinary_first', value: round(times[0]!), unit: 'ms', note: 'threads starting', load });
  emit({ scenario: 'edxml', metric: 'register_ordinary_median', value: round(percentile(times.slice(1), 50)), unit: 'ms', runs: times.length - 1, load });
  emit({ scenario: 'edxml', metric: 'register_ordinary_total', value: round(times.reduce((a, b) => a + b, 0)), unit: 'ms', pdfs: times.length, peakMb: child.peakMb, load });
}

export async function runEdxmlBench(args: string[]) {
  const { values } = parseArgs({ args, options: { size: { type: 'string', default: '20' }, runs: { type: 'string', default: '5' } } });
  const megabytes = Number(values.size);
  const runs = Number(values.runs);
  const tmp = tempDir('vanthu-bench-edxml-');
  const bundleDir = path.join(ROOT, 'dist', `bench-${path.basename(tmp.dir)}`);
  const pki = createTestPki();
  try {
    const communeDir = path.join(tmp.dir, 'commune');
    const commune = await createCore({ dataDir: communeDir });
    await commune.dispatch('org.setup', ORG_SETUP);
    const id = await issuedDecision(commune, megabytes, pki);
    const packageFile = path.join(tmp.dir, 'goi-tin.edxml');
    const exports: number[] = [];
    const exportCpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const ref = await call(commune, 'exchange.export', { id });
      exports.push(performance.now() - t);
      copyFileSync(commune.content.pathOf(ref.hash), packageFile);
    }
    const exportCpuMs = (process.cpuUsage(exportCpu).user + process.cpuUsage(exportCpu).system) / 1000 / runs;
    commune.close();
    const sizeMb = round(statSync(packageFile).size / 2 ** 20);
    const load = round(os.loadavg()[0]!);
    emit({ scenario: 'edxml', metric: 'export_median', value: round(percentile(exports, 50)), unit: 'ms', packageMb: sizeMb, runs, load });
    emit({ scenario: 'edxml', metric: 'export_cpu', value: round(exportCpuMs), unit: 'ms', packageMb: sizeMb });

    const imports: number[] = [];
    let importCpuMs = 0;
    for (let i = 0; i < runs; i++) {
      // Each import into its own province: the same package twice is a duplicate, refused before the register.
      const province = await openProvince(path.join(tmp.dir, `province-${i}`));
      const hash = await stagePackage(province, packageFile);
      const cpu = process.cpuUsage();
      const t = performance.now();
      await importPackage(province, hash);
      imports.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      importCpuMs += (used.user + used.system) / 1000;
      province.close();
    }
    emit({ scenario: 'edxml', metric: 'import_median', value: round(percentile(imports, 50)), unit: 'ms', packageMb: sizeMb, runs, load: round(os.loadavg()[0]!) });
    emit({ scenario: 'edxml', metric: 'import_cpu', value: round(importCpuMs / runs), unit: 'ms', packageMb: sizeMb });

    // Each once more by a fresh process, through tsx and bundled as the app runs: its own peak RSS.
    const built = await bundledChild(CHILD, bundleDir);
    const ways = [
      ['', ['--import', 'tsx', CHILD], [], 'tsx loader included'],
      ['_bundled', [built.child], [built.signingWorker, built.pdfTextWorker], 'bundled, compiled threads'],
    ] as const;
    for (const [suffix, start, threads, how] of ways) {
      const note = `a fresh process opening the core; ${how}`;
      emit({ scenario: 'edxml', metric: `export_peak_rss${suffix}`, value: childPeak([...start, 'export', communeDir, id, ...threads]), unit: 'MB', packageMb: sizeMb, note });
      const province = path.join(tmp.dir, `province-child${suffix}`);
      emit({ scenario: 'edxml', metric: `import_peak_rss${suffix}`, value: childPeak([...start, 'import', province, packageFile, ...threads]), unit: 'MB', packageMb: sizeMb, note });
    }
    // The app's import time: bundled, R packages one after another in one process, its threads living on between them.
    const bundledImports = runChild([built.child, 'import', path.join(tmp.dir, 'provinces-bundled'), packageFile, built.signingWorker, built.pdfTextWorker], { EDXML_IMPORTS: String(runs) });
    const importTimes = /import-ms (.*)/.exec(bundledImports.stdout)![1]!.split(' ').map(Number);
    emit({ scenario: 'edxml', metric: 'import_median_bundled', value: round(percentile(importTimes, 50)), unit: 'ms', packageMb: sizeMb, runs, first: round(importTimes[0]!), load: round(os.loadavg()[0]!) });
    await benchOrdinaryRegistrations(built, path.join(tmp.dir, 'clerk'));
  } finally {
    pki.cleanup();
    cleanupFixtures();
    tmp.remove();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

