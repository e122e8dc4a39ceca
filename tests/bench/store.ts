/**
 * `npm run bench -- store [--docs N] [--keep | --reuse DIR]`: registers N realistic incoming documents (default
 * 1,000,000) through the bulk path, then measures search, the inbox's first page and the filtered, sorted list with
 * its deep pages. One JSON line per measure.
 * `--keep` keeps the data folder; `--reuse DIR` measures the queries again on such a folder.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/app';
import type { SortKey } from '../../shared/contract';
import { ORG_SETUP, tempDir } from '../support/coreFixture';
import { cpuSeconds, emit, percentile } from './report';
import { makeIncomingGenerator, RARE_WORDS } from './realisticIncoming';

const BATCH = 5_000;

/** The options of a bench on a generated register (`--docs N`, `--keep`, `--reuse DIR`) and a core on its folder. */
export async function openBenchRegister(args: string[], now?: () => Date) {
  const { values } = parseArgs({
    args,
    options: { docs: { type: 'string' }, files: { type: 'string' }, keep: { type: 'boolean' }, reuse: { type: 'string' } },
    allowPositionals: true,
  });
  // --reuse DIR: measure the queries again on a register kept by an earlier --keep run, without registering.
  const tmp = values.reuse ? { dir: values.reuse, remove() {} } : tempDir('vanthu-bench-');
  const core = await createCore({
    dataDir: tmp.dir,
    now,
    // Documents registered in bulk carry no files: the bench measures the register, not PDF parsing.
    analyzeFile: async () => ({ pageCount: null, problem: null, message: null, proposal: {}, text: '' }),
  });
  return { values, tmp, core };
}

export async function runStoreBench(args: string[]) {
  const { values, tmp, core } = await openBenchRegister(args);
  const docs = values.reuse ? (await core.incoming.list({ filter: {}, offset: 0, limit: 1 })).total : Number(values.docs ?? 1_000_000);
  if (!values.reuse) {
    await core.dispatch('org.setup', ORG_SETUP);
    await registerInBulk(core, docs);
  }

  const measure: Measure = async (metric, runs, call) => {
    await call(0); // warm the statement cache and the pages this query touches
    const times: number[] = [];
    const totals: string[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const result = await call(i);
      times.push(performance.now() - t);
      totals.push(`${result.total}${result.totalCapped ? '+' : ''}`);
    }
    // The totals show what was measured: a fast query that found nothing would prove nothing.
    const matches = [...new Set(totals)].slice(0, 8).join(' ');
    emit({ scenario: 'store', metric: `${metric}_p50`, value: round(percentile(times, 50)), unit: 'ms', docs, matches });
    emit({ scenario: 'store', metric: `${metric}_p95`, value: round(percentile(times, 95)), unit: 'ms', docs });
  };
  const list = (input: Parameters<typeof core.incoming.list>[0]) => core.incoming.list(input);
  const page = { offset: 0, limit: 100 };
  await measure('search_rare_word', 40, (i) => list({ filter: { query: RARE_WORDS[i % RARE_WORDS.length]! }, ...page }));
  await measure('search_common_syllable', 40, () => list({ filter: { query: 'ủy ban' }, ...page }));
  await measure('search_folded_query', 40, (i) => list({ filter: { query: ['quyet dinh dat dai', 'ngan sach nha nuoc', 'van thu luu tru'][i % 3]! }, ...page }));
  await measure('search_year_type_text', 40, (i) =>
    list({ filter: { query: 'chuyen doi so', year: 2020 + (i % 7), typeName: ['Công văn', 'Quyết định', 'Kế hoạch'][i % 3]! }, ...page }),
  );
  await measure('inbox_first_page', 40, () => list({ filter: {}, ...page }));
  await measureList(list, measure);
  emit({ scenario: 'store', metric: 'rss_after', value: Math.round(process.memoryUsage().rss / 2 ** 20), unit: 'MB', docs });

  core.close();
  if (values.keep || values.reuse) process.stderr.write(`  data kept in ${tmp.dir}\n`);
  else tmp.remove();
}

