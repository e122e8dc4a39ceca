/**
 * The seeded sync simulation (tests/support/syncSimulation.ts) over a few dozen seeds: one server on embedded
 * PostgreSQL, each seed its own organisation, a few seeds at a time. A failing seed names itself; `SYNC_SEED=<n>`
 * replays that one alone. `npm run bench -- sync-sim --seeds 1000` runs many more.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationServer } from '../support/syncSimulation';
import { useTestPostgres } from '../support/testPostgres';
import { useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const SEEDS = process.env.SYNC_SEED ? [Number(process.env.SYNC_SEED)] : Array.from({ length: 20 }, (_, i) => i + 1);
let server: Promise<SimulationServer> | undefined;

describe.concurrent('sync under a bad link, seeded', () => {
  for (const seed of SEEDS) {
    it(`keeps every promise with SEED=${seed}`, async () => {
      server ??= servers.start({ closeConnections: true });
      const result = await simulate(await server, { seed });
      expect(result.failures, `SEED=${seed} failed; replay with SYNC_SEED=${seed}`).toEqual([]);
    });
  }
});
