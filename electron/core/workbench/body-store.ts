/**
 * Response bodies stay in main, keyed by response id, in a bounded LRU (entry count and memory);
 * the renderer reads them in slices.
 *
 * The byte cap is the memory the store really holds: a JavaScript string costs one byte a
 * character when it is ASCII and two otherwise (V8 keeps any string with a character beyond
 * Latin-1 at two bytes a character); a binary body is kept as its bytes only and decoded when
 * asked. A body that alone exceeds the cap is written to the store's temporary folder (Latin-1 for
 * ASCII, UTF-16 otherwise, so a character offset maps to a byte offset) and read back in slices.
 * The pretty-printed JSON is made on first request in small steps, yielding between them, so the
 * main process never stalls on a large body.
 */
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { JsonFormatter } from '../../shared/json-format'
import type { BodyKind } from '../../shared/workbench'

export interface StoredBody {
  text: string
  bytes?: Uint8Array
  /** Size in bytes as received. */
  size: number
  kind: BodyKind
  contentType: string
}

/**
 * A body to keep: its text whole, or as the pieces it was read in (kept as they are, never
 * joined, so keeping a large body is no long synchronous step).
 */
export type BodyInput = Omit<StoredBody, 'text'> & { text: string | readonly string[] }

export interface BodyStoreOptions {
  maxEntries?: number
  maxBytes?: number
  /** Where bodies larger than `maxBytes` are written; created on first use, removed by dispose. */
  tempDir?: string
}

/** Characters formatted per step of the pretty-printer before yielding to the event loop. */
const PRETTY_STEP_CHARS = 64 * 1024
/** Characters written to (or read from) a spilled body per step. */
const DISK_STEP_CHARS = 1024 * 1024

/** A text kept as pieces with their start offsets: sliced without ever joining the whole. */
class PieceText {
  readonly pieces: string[] = []
  private readonly starts: number[] = []
  length = 0

  push(piece: string): void {
    if (!piece) return
    this.starts.push(this.length)
    this.pieces.push(piece)
    this.length += piece.length
  }

  slice(from: number, to: number): string {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= from) lo = mid
      else hi = mid - 1
    }
    let out = ''
    for (let i = lo; i < this.pieces.length && this.starts[i]! < to; i++) {
      const start = this.starts[i]!
      out += this.pieces[i]!.slice(Math.max(0, from - start), to - start)
    }
    return out
  }
}

function pieceTextOf(text: string | readonly string[]): PieceText {
  const out = new PieceText()
  for (const piece of typeof text === 'string' ? [text] : text) out.push(piece)
  return out
}

type Encoding = 'latin1' | 'utf16le'

/** A body written to disk; a character offset times `width` is its byte offset. */
interface Spill {
  path: string
  encoding: Encoding
  width: 1 | 2
  /** Characters (text) or bytes (binary). */
  length: number
  /** Resolves once the file is complete. */
  written: Promise<void>
}

interface Entry {
  /** Kept in memory: the text, as pieces (not for binary bodies or spilled ones). */
  text?: PieceText
  bytes?: Uint8Array
  spill?: Spill
  size: number
  kind: BodyKind
  contentType: string
  /** Characters of the raw text. */
  chars: number
  /** One byte a character in memory (ASCII text). */
  narrow: boolean
  pretty?: Promise<PieceText | null>
  prettyCost: number
  cost: number
}

/** What one body costs in memory: each kept string at its real width, plus kept bytes. */
function costOf(e: Entry): number {
  const text = e.text === undefined ? 0 : e.text.length * (e.narrow ? 1 : 2)
  return text + (e.bytes?.length ?? 0) + e.prettyCost
}

export class BodyStore {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  private spills = 0
  readonly maxEntries: number
  readonly maxBytes: number
  readonly tempDir: string | undefined

  constructor(options: BodyStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20
    this.maxBytes = options.maxBytes ?? 200 * 1024 * 1024
    this.tempDir = options.tempDir
  }

