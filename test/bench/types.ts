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

/**
 * Times `baseline` and `subject` fairly against each other: `warmup` alternating pairs first
 * (discarded), then `calls` of each in alternating blocks of `block`, the order flipped every
 * block so neither side always runs first. Returns the per-call samples (ms) of each side.
 */
export async function interleave(
  baseline: () => Promise<void>,
  subject: () => Promise<void>,
  { calls, warmup, block }: { calls: number; warmup: number; block: number },
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
  for (let b = 0; b < calls / block; b++) {
    const order = b % 2 === 0 ? ([baseline, subject] as const) : ([subject, baseline] as const)
    for (const fn of order) {
      const into = fn === baseline ? out.baseline : out.subject
      for (let i = 0; i < block; i++) await time(fn, into)
    }
  }
  return out
}
