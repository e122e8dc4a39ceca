import { existsSync, readFileSync } from 'node:fs';

/** Benchmark output: one JSON object per line, `{"scenario", "metric", "value", "unit", ...}`. */
export function emit(line: { scenario: string; metric: string; value: number; unit: string; [extra: string]: unknown }) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** CPU seconds of this process since `since`: on a shared machine the wall clock mostly measures the neighbours. */
export function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * The peak RSS of this process's own memory, in kB: Linux carries getrusage's maxrss across exec, so a child of the
 * bench would report at least the bench's own; VmHWM belongs to the memory the exec made.
 */
export function peakRssKb(): number {
  const hwm = /VmHWM:\s*(\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '')?.[1];
  return hwm ? Number(hwm) : process.resourceUsage().maxRSS;
}
