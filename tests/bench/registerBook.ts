/**
 * A big department's year: `npm run bench -- registerBook [entries=20000]`.
 * Prints one JSON line per measurement and exits non-zero when a format takes more than a minute or its peak memory
 * grows by more than 1 GB.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportRegisterBook, registerBookFileName } from '../../electron/core/register-book/registerBookExport';
import { makeBook, makeEntries } from '../register-book/registerBookFixtures';
import { emit as emitLine } from './report';

const LIMIT_SECONDS = 60;
const LIMIT_BYTES = 1e9;

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  emitLine({ scenario: 'registerBook', metric, value, unit, ...extra });
}

export async function runRegisterBookBench(args: string[]): Promise<void> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
  const book = makeBook(makeEntries(count));
  const out = join('tests', '.artifacts', 'register-book');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const format of ['pdf', 'xlsx'] as const) {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    // The writers yield to the event loop now and then, which is when this samples.
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const bytes = await exportRegisterBook(book, format);
    const seconds = (performance.now() - started) / 1000;
    // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    writeFileSync(join(out, `bench-${registerBookFileName(book, format)}`), bytes);
    emit(`${format}.seconds`, Number(seconds.toFixed(2)), 's', { entries: count });
    emit(`${format}.cpuSeconds`, Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), 's', { entries: count });
    emit(`${format}.bytes`, bytes.length, 'B', { entries: count });
    emit(`${format}.peakRssGrowth`, Math.round((peak - baseline) / 1e6), 'MB', { entries: count });
    if (seconds > LIMIT_SECONDS || peak - baseline > LIMIT_BYTES) failed = true;
  }
  if (failed) process.exitCode = 1;
}