export async function registerInBulk(core: Core, docs: number, scenario = 'store') {
  // A register written day by day, as an office's is (a number never arrives before the one below it); in random date
  // order every list index took a new page at a random place for each document.
  const next = makeIncomingGenerator(undefined, undefined, docs);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const loadStart = os.loadavg()[0]!;
  let registered = 0;
  while (registered < docs) {
    const items = Array.from({ length: Math.min(BATCH, docs - registered) }, () => ({ fields: next(), attachments: [] }));
    const kinds = await core.incoming.registerMany(items, 'nhập hàng loạt');
    registered += kinds.length;
    if (registered % 100_000 === 0) {
      const elapsed = (performance.now() - started) / 1000;
      process.stderr.write(`  ${registered} registered in ${elapsed.toFixed(0)} s (${cpuSeconds(cpuStart).toFixed(0)} s of CPU)\n`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // The machine is shared: the load average says how much of the cores this run had, the CPU rate what it cost.
  const load = { loadBefore: round(loadStart), loadAfter: round(os.loadavg()[0]!) };
  emit({ scenario, metric: 'bulk_registration_rate', value: Math.round(docs / seconds), unit: 'docs/s', docs, ...load });
  emit({ scenario, metric: 'bulk_registration_cpu_rate', value: Math.round(docs / cpuSeconds(cpuStart)), unit: 'docs/cpu-s', docs });
}

type List = (input: Parameters<Core['incoming']['list']>[0]) => ReturnType<Core['incoming']['list']>;
type Measure = (metric: string, runs: number, call: (i: number) => Promise<{ total: number; totalCapped: boolean }>) => Promise<void>;

/** The register list without a text query: each sortable column, filters with a sort, a deep page, the issuing body. */
async function measureList(list: List, measure: Measure) {
  const page = { offset: 0, limit: 100 };
  const sorts: [SortKey, 'asc' | 'desc'][] = [
    ['arrivalNumber', 'asc'], ['arrivalDate', 'desc'], ['issuedDate', 'desc'], ['organName', 'asc'], ['dueDate', 'asc'], ['dueDate', 'desc'],
  ];
  for (const [by, dir] of sorts) await measure(`list_sorted_${by}_${dir}`, 40, () => list({ filter: {}, sort: { by, dir }, ...page }));
  const year = (i: number) => 2020 + (i % 7);
  const types = ['Công văn', 'Quyết định', 'Kế hoạch'];
  await measure('list_year_sorted_issuedDate', 40, (i) => list({ filter: { year: year(i) }, sort: { by: 'issuedDate', dir: 'asc' }, ...page }));
  await measure('list_year_type_priority_by_dueDate', 40, (i) =>
    list({ filter: { year: year(i), typeName: types[i % 3]!, priority: 1 + (i % 3) }, sort: { by: 'dueDate', dir: 'asc' }, ...page }),
  );
  await measure('list_year_status_by_dueDate', 40, (i) =>
    list({ filter: { year: year(i), status: 'registered' }, sort: { by: 'dueDate', dir: 'desc' }, ...page }),
  );
  await measure('list_month_by_issuedDate', 40, (i) =>
    list({ filter: { from: `${year(i)}-06-01`, to: `${year(i)}-06-30` }, sort: { by: 'issuedDate', dir: 'asc' }, ...page }),
  );
  // Arrivals over parts of three years, newest issue first: one run per year, merged.
  await measure('list_years_range_by_issuedDate', 40, (i) =>
    list({ filter: { from: `${2021 + (i % 3)}-06-15`, to: `${2023 + (i % 3)}-03-10` }, sort: { by: 'issuedDate', dir: 'desc' }, ...page }),
  );
  // Page 500 of 100 rows, sorted by issue date: by offset (a jump into the middle) and by key (scrolling on from page 499).
  const deep = { filter: {}, sort: { by: 'issuedDate', dir: 'desc' } } as const;
  await measure('list_page500_offset', 20, () => list({ ...deep, offset: 49_900, limit: 100 }));
  const before500 = (await list({ ...deep, offset: 49_800, limit: 100 })).rows.at(-1)!.id;
  await measure('list_page500_keyset', 40, () => list({ ...deep, after: before500, offset: 0, limit: 100 }));
  const bodies = ['so y te', 'bo noi vu', 'uy ban nhan dan tinh ha tinh', 'van phong chinh phu'];
  await measure('list_organ_folded', 40, (i) => list({ filter: { organName: bodies[i % bodies.length]! }, ...page }));
  await measure('list_organ_folded_by_dueDate', 40, (i) =>
    list({ filter: { organName: bodies[i % bodies.length]!, year: year(i) }, sort: { by: 'dueDate', dir: 'asc' }, ...page }),
  );
}

const round = (ms: number) => Math.round(ms * 100) / 100;
