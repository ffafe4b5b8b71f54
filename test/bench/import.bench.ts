/**
 * Import of a generated 1,000-request Postman collection (20 folders of 50, every body mode, auth,
 * query, headers, scripts): schema check, mapping and the Trustpilot-aware pass, against
 * `JSON.parse` of the same text, interleaved call by call after a warm-up (see `interleave`).
 * The target is "well under a second" of main-process work: a median under 500 ms, measured on a loaded machine; the minimum shows the work itself.
 */
import { importFromText } from '../../electron/core/import/index'
import { interleave, median } from './types'
import type { Benchmark } from './types'

const REQUESTS = 1000
const PER_FOLDER = 50
const CALLS = 30
const WARMUP = 5
const TARGET_MS = 500

const AUTHS = [
  { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
  {
    type: 'apikey',
    apikey: [
      { key: 'key', value: 'apikey' },
      { key: 'value', value: '{{apikey}}' },
    ],
  },
  { type: 'noauth' },
  undefined,
]

function bodyFor(i: number) {
  switch (i % 4) {
    case 0:
      return {
        mode: 'raw',
        raw: JSON.stringify({ n: i, message: 'Thanks!', tags: ['a', 'b'] }, null, 2),
        options: { raw: { language: 'json' } },
      }
    case 1:
      return {
        mode: 'urlencoded',
        urlencoded: [
          { key: 'a', value: String(i) },
          { key: 'b', value: 'x', disabled: true },
        ],
      }
    case 2:
      return { mode: 'formdata', formdata: [{ key: 'title', value: `t${i}`, type: 'text' }] }
    default:
      return undefined
  }
}

export function generatePostman(requests = REQUESTS): string {
  const folders = []
  for (let f = 0; f < requests / PER_FOLDER; f++) {
    const item = []
    for (let j = 0; j < PER_FOLDER; j++) {
      const i = f * PER_FOLDER + j
      const auth = AUTHS[i % AUTHS.length]
      const body = bodyFor(i)
      item.push({
        name: `Request ${i}`,
        request: {
          method: i % 4 === 3 ? 'GET' : 'POST',
          header: [
            { key: 'Accept', value: 'application/json' },
            { key: 'X-Trace', value: `t-${i}`, disabled: i % 2 === 0 },
          ],
          url: {
            raw: `{{baseUrl}}/private/business-units/:businessUnitId/reviews/${i}?page=1&perPage=20`,
            host: ['{{baseUrl}}'],
            path: ['private', 'business-units', ':businessUnitId', 'reviews', String(i)],
            query: [
              { key: 'page', value: '1' },
              { key: 'perPage', value: '20' },
              { key: 'stars', value: '5', disabled: true },
            ],
            variable: [{ key: 'businessUnitId', value: '{{businessUnitId}}' }],
          },
          ...(body ? { body } : {}),
          ...(auth ? { auth } : {}),
          description: `Request number ${i}.`,
        },
        event:
          i % 10 === 0 ? [{ listen: 'test', script: { exec: ['pm.test("ok", () => {})'] } }] : [],
      })
    }
    folders.push({ name: `Folder ${f}`, item })
  }
  return JSON.stringify({
    info: {
      name: 'Generated',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [{ key: 'baseUrl', value: 'https://api.trustpilot.com/v1' }],
    item: folders,
  })
}

const stats = (s: number[]) =>
  `min ${Math.min(...s).toFixed(2)} / median ${median(s).toFixed(2)} / max ${Math.max(...s).toFixed(2)} ms`

const bench: Benchmark = {
  name: `import: a ${REQUESTS}-request Postman collection vs JSON.parse`,
  async run() {
    const text = generatePostman()
    const check = importFromText(text, 'generated.json')
    let count = 0
    for (const folder of check.collection.items)
      if (folder.type === 'folder') count += folder.items.length
    if (count !== REQUESTS) throw new Error(`imported ${count} requests, expected ${REQUESTS}`)
    const samples = await interleave(
      async () => {
        JSON.parse(text)
      },
      async () => {
        importFromText(text, 'generated.json')
      },
      { calls: CALLS, warmup: WARMUP },
    )
    const parseMs = median(samples.baseline)
    const importMs = median(samples.subject)
    const ratio = importMs / parseMs
    const pass = importMs < TARGET_MS
    return {
      rows: [
        { label: `JSON.parse (${(text.length / 1e6).toFixed(1)} MB)`, samples: samples.baseline },
        { label: 'importFromText (parse, check, map)', samples: samples.subject },
      ],
      verdict: {
        text: `import ${stats(samples.subject)}; JSON.parse ${stats(samples.baseline)}; median ratio ${ratio.toFixed(1)}× (target: median import under ${TARGET_MS} ms)`,
        pass,
      },
      metrics: [
        {
          name: 'import.postman_1000.ratio',
          value: ratio,
          unit: '×',
          baseline: parseMs,
          ratio,
          target: `median import of ${REQUESTS} requests under ${TARGET_MS} ms (ratio against JSON.parse of the same file reported)`,
          pass,
        },
        {
          name: 'import.postman_1000.ms',
          value: importMs,
          unit: 'ms',
          baseline: parseMs,
          ratio,
          target: `under ${TARGET_MS} ms`,
          pass,
        },
      ],
    }
  },
}

export default bench
