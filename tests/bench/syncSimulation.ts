/**
 * `npm run bench -- sync-sim [--seeds N] [--from N] [--parallel N]`: the seeded sync simulation
 * (tests/support/syncSimulation.ts) over N seeds (default 1000) from `from` (default 1), `parallel` at a time (default
 * 4), on one embedded PostgreSQL and one server. Each failing seed prints its broken promises on stderr; one JSON line
 * per failing seed and a summary line on stdout. Replay a seed with `SYNC_SEED=<n> npx vitest run tests/sync/syncSimulation.test.ts`.
 */
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/app';
import { startEmbeddedPostgres } from '../../server/db/embeddedPostgres';
import { migrate } from '../../server/db/migrate';
import { openPool } from '../../server/db/pool';
import { listen } from '../../server/http/server';
import { tempDir } from '../support/coreFixture';
import { simulate, type SimulationResult } from '../support/syncSimulation';
import { emit, percentile } from './report';

export async function runSyncSimulationBench(args: string[]) {
  const { values } = parseArgs({ args, options: { seeds: { type: 'string' }, from: { type: 'string' }, parallel: { type: 'string' } }, allowPositionals: true });
  const seeds = Number(values.seeds ?? 1000);
  const from = Number(values.from ?? 1);
  const parallel = Number(values.parallel ?? 4);
  const tmp = tempDir('vanthu-bench-sync-');
  // PostgreSQL runs as its own user when the bench runs as root: it must reach its folder inside ours.
  chmodSync(tmp.dir, 0o755);
  const cluster = await startEmbeddedPostgres(path.join(tmp.dir, 'postgres'), { durable: false });
  const pool = openPool(cluster.url);
  await migrate(pool);
  const dataDir = path.join(tmp.dir, 'server');
  const app = await createApp(pool, { dataDir });
  const server = await listen(app.router, { host: '127.0.0.1', port: 0, closeConnections: true });
  const results: SimulationResult[] = [];
  const started = performance.now();
  try {
    let next = from;
    const worker = async () => {
      while (next < from + seeds) {
        const seed = next++;
        const result = await simulate({ url: server.url, pool, dataDir }, { seed }).catch((error: unknown) => ({
          seed, clients: 0, ops: {}, rejected: 0, faults: null, failures: [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], ms: 0,
        }) as unknown as SimulationResult);
        results.push(result);
        if (result.failures.length > 0) {
          console.error(`SEED=${seed} failed:\n  ${result.failures.join('\n  ')}`);
          emit({ scenario: 'sync-sim', metric: 'seed_failed', value: seed, unit: 'seed', failures: result.failures.length });
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    await server.close();
    await app.close();
    await pool.end();
    await cluster.stop();
    tmp.remove();
  }
  const failed = results.filter((r) => r.failures.length > 0).map((r) => r.seed).sort((a, b) => a - b);
  const sum = (pick: (r: SimulationResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  emit({
    scenario: 'sync-sim',
    metric: 'seeds_failed',
    value: failed.length,
    unit: 'seeds',
    seeds: results.length,
    from,
    failed,
    seconds: Math.round((performance.now() - started) / 1000),
    seed_ms_p50: percentile(results.map((r) => r.ms), 50),
    seed_ms_p95: percentile(results.map((r) => r.ms), 95),
    operations: sum((r) => Object.values(r.ops).reduce((a, b) => a + b, 0)),
    offline_rounds: sum((r) => r.ops.syncOffline ?? 0),
    provisional_entries: sum((r) => r.ops.provisional ?? 0),
    rejected: sum((r) => r.rejected),
    connections: sum((r) => r.faults?.connections ?? 0),
    cuts: sum((r) => (r.faults ? r.faults.cutRequests + r.faults.cutResponses : 0)),
    duplicates: sum((r) => r.faults?.duplicates ?? 0),
  });
  if (failed.length > 0) process.exitCode = 1;
}
