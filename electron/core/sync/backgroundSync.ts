/**
 * Sync without anyone asking: a round on a timer, shortly after a local change, when the server pokes, and again
 * after a failed round with growing pauses (the link of a commune office comes and goes). Rounds never overlap: the
 * sync service runs at most one and hands the running one to every other caller.
 */
import type { EventHub } from '../events';

export interface BackgroundSyncTiming {
  /** Pause between rounds while all goes well. */
  intervalMs: number;
  /** Quiet time after a local change before its round (a clerk registering a batch makes one round, not ten). */
  debounceMs: number;
  /** Pause after the first failure, doubled after each further one up to `intervalMs`. */
  retryMs: number;
}

export const DEFAULT_TIMING: BackgroundSyncTiming = { intervalMs: 60_000, debounceMs: 1_500, retryMs: 2_000 };

export interface BackgroundSyncDeps {
  round(): Promise<unknown>;
  /** True when local changes wait to be pushed. */
  hasPending(): Promise<boolean>;
  /** Listens to the server's pokes until the stream ends or breaks (see pokeStream.ts). */
  listenForPokes(handlers: { signal: AbortSignal; onOpen(): void; onPoke(): void }): Promise<void>;
  events: EventHub;
  timing?: Partial<BackgroundSyncTiming>;
}

export interface BackgroundSync {
  stop(): void;
}

export function startBackgroundSync(deps: BackgroundSyncDeps): BackgroundSync {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const abort = new AbortController();
  let roundTimer: NodeJS.Timeout | undefined;
  let changeTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  const retryDelay = (n: number) => Math.min(timing.retryMs * 2 ** (n - 1), timing.intervalMs);

  function schedule(delayMs: number) {
    if (abort.signal.aborted) return;
    clearTimeout(roundTimer);
    roundTimer = setTimeout(() => void run(), delayMs);
  }

  async function run() {
    try {
      await deps.round();
      failures = 0;
      schedule(timing.intervalMs);
    } catch {
      // The failure is recorded in the sync status; here it only sets the next try.
      failures++;
      schedule(retryDelay(failures));
    }
  }

  // Pulled documents announce themselves with the same events: only a change still waiting to be pushed asks a round.
  const unsubscribe = deps.events.subscribe((event) => {
    if (event !== 'incoming.changed' && event !== 'outgoing.changed' && event !== 'directive.changed') return;
    clearTimeout(changeTimer);
    changeTimer = setTimeout(() => {
      deps.hasPending().then((waiting) => waiting && schedule(0), () => undefined);
    }, timing.debounceMs);
  });

  async function listen() {
    let breaks = 0;
    while (!abort.signal.aborted) {
      try {
        await deps.listenForPokes({
          signal: abort.signal,
          onOpen: () => {
            // The server answers again after a break: what waited goes now rather than at the next tick.
            if (breaks > 0) schedule(0);
            breaks = 0;
          },
          onPoke: () => schedule(0),
        });
      } catch {
        // Offline, or the session is not valid now: the rounds record why; the stream is tried again below.
      }
      breaks++;
      await new Promise((resolve) => setTimeout(resolve, retryDelay(breaks)).unref());
    }
  }

  schedule(0);
  void listen();
  return {
    stop() {
      abort.abort();
      clearTimeout(roundTimer);
      clearTimeout(changeTimer);
      unsubscribe();
    },
  };
}
