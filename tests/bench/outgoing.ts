/**
 * `npm run bench -- outgoing [--docs N] [--size MB] [--runs R]`:
 * - issuing: R approved drafts of about `size` MB (a Decree 30 page waiting for its number, then scanned-image pages)
 *   are issued one after another (number, date written in, seal over the approval); wall time per issue, and the peak
 *   RSS of a child process that opens the core and issues one, through tsx as the command line runs (its loader
 *   included) and bundled with the compiled threads as the app runs;
 * - the outgoing list and search over N issued documents (default 200,000) put in through the bulk path.
 * One JSON line per measure.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { createCore, type Core } from '../../electron/core/app';
import { openDatabase } from '../../electron/core/db/database';
import { createOutgoingRepo, type NewOutgoing } from '../../electron/core/db/outgoingRepo';
import { proposeIssuePlacesOf } from '../../electron/core/signing/appearance/signaturePlaces';
import { foldVietnamese } from '../../shared/domain/fold';
import type { IssuePlaces } from '../../shared/domain/issuePlaces';
import { outgoingCode, outgoingDocumentId } from '../../shared/domain/outgoing';
import { ORG_SETUP, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';
import { makeIncomingGenerator, RARE_WORDS } from './realisticIncoming';
import { emit, percentile } from './report';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'tests/bench/issueChild.ts';
const BATCH = 5_000;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** The draft page followed by pages of incompressible image data, to about `megabytes` MB. */
export async function bigDraft(megabytes: number): Promise<Buffer> {
  const page1 = await makeDocumentPdf('quyetDinh', {
    codeNumber: '\u00a0'.repeat(10),
    dateText: `ngày${'\u00a0'.repeat(6)}tháng${'\u00a0'.repeat(6)}năm 2026`,
    signerName: 'Trần Văn Hùng',
  });
  const doc = await PDFDocument.load(readFileSync(page1));
  const side = 591; // 591 × 591 × 3 bytes ≈ 1 MB a page
  for (let i = 1; i < megabytes; i++) {
    const pixels = randomBytes(side * side * 3);
    const image = doc.context.register(
      PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }), pixels),
    );
    const page = doc.addPage([595, 842]);
    page.node.setXObject(PDFName.of('Im0'), image);
    const content = doc.context.flateStream('q 500 0 0 500 47 171 cm /Im0 Do Q');
    page.node.set(PDFName.of('Contents'), doc.context.register(content));
  }
  // Pages added after the document's own would put the signer's block on an image page: keep the text page last.
  const bytes = await doc.save({ useObjectStreams: false });
  return Buffer.from(bytes);
}

async function approvedDrafts(core: Core, draft: Buffer, count: number, p12: string, password: string): Promise<string[]> {
  const profile = (await core.org.get())!;
  const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
  await core.org.actAs(leader.id);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // A byte of difference per draft: each is its own file, as each real draft is.
    const main = await core.stage(Buffer.concat([draft, Buffer.from(`\n% ${i}\n`)]), `du-thao-${i}.pdf`);
    const doc = await core.outgoing.create({
      fields: { typeName: 'Quyết định', subject: `Về việc thử phát hành số ${i}`, copyKind: 'none', legalNormative: false, draftingUnitId: null, signerId: leader.id, signerAuthority: '', signerPosition: '', recipients: [], priority: 0, issuedAmount: 1, dueDate: null, note: '', replyTo: null },
      main: { hash: main.hash, name: main.name },
      work: null,
      attachments: [],
    });
    const key = await core.keyFiles.put(readFileSync(p12), 'leader.p12');
    await core.outgoing.sign({ id: doc.id, source: { kind: 'p12', handle: key.handle }, secret: password, comment: '', jobId: randomUUID() });
    ids.push(doc.id);
  }
  await core.org.actAs(profile.staff.find((s) => s.role === 'van_thu')!.id);
  return ids;
}

/** `places`: the number and date places as the app's viewer proposes them before the clerk issues; without them the
 * core takes those the approval recorded (the command line's way). */
async function issueOne(core: Core, id: string, p12: string, password: string, seal: string, places?: IssuePlaces) {
  const key = await core.keyFiles.put(readFileSync(p12), 'org.p12');
  return core.outgoing.issue({ id, source: { kind: 'p12', handle: key.handle }, secret: password, seal, jobId: randomUUID(), ...places });
}

/**
 * A bench child (`entry`, a file under the root) and the threads compiled as the app's are (electron/build.mjs), in a
 * folder two below the root as they expect.
 */
