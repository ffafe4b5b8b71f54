/** A benchmark module (`test/bench/*.bench.ts`) default-exports one of these; run.ts runs them all. */
export interface Benchmark {
  name: string
  run(): Promise<BenchResult>
}

export interface BenchRow {
  label: string
  samples: number[] // ms per operation
}

export interface BenchResult {
  rows: BenchRow[]
  /** Optional verdict line, e.g. a ratio against a target. */
  verdict?: { text: string; pass: boolean }
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? NaN
}

export const median = (samples: number[]) => percentile(samples, 50)
