/**
 * Request history: one JSON line per sent request in `<dataDir>/history.jsonl`, secrets masked
 * before they get here. Appends are batched (one write per short burst, no fsync), the file is
 * compacted only when it exceeds the cap by a margin, and a damaged line is skipped and counted.
 * Only a small index lives in memory; whole entries are read back from the file on demand.
 */
import { appendFile, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises'
import type { HistoryEntry, HistoryListResult, HistorySummary } from '../../shared/workbench'

export const HISTORY_FILE = 'history.jsonl'
export const HISTORY_BODY_LIMIT = 256 * 1024

export interface HistoryOptions {
  /** Entries kept (default 1000). */
  cap?: number
  /** The file is compacted once it holds this many more than the cap (default 200). */
  margin?: number
  /**
   * Appends within this window go out in one write (default 1 s). Long enough that a write is
   * shared by many sends even when the server takes tens of milliseconds to answer: with a
   * short window every slow call paid for a write of its own, so the per-call cost grew with
   * the server's latency.
   */
  flushDelayMs?: number
  /** Pending entries that trigger a write at once, whatever the window (default 64). */
  flushCount?: number
}

interface IndexEntry extends HistorySummary {
  /** Until written: makes the line (JSON, no newline). Serializing and masking happen at flush time, off the request's path. */
  build: (() => string) | undefined
  /** The built line, until written. */
  line: string | undefined
  offset: number
  length: number
}

function summaryOf(value: unknown): HistorySummary | null {
  if (!value || typeof value !== 'object') return null
  const e = value as Record<string, unknown>
  if (
    typeof e['id'] !== 'string' ||
    typeof e['at'] !== 'number' ||
    typeof e['method'] !== 'string' ||
    typeof e['url'] !== 'string' ||
    typeof e['profileId'] !== 'string' ||
    !e['draft'] ||
    typeof e['draft'] !== 'object'
  ) {
    return null
  }
  const s: HistorySummary = {
    id: e['id'],
    at: e['at'],
    profileId: e['profileId'],
    method: e['method'],
    url: e['url'],
  }
  if (typeof e['status'] === 'number') s.status = e['status']
  if (typeof e['endpointId'] === 'string') s.endpointId = e['endpointId']
  if (typeof e['endpointName'] === 'string') s.endpointName = e['endpointName']
  if (typeof e['durationMs'] === 'number') s.durationMs = e['durationMs']
  if (typeof e['error'] === 'string') s.error = e['error']
  if (e['cancelled'] === true) s.cancelled = true
  return s
}

const summarize = (e: HistorySummary): HistorySummary => {
  const s: HistorySummary = {
    id: e.id,
    at: e.at,
    profileId: e.profileId,
    method: e.method,
    url: e.url,
  }
  if (e.status !== undefined) s.status = e.status
  if (e.endpointId !== undefined) s.endpointId = e.endpointId
  if (e.endpointName !== undefined) s.endpointName = e.endpointName
  if (e.durationMs !== undefined) s.durationMs = e.durationMs
  if (e.error !== undefined) s.error = e.error
  if (e.cancelled) s.cancelled = true
  return s
}

export class HistoryStore {
  private index: IndexEntry[] = []
  /** Appended, not yet written, in order. */
  private pending: IndexEntry[] = []
  private handle: FileHandle | undefined
  private damaged = 0
  private fileSize = 0
  private chain: Promise<void>
  private timer: ReturnType<typeof setTimeout> | undefined
  private writeError: string | undefined
  private readonly cap: number
  private readonly margin: number
  private readonly flushDelayMs: number
  private readonly flushCount: number

  constructor(
    readonly file: string,
    options: HistoryOptions = {},
  ) {
    this.cap = options.cap ?? 1000
    this.margin = options.margin ?? 200
    this.flushDelayMs = options.flushDelayMs ?? 1000
    this.flushCount = options.flushCount ?? 64
    this.chain = this.load()
  }

  /** Records an entry; written shortly after, with others that arrive meanwhile. */
  append(entry: HistoryEntry): void {
    this.appendLine(entry, JSON.stringify(entry))
  }

  /** `json` is the entry already serialized (and scrubbed) by the caller. */
  appendLine(entry: HistorySummary, json: string): void {
    this.appendLazy(summarize(entry), () => json)
  }

  /**
   * Records `summary` now (list and search see it at once) and builds the full line only when
   * written: a burst of sends costs one batched serialization and one write.
   */
  appendLazy(summary: HistorySummary, build: () => string): void {
    // Takes ownership of `summary` (no copy on the request's path).
    const e = summary as IndexEntry
    e.build = build
    e.line = undefined
    e.offset = -1
    e.length = 0
    this.index.push(e)
    this.pending.push(e)
    if (this.pending.length >= this.flushCount) void this.flush()
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushDelayMs)
      this.timer.unref?.()
    }
  }

  private lineOf(e: IndexEntry): string {
    if (e.line === undefined) {
      try {
        e.line = e.build!()
      } catch (error) {
        e.line = JSON.stringify({ ...summarize(e), error: `not recorded: ${String(error)}` })
      }
      e.build = undefined
    }
    return e.line
  }

  /** Writes what is pending (and compacts if due); resolves when on disk (not fsynced). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    return this.enqueue(async () => {
      const pending = this.pending
      if (pending.length) {
        this.pending = []
        let offset = this.fileSize
        const text = pending.map((e) => `${this.lineOf(e)}\n`).join('')
        for (const e of pending) {
          e.length = Buffer.byteLength(e.line!) + 1
          e.offset = offset
          offset += e.length
        }
        try {
          this.handle ??= await open(this.file, 'a', 0o600)
          await this.handle.write(text)
          this.fileSize = offset
          for (const e of pending) e.line = undefined
          this.writeError = undefined
        } catch (error) {
          this.writeError = `History could not be written: ${String(error)}`
          for (const e of pending) e.offset = -1
          this.pending = [...pending, ...this.pending]
          await this.closeHandle()
        }
      }
      if (this.index.length > this.cap + this.margin) await this.compact()
    })
  }

  async list(
    options: { query?: string; offset?: number; limit?: number } = {},
  ): Promise<HistoryListResult> {
    await this.chain
    const words = (options.query ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const kept = this.index.slice(-this.cap)
    const matches: HistorySummary[] = []
    for (let i = kept.length - 1; i >= 0; i--) {
      const e = kept[i]!
      if (words.length) {
        const hay =
          `${e.method} ${e.url} ${e.status ?? ''} ${e.endpointName ?? ''} ${e.endpointId ?? ''} ${e.error ?? ''}`.toLowerCase()
        if (!words.every((w) => hay.includes(w))) continue
      }
      matches.push(e)
    }
    const offset = options.offset ?? 0
    const limit = options.limit ?? 50
    const result: HistoryListResult = {
      entries: matches.slice(offset, offset + limit).map(summarize),
      total: matches.length,
      damaged: this.damaged,
    }
    if (this.writeError) result.error = this.writeError
    return result
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    await this.chain
    const e = this.index.find((x) => x.id === id)
    if (!e) return undefined
    if (e.offset < 0) return JSON.parse(this.lineOf(e)) as HistoryEntry
    let text: string
    const handle = await open(this.file, 'r')
    try {
      const buf = Buffer.alloc(e.length)
      await handle.read(buf, 0, e.length, e.offset)
      text = buf.toString('utf8')
    } finally {
      await handle.close()
    }
    try {
      return JSON.parse(text) as HistoryEntry
    } catch {
      return undefined
    }
  }

  clear(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    return this.enqueue(async () => {
      this.index = []
      this.pending = []
      this.damaged = 0
      this.fileSize = 0
      await this.closeHandle()
      await writeFile(this.file, '', { mode: 0o600 })
    })
  }

  async dispose(): Promise<void> {
    await this.flush()
    await this.enqueue(() => this.closeHandle())
  }

  private async closeHandle(): Promise<void> {
    const h = this.handle
    this.handle = undefined
    await h?.close().catch(() => undefined)
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work)
    this.chain = next.catch(() => undefined)
    return next
  }

  private async load(): Promise<void> {
    let data: Buffer
    try {
      data = await readFile(this.file)
    } catch {
      return // no history yet
    }
    const loaded: IndexEntry[] = []
    let start = 0
    while (start < data.length) {
      let end = data.indexOf(10, start)
      if (end < 0) end = data.length
      const length = end + 1 - start
      if (end > start) {
        let summary: HistorySummary | null
        try {
          summary = summaryOf(JSON.parse(data.toString('utf8', start, end)))
        } catch {
          summary = null
        }
        if (summary) {
          const size = Math.min(length, data.length - start)
          loaded.push({
            ...summary,
            build: undefined,
            line: undefined,
            offset: start,
            length: size,
          })
        } else this.damaged++
      }
      start = end + 1
    }
    this.fileSize = data.length
    if (data.length && data[data.length - 1] !== 10) {
      // A torn last line: end it so the next append starts on a line of its own.
      await appendFile(this.file, '\n')
      this.fileSize++
    }
    this.index = [...loaded, ...this.index]
  }

  /**
   * Rewrites the file with the newest `cap` entries (to a temporary file, then renamed over),
   * copying through a small buffer in steps: the main process never holds or copies the whole
   * file at once, so compaction does not stall it.
   */
  private async compact(): Promise<void> {
    const keep = this.index.slice(-this.cap).filter((e) => e.offset >= 0)
    const tmp = `${this.file}.tmp`
    const moved: IndexEntry[] = []
    let offset = 0
    const source = await open(this.file, 'r')
    try {
      const target = await open(tmp, 'w', 0o600)
      try {
        const buf = Buffer.allocUnsafe(COMPACT_STEP_BYTES)
        for (const e of keep) {
          await copyRange(source, target, buf, e.offset, e.length, offset)
          moved.push({ ...e, offset })
          offset += e.length
        }
      } finally {
        await target.close()
      }
    } finally {
      await source.close()
    }
    await this.closeHandle() // it points at the file being replaced
    await rename(tmp, this.file)
    // Entries appended while this ran are still pending (offset -1) and follow the kept ones.
    const pending = this.index.filter((e) => e.offset < 0)
    this.index = [...moved, ...pending]
    this.fileSize = offset
    this.damaged = 0
  }
}

/** Bytes copied per step when compacting. */
const COMPACT_STEP_BYTES = 1024 * 1024

/** Copies `length` bytes at `from` in `source` to `to` in `target`, a buffer at a time. */
async function copyRange(
  source: FileHandle,
  target: FileHandle,
  buf: Buffer,
  from: number,
  length: number,
  to: number,
): Promise<void> {
  for (let done = 0; done < length;) {
    const want = Math.min(buf.length, length - done)
    const { bytesRead } = await source.read(buf, 0, want, from + done)
    if (bytesRead === 0) break
    await target.write(buf, 0, bytesRead, to + done)
    done += bytesRead
  }
}
