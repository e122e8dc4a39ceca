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
