import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BodyStore, type StoredBody } from '../../../electron/core/workbench/body-store'
import { JsonFormatter, prettyJson } from '../../../electron/shared/json-format'

const text = (t: string, kind: StoredBody['kind'] = 'text'): StoredBody => ({
  text: t,
  size: Buffer.byteLength(t),
  kind,
  contentType: kind === 'json' ? 'application/json' : 'text/plain',
})

const binary = (n: number): StoredBody => {
  const bytes = new Uint8Array(n).map((_, i) => (i * 7) % 256)
  return {
    text: new TextDecoder().decode(bytes),
    bytes,
    size: n,
    kind: 'binary',
    contentType: 'application/octet-stream',
  }
}

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'tp-bodies-test-')), 'bodies')

describe('body store: what it counts', () => {
  it('counts ASCII at one byte a character, other text at two, binary as its bytes only', () => {
    const store = new BodyStore()
    store.put('ascii', text('a'.repeat(1000)))
    expect(store.size.bytes).toBe(1000)
    // ’ is 3 UTF-8 bytes but one two-byte character in memory.
    store.put('curly', text('’'.repeat(1000)))
    expect(store.size.bytes).toBe(1000 + 2000)
    store.put('emoji', text('😀'.repeat(500))) // 1000 UTF-16 units
    expect(store.size.bytes).toBe(3000 + 2000)
    store.put('bin', binary(4096))
    expect(store.size.bytes).toBe(5000 + 4096)
    store.delete('curly')
    expect(store.size.bytes).toBe(1000 + 2000 + 4096)
  })

  it('serves binary bodies from their bytes, without keeping a decoded text', async () => {
    const store = new BodyStore()
    const body = binary(300)
    store.put('b', body)
    expect(await store.bytesOf('b')).toBe(body.bytes)
    const slice = await store.rawSlice('b', 10, 20)
    expect(Buffer.from(slice.text, 'latin1')).toEqual(Buffer.from(body.bytes!.subarray(10, 20)))
    expect(slice.total).toBe(300)
  })

  it('counts the pretty version once made, and evicts the oldest to stay under the cap', async () => {
    const store = new BodyStore({ maxBytes: 1000 })
    store.put('old', text('x'.repeat(300)))
    store.put('json', text(JSON.stringify({ a: [1, 2, 3], b: 'c' }), 'json'))
    const compact = store.size.bytes
    const pretty = await store.pretty('json')
    expect(pretty?.length).toBe(JSON.stringify({ a: [1, 2, 3], b: 'c' }, null, 2).length)
    expect(store.size.bytes).toBe(compact + pretty!.length)
    store.put('new', text('y'.repeat(700)))
    expect(store.has('old')).toBe(false) // least recently used goes first
    expect(store.has('json')).toBe(true)
    expect(store.size.bytes).toBeLessThanOrEqual(1000)
  })

  it('evicts by entry count, least recently read first', async () => {
    const store = new BodyStore({ maxEntries: 2 })
    store.put('a', text('a'))
    store.put('b', text('b'))
    await store.rawSlice('a', 0, 1) // a is now the most recently used
    store.put('c', text('c'))
    expect([store.has('a'), store.has('b'), store.has('c')]).toEqual([true, false, true])
  })
})

describe('body store: bodies larger than the cap go to disk', () => {
  it('keeps an ASCII body on disk, not in memory, and serves exact slices from there', async () => {
    const dir = tempDir()
    const store = new BodyStore({ maxBytes: 1000, tempDir: dir })
    const body = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n')
    store.put('big', text(body))
    expect(store.size.bytes).toBe(0)
    expect((await store.rawSlice('big', 100, 160)).text).toBe(body.slice(100, 160))
    expect(readdirSync(dir)).toHaveLength(1)
    expect((await store.get('big'))?.text).toBe(body)
  })

  it('maps character offsets exactly for text beyond Latin-1', async () => {
    const store = new BodyStore({ maxBytes: 100, tempDir: tempDir() })
    const body = 'Straße ’quoted’ 😀 end '.repeat(40)
    store.put('u', text(body))
    expect(store.size.bytes).toBe(0)
    for (const [from, to] of [
      [0, 7],
      [13, 200],
      [body.length - 5, body.length + 10],
    ] as const) {
      expect((await store.rawSlice('u', from, to)).text).toBe(body.slice(from, to))
    }
    expect((await store.rawSlice('u', 0, 1)).total).toBe(body.length)
  })

  it('keeps a large binary body on disk and gives its bytes back unchanged', async () => {
    const store = new BodyStore({ maxBytes: 100, tempDir: tempDir() })
    const body = binary(5000)
    store.put('bin', body)
    expect(store.size.bytes).toBe(0)
    expect(Buffer.from((await store.bytesOf('bin'))!)).toEqual(Buffer.from(body.bytes!))
  })

  it('removes the file when the body is evicted, and the folder on dispose', async () => {
    const dir = tempDir()
    const store = new BodyStore({ maxBytes: 100, maxEntries: 1, tempDir: dir })
    store.put('one', text('1'.repeat(500)))
    await store.rawSlice('one', 0, 1)
    store.put('two', text('2'.repeat(500)))
    await store.rawSlice('two', 0, 1)
    await new Promise((r) => setTimeout(r, 20))
    expect(readdirSync(dir).map((f) => f.endsWith('-two.body'))).toEqual([true])
    await store.dispose()
    expect(existsSync(dir)).toBe(false)
  })

  it('without a temporary folder, the newest body stays in memory even over the cap', () => {
    const store = new BodyStore({ maxBytes: 10 })
    store.put('big', text('z'.repeat(50)))
    expect(store.size.bytes).toBe(50)
  })
})

describe('JSON formatter (piece by piece)', () => {
  const doc = {
    reviews: [
      { id: 'r1', stars: 5, text: 'Quick "delivery", \\ fine', tags: [], meta: {} },
      { id: 'r2', nested: { deep: [1, [2, [3]]], empty: [] }, ok: true, none: null },
    ],
    unicode: 'Straße ’ 😀',
  }
  const compact = JSON.stringify(doc)

  it('equals JSON.stringify(…, null, 2) for valid JSON', () => {
    expect(prettyJson(compact)).toBe(JSON.stringify(doc, null, 2))
    expect(prettyJson(JSON.stringify(doc, null, 4))).toBe(JSON.stringify(doc, null, 2))
  })

  it('gives the same text whatever the piece boundaries (inside strings and escapes too)', () => {
    for (const size of [1, 2, 3, 7, 64]) {
      const f = new JsonFormatter()
      let out = ''
      for (let at = 0; at < compact.length; at += size) out += f.feed(compact.slice(at, at + size))
      out += f.end()
      expect(out).toBe(JSON.stringify(doc, null, 2))
      expect(f.problem).toBeNull()
    }
  })

  it('reports brackets that do not match, an unfinished text and trailing values', () => {
    for (const bad of ['{"a": [1}', '{"a": 1', '{"a": "b', '{} {}']) {
      const f = new JsonFormatter()
      f.feed(bad)
      f.end()
      expect(f.problem, bad).not.toBeNull()
    }
    expect(prettyJson('{"a": 1,}')).toBeNull()
  })
})