export async function bundledChild(entry: string, outdir: string): Promise<{ child: string; signingWorker: string; pdfTextWorker: string }> {
  const build = (await import(pathToFileURL(path.join(ROOT, 'electron/build.mjs')).href)) as {
    buildElectron(options: { quiet: boolean; outdir: string }): Promise<{ signingWorker: string; pdfTextWorker: string }>;
    bundleCoreEntry(entry: string, outfile: string, options: { quiet: boolean }): Promise<unknown>;
  };
  const child = path.join(outdir, `${path.basename(entry, '.ts')}.cjs`);
  const [threads] = await Promise.all([build.buildElectron({ quiet: true, outdir }), build.bundleCoreEntry(entry, child, { quiet: true })]);
  return { child, signingWorker: threads.signingWorker, pdfTextWorker: threads.pdfTextWorker };
}

async function benchIssuing(megabytes: number, runs: number) {
  const tmp = tempDir('vanthu-bench-outgoing-');
  const bundleDir = path.join(ROOT, 'dist', `bench-${path.basename(tmp.dir)}`);
  const pki = createTestPki();
  try {
    const core = await createCore({ dataDir: tmp.dir });
    await core.dispatch('org.setup', ORG_SETUP);
    const draft = await bigDraft(megabytes);
    const seal = (await core.stage(sealPng(), 'seal.png')).hash;
    const ids = await approvedDrafts(core, draft, 2 * runs + 3, pki.leaf.p12Path!, pki.password);
    const sizeMb = round(draft.length / 2 ** 20);
    await issueOne(core, ids.pop()!, pki.orgLeaf.p12Path!, pki.password, seal); // warm: workers started, fonts loaded
    const proposing: number[] = [];
    const places: IssuePlaces[] = [];
    for (const id of ids.slice(0, runs)) {
      const main = (await core.outgoing.get(id)).document.files.find((f) => f.role === 'main')!;
      const t = performance.now();
      places.push(await proposeIssuePlacesOf(core.content.pathOf(main.hash)));
      proposing.push(performance.now() - t);
    }
    emit({ scenario: 'outgoing', metric: 'propose_issue_places_median', value: round(percentile(proposing, 50)), unit: 'ms', sizeMb });
    for (const [metric, batch, given] of [['issue_places_given', ids.slice(0, runs), true], ['issue_places_recorded', ids.slice(runs, 2 * runs), false]] as const) {
      const times: number[] = [];
      const cpuStart = process.cpuUsage();
      for (const [i, id] of batch.entries()) {
        const t = performance.now();
        await issueOne(core, id, pki.orgLeaf.p12Path!, pki.password, seal, given ? places[i] : undefined);
        times.push(performance.now() - t);
      }
      const cpu = process.cpuUsage(cpuStart);
      emit({ scenario: 'outgoing', metric: `${metric}_median`, value: round(percentile(times, 50)), unit: 'ms', sizeMb, runs, load: round(os.loadavg()[0]!) });
      // All threads of the process (signing and reading threads included), per issue.
      emit({ scenario: 'outgoing', metric: `${metric}_cpu`, value: round((cpu.user + cpu.system) / 1000 / runs), unit: 'ms', sizeMb });
    }
    core.close();
    // The last approved drafts, each issued by a fresh process: its peak RSS is the issue's own, with the core opened.
    const childRss = (args: string[]) => {
      const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KEY_PASSWORD: pki.password } });
      const rss = /peak-rss-kb (\d+)/.exec(child.stdout)?.[1];
      if (!rss) throw new Error(`child issue failed: ${child.stderr}`);
      return Math.round(Number(rss) / 1024);
    };
    const issueArgs = (id: string) => [tmp.dir, id, pki.orgLeaf.p12Path!, seal];
    const note = 'a fresh process opening the core and issuing one with the places the approval recorded';
    emit({ scenario: 'outgoing', metric: 'issue_peak_rss', value: childRss(['--import', 'tsx', CHILD, ...issueArgs(ids.pop()!)]), unit: 'MB', sizeMb, note: `${note}; tsx loader included` });
    const built = await bundledChild(CHILD, bundleDir);
    emit({ scenario: 'outgoing', metric: 'issue_peak_rss_bundled', value: childRss([built.child, ...issueArgs(ids.pop()!), built.signingWorker, built.pdfTextWorker]), unit: 'MB', sizeMb, note: `${note}; bundled, compiled threads` });
  } finally {
    pki.cleanup();
    cleanupFixtures();
    tmp.remove();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

async function benchList(docs: number) {
  const tmp = tempDir('vanthu-bench-outgoing-list-');
  try {
    const core = await createCore({ dataDir: tmp.dir });
    await core.dispatch('org.setup', ORG_SETUP);
    const profile = (await core.org.get())!;
    const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
    const clerk = profile.staff.find((s) => s.role === 'van_thu')!;
    const db = openDatabase(path.join(tmp.dir, 'vanthu.db'));
    const repo = createOutgoingRepo(db);
    const next = makeIncomingGenerator(7);
    const started = performance.now();
    for (let done = 0; done < docs; ) {
      const batch = Array.from({ length: Math.min(BATCH, docs - done) }, (_, i) => {
        const f = next();
        const year = Number(f.issuedDate.slice(0, 4));
        const code = outgoingCode(0, { typeName: f.typeName, copyKind: 'none', organAbbrev: 'UBND', unitAbbrev: 'VP' });
        const doc: NewOutgoing = {
          id: randomUUID(),
          fields: { typeName: f.typeName, subject: f.subject, copyKind: 'none', legalNormative: false, draftingUnitId: null, signerId: leader.id, signerName: leader.fullName, signerPosition: leader.position, signerAuthority: '', priority: f.priority, issuedAmount: 1, dueDate: f.dueDate, note: '' },
          recipients: [{ kind: 'external', id: null, organId: '000.00.00.H41', name: f.organName }],
          files: [],
          searchText: foldVietnamese([f.subject, f.typeName, leader.fullName, f.organName].join('\n')),
          actor: { id: clerk.id, name: clerk.fullName },
          at: new Date().toISOString(),
        };
        return { ...doc, registerId: 'outgoing', registerName: 'Sổ đăng ký văn bản đi', year, number: done + i, codeNumber: '', codeNotation: code.codeNotation, issuedDate: f.issuedDate, documentId: outgoingDocumentId('000.12.34.H41', f.issuedDate, String(done + i), code.codeNotation) };
      });
      await repo.insertIssuedMany(batch);
      done += batch.length;
    }
    emit({ scenario: 'outgoing', metric: 'bulk_insert_rate', value: Math.round(docs / ((performance.now() - started) / 1000)), unit: 'docs/s', docs });
    db.close();
    await core.org.actAs(clerk.id);

    const page = { offset: 0, limit: 100 };
    const measure = async (metric: string, call: (i: number) => Promise<{ total: number; totalCapped: boolean }>) => {
      await call(0);
      const times: number[] = [];
      const totals = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const t = performance.now();
        const r = await call(i);
        times.push(performance.now() - t);
        totals.add(`${r.total}${r.totalCapped ? '+' : ''}`);
      }
      emit({ scenario: 'outgoing', metric: `${metric}_p50`, value: round(percentile(times, 50)), unit: 'ms', docs, matches: [...totals].slice(0, 6).join(' ') });
      emit({ scenario: 'outgoing', metric: `${metric}_p95`, value: round(percentile(times, 95)), unit: 'ms', docs });
    };
    const list = (input: Parameters<Core['outgoing']['list']>[0]) => core.outgoing.list(input);
    const year = (i: number) => 2020 + (i % 7);
    await measure('list_first_page', () => list({ filter: {}, ...page }));
    await measure('list_mine', () => list({ filter: { mine: true }, ...page }));
    await measure('list_by_number_desc', () => list({ filter: {}, sort: { by: 'codeNumber', dir: 'desc' }, ...page }));
    await measure('list_by_issuedDate_desc', () => list({ filter: {}, sort: { by: 'issuedDate', dir: 'desc' }, ...page }));
    await measure('list_year_by_number', (i) => list({ filter: { year: year(i) }, sort: { by: 'codeNumber', dir: 'asc' }, ...page }));
    await measure('list_year_type', (i) => list({ filter: { year: year(i), typeName: ['Công văn', 'Quyết định', 'Kế hoạch'][i % 3]! }, ...page }));
    await measure('list_month_by_issuedDate', (i) => list({ filter: { from: `${year(i)}-06-01`, to: `${year(i)}-06-30` }, sort: { by: 'issuedDate', dir: 'asc' }, ...page }));
    await measure('list_status_issued', () => list({ filter: { status: 'issued' }, ...page }));
    await measure('search_rare_word', (i) => list({ filter: { query: RARE_WORDS[i % RARE_WORDS.length]! }, ...page }));
    await measure('search_common_syllable', () => list({ filter: { query: 'ủy ban' }, ...page }));
    await measure('search_folded_query', (i) => list({ filter: { query: ['quyet dinh dat dai', 'ngan sach nha nuoc', 'van thu luu tru'][i % 3]! }, ...page }));
    await measure('search_year_type_text', (i) => list({ filter: { query: 'chuyen doi so', year: year(i), typeName: ['Công văn', 'Quyết định', 'Kế hoạch'][i % 3]! }, ...page }));
    core.close();
  } finally {
    tmp.remove();
  }
}

export async function runOutgoingBench(args: string[]) {
  const { values } = parseArgs({ args, options: { docs: { type: 'string' }, size: { type: 'string' }, runs: { type: 'string' } }, allowPositionals: true });
  await benchIssuing(Number(values.size ?? 20), Number(values.runs ?? 5));
  await benchList(Number(values.docs ?? 200_000));
}

