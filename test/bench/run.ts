/**
 * `npm run bench`: runs every `*.bench.ts` module in this folder (or those named on the command
 * line, e.g. `npm run bench -- token-manager`) and prints one table per benchmark.
 * Exits 1 when a benchmark misses its target.
 */
import { readdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median, percentile } from './types'
import type { Benchmark, BenchResult } from './types'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)

const fmt = (ms: number) => `${ms.toFixed(3)} ms`

function table(result: BenchResult): string {
  const header = ['', 'n', 'median', 'p10', 'p90', 'mean']
  const rows = result.rows.map((r) => [
    r.label,
    String(r.samples.length),
    fmt(median(r.samples)),
    fmt(percentile(r.samples, 10)),
    fmt(percentile(r.samples, 90)),
    fmt(r.samples.reduce((a, b) => a + b, 0) / r.samples.length),
  ])
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

let failed = false
for (const file of files) {
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { default: Benchmark }
  const bench = mod.default
  process.stdout.write(`\n== ${bench.name} (${file})\n`)
  const result = await bench.run()
  process.stdout.write(`${table(result)}\n`)
  if (result.verdict) {
    process.stdout.write(`${result.verdict.pass ? 'PASS' : 'FAIL'}  ${result.verdict.text}\n`)
    if (!result.verdict.pass) failed = true
  }
}
if (files.length === 0) process.stdout.write('No benchmarks matched.\n')
process.exitCode = failed ? 1 : 0