  put(id: string, body: BodyInput): void {
    this.delete(id)
    const binary = body.kind === 'binary' && body.bytes !== undefined
    const text = binary ? undefined : pieceTextOf(body.text)
    // ASCII text is as many bytes as characters; V8 then keeps it at one byte a character.
    const narrow = text !== undefined && body.size === text.length
    const e: Entry = {
      size: body.size,
      kind: body.kind,
      contentType: body.contentType,
      chars: text?.length ?? body.bytes!.length,
      narrow,
      prettyCost: 0,
      cost: 0,
    }
    if (binary) e.bytes = body.bytes
    else {
      e.text = text
      if (body.bytes) e.bytes = body.bytes
    }
    e.cost = costOf(e)
    if (e.cost > this.maxBytes && this.tempDir) this.spill(id, e)
    this.entries.set(id, e)
    this.bytes += e.cost
    this.evict(id)
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** Kind, content type and size of a body, marking it most recently used. */
  info(id: string): { kind: BodyKind; contentType: string; size: number } | undefined {
    const e = this.touch(id)
    return e && { kind: e.kind, contentType: e.contentType, size: e.size }
  }

  /**
   * The whole body as kept (compatibility for small bodies and tests). For a binary body the text
   * is decoded from its bytes on each call; a spilled body is read back from disk.
   */
  async get(id: string): Promise<StoredBody | undefined> {
    const e = this.touch(id)
    if (!e) return undefined
    const text = await this.rawText(e)
    return {
      text,
      ...(e.bytes ? { bytes: e.bytes } : {}),
      size: e.size,
      kind: e.kind,
      contentType: e.contentType,
    }
  }

  /** Raw bytes as received for a binary body; otherwise null. */
  async bytesOf(id: string): Promise<Uint8Array | null> {
    const e = this.touch(id)
    if (!e) return null
    if (e.bytes) return e.bytes
    if (e.kind !== 'binary' || !e.spill) return null
    await e.spill.written
    return readFileRange(e.spill.path, 0, e.spill.length)
  }

  delete(id: string): void {
    const e = this.entries.get(id)
    if (!e) return
    this.bytes -= e.cost
    this.entries.delete(id)
    if (e.spill) void e.spill.written.then(() => rm(e.spill!.path, { force: true }))
  }

  /** Characters `from`..`to` of the raw text (bytes as Latin-1 for binary); `total` in characters. */
  async rawSlice(id: string, from: number, to: number): Promise<{ text: string; total: number }> {
    const e = this.require(id)
    const end = Math.min(to, e.chars)
    const start = Math.min(from, end)
    if (e.text !== undefined) return { text: e.text.slice(start, end), total: e.chars }
    if (e.spill) {
      await e.spill.written
      const buf = await readFileRange(
        e.spill.path,
        start * e.spill.width,
        (end - start) * e.spill.width,
      )
      return { text: buf.toString(e.spill.encoding), total: e.chars }
    }
    const bytes = e.bytes!
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'),
      total: e.chars,
    }
  }

  /**
   * The pretty-printed JSON (formatted once, in steps), or null when the body is not JSON, not
   * valid JSON, or kept on disk (too large to format in memory: it is viewed raw).
   */
  async pretty(id: string): Promise<PieceText | null> {
    const e = this.require(id)
    if (e.kind !== 'json' || e.text === undefined) return null
    e.pretty ??= this.format(id, e)
    return e.pretty
  }

  async prettySlice(
    id: string,
    from: number,
    to: number,
  ): Promise<{ text: string; total: number } | null> {
    const pretty = await this.pretty(id)
    if (!pretty) return null
    const end = Math.min(to, pretty.length)
    return { text: pretty.slice(Math.min(from, end), end), total: pretty.length }
  }

