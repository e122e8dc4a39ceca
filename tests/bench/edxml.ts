/**
 * `npm run bench -- edxml [--size MB] [--runs R]`: an issued decision with a scanned annex of about `size` MB (default
 * 20), exported as an edXML package by the commune and imported by the province (schema, signatures, register), each
 * R times (default 5) in the bench's process; then each once more by a fresh process, whose peak RSS is the
 * operation's (tsx's loader and the opened core included, so an upper bound). One JSON line per measure.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, createReadStream, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/app';
import type { OrgSetupInput } from '../../shared/contract';
import { ORG_SETUP, tempDir } from '../support/coreFixture';
import { cleanupFixtures } from '../support/documentFixtures';
import { createTestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';
import { bigDraft } from './outgoing';
import { emit, peakRssKb, percentile } from './report';

const THIS_FILE = fileURLToPath(import.meta.url);
const PROVINCE: OrgSetupInput = {
  name: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
  organId: '000.00.00.H41',
  abbrev: 'UBND',
  units: [{ name: 'Văn phòng', abbrev: 'VP' }],
  staff: [{ fullName: 'Võ Thị Hoa', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' }],
};
const round = (ms: number) => Math.round(ms * 100) / 100;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A decision of about `megabytes` MB issued to the province: signed by the chairman, numbered and sealed. */
async function issuedDecision(core: Core, megabytes: number, pki: ReturnType<typeof createTestPki>): Promise<string> {
  const profile = (await core.org.get())!;
  const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
  await core.org.actAs(leader.id);
  const main = await core.stage(await bigDraft(megabytes), 'quyet-dinh.pdf');
  const doc = await call<{ id: string }>(core, 'outgoing.create', {
    fields: { typeName: 'Quyết định', subject: 'Về việc phê duyệt hồ sơ địa chính', signerId: leader.id, recipients: [{ kind: 'external', organId: PROVINCE.organId, name: PROVINCE.name }] },
    main: { hash: main.hash, name: main.name },
  });
  const key = async (p12: string) => ({ kind: 'p12', handle: (await core.keyFiles.put(readFileSync(p12), 'key.p12')).handle });
  await call(core, 'outgoing.sign', { id: doc.id, source: await key(pki.leaf.p12Path!), secret: pki.password, jobId: randomUUID() });
  await core.org.actAs(profile.staff.find((s) => s.role === 'van_thu')!.id);
  const seal = (await core.stage(sealPng(), 'seal.png')).hash;
  await call(core, 'outgoing.issue', { id: doc.id, source: await key(pki.orgLeaf.p12Path!), secret: pki.password, seal, jobId: randomUUID() });
  return doc.id;
}

async function openProvince(dir: string): Promise<Core> {
  const core = await createCore({ dataDir: dir });
  const profile = await call<{ staff: { id: string }[] }>(core, 'org.setup', PROVINCE);
  await core.org.actAs(profile.staff[0]!.id);
  return core;
}

/** The package as an upload puts it in the store, streamed: receiving it is not part of the import. */
const stagePackage = async (core: Core, file: string) => (await core.stage(createReadStream(file), 'goi-tin.edxml')).hash;

async function importPackage(core: Core, hash: string) {
  const outcome = await call<{ kind: string }>(core, 'exchange.import', { hash });
  if (outcome.kind !== 'registered') throw new Error(`import: ${outcome.kind}`);
}

/** A fresh process's peak RSS for one export or import, in MB. */
function childPeak(args: string[]): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', THIS_FILE, ...args], { encoding: 'utf8' });
  const rss = /maxrss (\d+)/.exec(child.stdout)?.[1];
  if (!rss) throw new Error(`child failed: ${child.stderr}`);
  return Math.round(Number(rss) / 1024);
}

export async function runEdxmlBench(args: string[]) {
  const { values } = parseArgs({ args, options: { size: { type: 'string', default: '20' }, runs: { type: 'string', default: '5' } } });
  const megabytes = Number(values.size);
  const runs = Number(values.runs);
  const tmp = tempDir('vanthu-bench-edxml-');
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
      const ref = await call<{ hash: string }>(commune, 'exchange.export', { id });
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

    const note = 'a fresh process opening the core; tsx loader included';
    emit({ scenario: 'edxml', metric: 'export_peak_rss', value: childPeak(['--child-export', communeDir, id]), unit: 'MB', packageMb: sizeMb, note });
    emit({ scenario: 'edxml', metric: 'import_peak_rss', value: childPeak(['--child-import', path.join(tmp.dir, 'province-child'), packageFile]), unit: 'MB', packageMb: sizeMb, note });
  } finally {
    pki.cleanup();
    cleanupFixtures();
    tmp.remove();
  }
}

if (process.argv[2] === '--child-export') {
  const [dataDir, id] = process.argv.slice(3);
  const core = await createCore({ dataDir: dataDir! });
  await call(core, 'exchange.export', { id });
  core.close();
  process.stdout.write(`maxrss ${peakRssKb()}\n`);
  process.exit(0);
}
if (process.argv[2] === '--child-import') {
  const [dataDir, file] = process.argv.slice(3);
  const core = await openProvince(dataDir!);
  await importPackage(core, await stagePackage(core, file!));
  core.close();
  process.stdout.write(`maxrss ${peakRssKb()}\n`);
  process.exit(0);
}
