/**
 * `npm run bench`: runs every `*.bench.ts` module in this folder (or those named on the command
 * line, e.g. `npm run bench -- token-manager`) and prints one table per benchmark.
 * `--json` prints only one JSON object `{"results": [BenchMetric...]}` on stdout (tables go to
 * stderr); run it as `npm run -s bench -- --json` (or `npx tsx test/bench/run.ts --json`), since
 * npm itself prints a "> tp-api-explorer bench" banner on stdout unless silent. Exits 1 when a
 * benchmark misses its target.
 */
import { readdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median, percentile } from './types'
import type { Benchmark, BenchMetric, BenchResult } from './types'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const json = args.includes('--json')
const only = args.filter((a) => a !== '--json')
/** Human-readable output: stdout normally, stderr with --json so stdout stays one JSON object. */
const say = (text: string) => (json ? process.stderr : process.stdout).write(text)

const fmt = (value: number, unit = 'ms') => `${value.toFixed(3)} ${unit}`

function table(result: BenchResult): string {
  const header = ['', 'n', 'median', 'p10', 'p90', 'mean']
  const rows = result.rows.map((r) => [
    r.label,
    String(r.samples.length),
    fmt(median(r.samples), r.unit),
    fmt(percentile(r.samples, 10), r.unit),
    fmt(percentile(r.samples, 90), r.unit),
    fmt(r.samples.reduce((a, b) => a + b, 0) / r.samples.length, r.unit),
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
const metrics: BenchMetric[] = []
for (const file of files) {
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { default: Benchmark }
  const bench = mod.default
  say(`\n== ${bench.name} (${file})\n`)
  const result = await bench.run()
  say(`${table(result)}\n`)
  if (result.verdict) {
    say(`${result.verdict.pass ? 'PASS' : 'FAIL'}  ${result.verdict.text}\n`)
    if (!result.verdict.pass) failed = true
  }
  for (const metric of result.metrics ?? []) {
    metrics.push(metric)
    if (!metric.pass) failed = true
  }
}
if (files.length === 0) say('No benchmarks matched.\n')
if (json) process.stdout.write(`${JSON.stringify({ results: metrics })}\n`)
process.exitCode = failed ? 1 : 0