  /** The whole text of a view (Copy, Save); pieces so a caller can write without joining. */
  async pieces(id: string, view: 'raw' | 'pretty'): Promise<string[] | null> {
    if (view === 'pretty') return (await this.pretty(id))?.pieces ?? null
    const e = this.require(id)
    if (e.text !== undefined) return e.text.pieces
    const out: string[] = []
    for (let at = 0; at < e.chars; at += DISK_STEP_CHARS) {
      out.push((await this.rawSlice(id, at, at + DISK_STEP_CHARS)).text)
    }
    return out
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  /** Removes the temporary folder and everything spilled into it. */
  async dispose(): Promise<void> {
    const spilled = [...this.entries.values()].flatMap((e) => (e.spill ? [e.spill.written] : []))
    this.entries.clear()
    this.bytes = 0
    await Promise.allSettled(spilled)
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true })
  }

  private touch(id: string): Entry | undefined {
    const e = this.entries.get(id)
    if (!e) return undefined
    this.entries.delete(id)
    this.entries.set(id, e)
    return e
  }

  private require(id: string): Entry {
    const e = this.touch(id)
    if (!e) throw new Error(`no body ${id}`)
    return e
  }

  private async rawText(e: Entry): Promise<string> {
    if (e.text !== undefined) return e.text.pieces.join('')
    if (e.kind === 'binary' && e.bytes) return new TextDecoder().decode(e.bytes)
    if (!e.spill) return ''
    await e.spill.written
    const buf = await readFileRange(e.spill.path, 0, e.spill.length * e.spill.width)
    return e.kind === 'binary' ? new TextDecoder().decode(buf) : buf.toString(e.spill.encoding)
  }

  /** Moves the body to disk: memory cost 0 from now; reads wait until the file is complete. */
  private spill(id: string, e: Entry): void {
    const dir = this.tempDir!
    const path = join(dir, `${++this.spills}-${id}.body`)
    const text = e.text
    const bytes = e.kind === 'binary' ? e.bytes : undefined
    const encoding: Encoding = e.narrow ? 'latin1' : 'utf16le'
    e.spill = {
      path,
      encoding,
      width: bytes || e.narrow ? 1 : 2,
      length: e.chars,
      written: writeSpill(dir, path, text, bytes, encoding),
    }
    e.text = undefined
    e.bytes = undefined
    e.cost = costOf(e)
  }

  private async format(id: string, e: Entry): Promise<PieceText | null> {
    const text = e.text!
    const formatter = new JsonFormatter()
    const out = new PieceText()
    for (let at = 0; at < text.length; at += PRETTY_STEP_CHARS) {
      out.push(formatter.feed(text.slice(at, at + PRETTY_STEP_CHARS)))
      if (formatter.problem) return null
      await yieldToLoop()
      if (this.entries.get(id) !== e) return null // dropped meanwhile
    }
    out.push(formatter.end())
    if (formatter.problem || out.length === 0) return null
    e.prettyCost = out.length * (e.narrow ? 1 : 2)
    this.bytes -= e.cost
    e.cost = costOf(e)
    this.bytes += e.cost
    this.evict(id)
    return out
  }

  /** Drops least recently used entries until within bounds; `keep` (the newest) always stays. */
  private evict(keep: string): void {
    for (const [id] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return
      if (id === keep) continue
      this.delete(id)
    }
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

async function writeSpill(
  dir: string,
  path: string,
  text: PieceText | undefined,
  bytes: Uint8Array | undefined,
  encoding: Encoding,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const handle = await open(path, 'w', 0o600)
  try {
    if (bytes) await handle.write(bytes)
    else if (text) await writeText(handle, text, encoding)
  } finally {
    await handle.close()
  }
}

/** In steps, so converting a large string to bytes never blocks the loop for long. */
async function writeText(handle: FileHandle, text: PieceText, encoding: Encoding): Promise<void> {
  for (let at = 0; at < text.length; at += DISK_STEP_CHARS) {
    await handle.write(Buffer.from(text.slice(at, at + DISK_STEP_CHARS), encoding))
  }
}

async function readFileRange(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buf = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buf, 0, length, position)
    return buf.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
