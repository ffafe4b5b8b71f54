/**
 * Does the body store's count match the memory it really holds? For ASCII text, text beyond
 * Latin-1 (’ and emoji) and binary bodies, 12 bodies of 8 MB each go into a store (decoded from
 * bytes, as responses are), and the process's memory growth (V8 heap plus external memory, after a
 * full garbage collection) is compared with what the store says it holds. The baseline, in the
 * same run: the same measurement with nothing stored. Target: within ±10 %.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { BodyStore, type StoredBody } from '../../electron/core/workbench/body-store'
import { median } from './types'
import type { Benchmark, BenchMetric, BenchRow } from './types'

const BODIES = 12
const BODY_BYTES = 8 * 1024 * 1024
const TOLERANCE = 0.1
const REPS = 3

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Memory held after full collections; array buffers are freed by a background sweeper, so wait. */
async function held(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 50))
  }
  const m = process.memoryUsage()
  // Large strings Node decodes are external (off the V8 heap): `external` counts them, and array buffers.
  return m.heapUsed + m.external
}

type Kind = 'ascii' | 'non_latin1' | 'binary'

/** A response body as the runner hands it over: decoded from fresh bytes. */
function body(kind: Kind, n: number): StoredBody {
  const unit =
    kind === 'ascii' ? `{"n":${n},"text":"plain"},` : kind === 'non_latin1' ? `it’s 😀 ${n} ` : ''
  const bytes =
    kind === 'binary'
      ? new Uint8Array(BODY_BYTES).map((_, i) => (i * 31 + n) & 255)
      : new Uint8Array(Buffer.from(unit.repeat(Math.ceil(BODY_BYTES / Buffer.byteLength(unit)))))
  const text = new TextDecoder().decode(bytes)
  return kind === 'binary'
    ? { text, bytes, size: bytes.length, kind: 'binary', contentType: 'application/octet-stream' }
    : { text, size: bytes.length, kind: 'text', contentType: 'text/plain' }
}

/** Memory growth and the store's own count with `count` bodies of `kind` kept. */
async function measure(kind: Kind, count: number): Promise<{ grown: number; counted: number }> {
  const before = await held()
  const store = new BodyStore({ maxBytes: 2 * 1024 * 1024 * 1024, maxEntries: 100 })
  for (let n = 0; n < count; n++) store.put(`b${n}`, body(kind, n))
  const grown = (await held()) - before
  const counted = store.size.bytes
  // Keep the store alive until after the measurement.
  if (store.size.entries !== count) throw new Error('the store dropped a body')
  return { grown, counted }
}

const bench: Benchmark = {
  name: 'body store: counted bytes vs memory really held',
  async run() {
    const rows: BenchRow[] = []
    const metrics: BenchMetric[] = []
    const empty: number[] = []
    const ratios: Record<Kind, number[]> = { ascii: [], non_latin1: [], binary: [] }
    for (let r = 0; r < REPS; r++) {
      empty.push((await measure('ascii', 0)).grown / 1e6)
      for (const kind of ['ascii', 'non_latin1', 'binary'] as const) {
        const { grown, counted } = await measure(kind, BODIES)
        ratios[kind].push(grown / counted)
      }
    }
    rows.push({ label: 'baseline: growth with nothing stored', samples: empty, unit: 'MB' })
    for (const kind of ['ascii', 'non_latin1', 'binary'] as const) {
      const xs = ratios[kind]
      rows.push({ label: `${kind}: memory held / counted`, samples: xs, unit: '×' })
      const m = median(xs)
      metrics.push({
        name: `body_store.memory_ratio.${kind}`,
        value: m,
        unit: 'ratio',
        baseline: 1,
        ratio: m,
        target: `memory held within ±${TOLERANCE * 100} % of the count (${BODIES} × ${BODY_BYTES / 1024 / 1024} MB; min ${Math.min(...xs).toFixed(3)}, median ${m.toFixed(3)}, max ${Math.max(...xs).toFixed(3)})`,
        pass: Math.abs(m - 1) <= TOLERANCE,
      })
    }
    return {
      rows,
      metrics,
      verdict: {
        pass: metrics.every((m) => m.pass),
        text: metrics.map((m) => `${m.name} ${m.value.toFixed(3)}`).join('; '),
      },
    }
  },
}

export default bench
