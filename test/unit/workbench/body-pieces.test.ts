/**
 * Large bodies travel as the pieces they were read in: counted while read, kept in the body store
 * as pieces, served in slices, cut for history from the first pieces. No step joins the whole.
 */
import { mkdtempSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bodySizeOf,
  firstNonSpace,
  textHead,
  textLength,
  textPieces,
} from '../../../electron/core/http/body-text'
import { PIECE_CHARS } from '../../../electron/core/http/read-text'
import { sendRequest } from '../../../electron/core/http/send-request'
import type { HttpResponse } from '../../../electron/core/http/types'
import { BodyStore } from '../../../electron/core/workbench/body-store'
import { HISTORY_BODY_LIMIT } from '../../../electron/core/workbench/history'
import { keep } from '../../../electron/core/workbench/pipeline/keep'
import { draftRequestSchema } from '../../../electron/shared/workbench'
import { startBench, type Bench } from './helpers'

/** "é" is two bytes and "€" three in UTF-8: chunk edges fall inside characters. */
const UNIT = 'abc é € {"x":1}\n'
const CHUNKS = 400
const bigText = UNIT.repeat(64 * CHUNKS)
/** About 400 KB of JSON after leading white space, more than history keeps. */
const bigJson =
  '  \n' + JSON.stringify({ items: Array.from({ length: 40_000 }, (_, i) => ({ i })) })
const bytes = new Uint8Array(3000).map((_, i) => (i * 31) % 256)

/** Writes `body` in chunks of `size` bytes, with no Content-Length (so it is streamed). */
function writeChunked(res: ServerResponse, body: Buffer, size: number): void {
  for (let at = 0; at < body.length; at += size) res.write(body.subarray(at, at + size))
  res.end()
}

