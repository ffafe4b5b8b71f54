/** A benchmark module (`test/bench/*.bench.ts`) default-exports one of these; run.ts runs them all. */
export interface Benchmark {
  name: string
  run(): Promise<BenchResult>
}

export interface BenchRow {
  label: string
  samples: number[] // ms per operation, unless `unit` says otherwise
  /** Printed after each figure; 'ms' when absent. */
  unit?: string
}

/**
 * One machine-readable figure (`npm run bench -- --json`), under a stable name such as
 * `send.added_us.0ms`. `value` and `baseline` come from the same run; `ratio` is value/baseline
 * where a ratio means something, else null; `target` says what passes, in words.
 */
export interface BenchMetric {
  name: string
  value: number
  unit: string
  baseline: number | null
  ratio: number | null
  target: string
  pass: boolean
}

export interface BenchResult {
  rows: BenchRow[]
  /** Optional verdict line, e.g. a ratio against a target. */
  verdict?: { text: string; pass: boolean }
  /** Figures reported under stable names with `--json`. */
  metrics?: BenchMetric[]
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? NaN
}

export const median = (samples: number[]) => percentile(samples, 50)

/**
 * Times `baseline` and `subject` fairly against each other: `warmup` alternating pairs first
 * (discarded), then `calls` of each, call by call in ABBA order (A B, B A, A B, ...) so neither
 * side always runs first and drift (GC, JIT, CPU frequency, the sandbox's state) falls on both
 * equally. Returns the per-call samples (ms) of each side.
 *
 * Call by call, not in blocks: measured here, raw fetch against itself gave median ratios of
 * 0.998–1.006 over eight runs call by call, but 0.890–1.009 in alternating blocks of 50, where a
 * slow spell can fall on one side.
 */
export async function interleave(
  baseline: () => Promise<void>,
  subject: () => Promise<void>,
  { calls, warmup }: { calls: number; warmup: number },
): Promise<{ baseline: number[]; subject: number[] }> {
  const time = async (fn: () => Promise<void>, into: number[]) => {
    const t0 = performance.now()
    await fn()
    into.push(performance.now() - t0)
  }
  const sink: number[] = []
  for (let i = 0; i < warmup; i++) {
    await time(baseline, sink)
    await time(subject, sink)
  }
  const out = { baseline: [] as number[], subject: [] as number[] }
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      await time(baseline, out.baseline)
      await time(subject, out.subject)
    } else {
      await time(subject, out.subject)
      await time(baseline, out.baseline)
    }
  }
  return out
}