let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      writeChunked(res, Buffer.from(bigText), 1001)
    } else if (req.url === '/json') {
      res.writeHead(200, { 'content-type': '' })
      writeChunked(res, Buffer.from(bigJson), 7777)
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(bytes)
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const get = (path: string) => sendRequest(fetch, { method: 'GET', url: `${base}${path}` })

describe('reading a body as pieces', () => {
  it('decodes chunk by chunk, counts bytes on the way, and joins only when asked', async () => {
    const res = await get('/text')
    // Small chunks are gathered into pieces of at least PIECE_CHARS (but the last).
    expect(res.bodyPieces!.length).toBeGreaterThan(3)
    for (const piece of res.bodyPieces!.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(PIECE_CHARS)
    }
    expect(res.bodySize).toBe(Buffer.byteLength(bigText))
    expect(textLength(res)).toBe(bigText.length)
    expect(textHead(res, 5000)).toBe(bigText.slice(0, 5000))
    expect(res.bodyPieces!.join('')).toBe(bigText)
    expect(res.bodyText).toBe(bigText)
  })

  it('keeps a binary body as bytes; its text is decoded on first read', async () => {
    const res = await get('/bin')
    expect(res.bodyPieces).toBeUndefined()
    expect(bodySizeOf(res)).toBe(bytes.length)
    expect([...res.bodyBytes!]).toEqual([...bytes])
    expect(res.bodyText).toBe(new TextDecoder().decode(bytes))
  })

  it('treats a response made by hand (only bodyText) as one piece', () => {
    const r = { bodyText: '  \t[1]' }
    expect(textPieces(r)).toEqual(['  \t[1]'])
    expect(textLength(r)).toBe(6)
    expect(textHead(r, 3)).toBe('  \t')
    expect(firstNonSpace(r)).toBe('[')
    expect(bodySizeOf({ bodyText: 'é' })).toBe(2)
    expect(firstNonSpace({ bodyText: '', bodyPieces: [' ', '\n', ''] })).toBe('')
    expect(firstNonSpace({ bodyText: '', bodyPieces: [' ', '', '\n {'] })).toBe('{')
    expect(textHead({ bodyText: '', bodyPieces: ['ab', 'cd', 'ef'] }, 3)).toBe('abc')
  })
})

describe('keeping a body from its pieces', () => {
  const answer = (pieces: string[], contentType = ''): HttpResponse => ({
    status: 200,
    statusText: 'OK',
    headers: contentType ? { 'content-type': contentType } : {},
    // Reading it would be a bug: the keep stage works from the pieces.
    get bodyText(): string {
      throw new Error('bodyText was read')
    },
    bodyPieces: pieces,
    bodySize: pieces.reduce((n, p) => n + Buffer.byteLength(p), 0),
    durationMs: 1,
    ttfbMs: 1,
  })

  it('classifies without joining: leading space across pieces, all space, empty', () => {
    const store = new BodyStore()
    expect(keep(store, answer([' ', '\n', '{"a":', '1}']), 'a').kind).toBe('json')
    expect(keep(store, answer([' ', '\n']), 'b').kind).toBe('text')
    expect(keep(store, answer([]), 'c').kind).toBe('empty')
    expect(keep(store, answer(['[1]'], 'text/html'), 'd').kind).toBe('html')
    expect(keep(store, answer(['é', '€']), 'e').size).toBe(5)
  })

  it('serves slices, pieces, pretty and the whole text across piece boundaries', async () => {
    const store = new BodyStore()
    keep(store, answer(['{"a":[1,', '2],"b":"é', '€"}'], 'application/json'), 'j')
    const whole = '{"a":[1,2],"b":"é€"}'
    expect(await store.rawSlice('j', 4, 14)).toEqual({ text: whole.slice(4, 14), total: 20 })
    expect(await store.pieces('j', 'raw')).toEqual(['{"a":[1,', '2],"b":"é', '€"}'])
    expect((await store.get('j'))!.text).toBe(whole)
    expect((await store.pieces('j', 'pretty'))!.join('')).toBe(
      JSON.stringify(JSON.parse(whole), null, 2),
    )
    // Two bytes a character in memory once a character is beyond Latin-1.
    expect(store.size.bytes).toBeGreaterThanOrEqual(whole.length * 2)
  })

  it('spills pieces over the cap to disk and reads exact slices back', async () => {
    const store = new BodyStore({
      maxBytes: 1000,
      tempDir: join(mkdtempSync(join(tmpdir(), 'tp-pieces-')), 'b'),
    })
    const pieces = Array.from({ length: 50 }, (_, i) => `piece ${i} ${'é'.repeat(i)};`)
    const whole = pieces.join('')
    store.put('s', { text: pieces, size: Buffer.byteLength(whole), kind: 'text', contentType: '' })
    expect(store.size.bytes).toBe(0)
    expect((await store.rawSlice('s', 100, 900)).text).toBe(whole.slice(100, 900))
    expect((await store.get('s'))!.text).toBe(whole)
    await store.dispose()
  })
})

describe('a large streamed response through the workbench', () => {
  let b: Bench
  beforeAll(async () => {
    b = await startBench()
  })
  afterAll(() => b.app.services.dispose())

  it('is kept whole, served in slices, and cut at 256 KB for history', async () => {
    const draft = draftRequestSchema.parse({
      profileId: b.profileId,
      method: 'GET',
      url: `${base}/json`,
      auth: 'none',
    })
    const res = await b.app.services.workbench.send(draft)
    expect(res).toMatchObject({ kind: 'json', size: Buffer.byteLength(bigJson) })
    let raw = ''
    for (let offset = 0, done = false; !done;) {
      const s = await b.app.services.workbench.bodySlice({
        responseId: res.responseId,
        view: 'raw',
        offset,
        length: 100_000,
      })
      raw += s.text
      offset += s.text.length
      done = s.done
    }
    expect(raw).toBe(bigJson)
    const entry = await b.ok('history:get', { id: res.historyId })
    expect(entry.response?.bodyTruncated).toBe(true)
    expect(entry.response?.body).toBe(bigJson.slice(0, HISTORY_BODY_LIMIT))
  })
})
