/**
 * Response bodies stay in main, keyed by response id, in a bounded LRU (entry count and bytes);
 * the renderer reads them in slices. The pretty-printed JSON is computed once, on first request.
 */
import type { BodyKind } from '../../shared/workbench'
import { LARGE_BODY_LIMIT } from '../../shared/workbench'

export interface StoredBody {
  text: string
  bytes?: Uint8Array
  size: number
  kind: BodyKind
  contentType: string
  /** Lazily computed; `null` when the body is not JSON after all or too large. */
  pretty?: string | null
}

export interface BodyStoreOptions {
  maxEntries?: number
  maxBytes?: number
  /** JSON bodies up to this size get a pretty-printed version. */
  prettyLimit?: number
}

export class BodyStore {
  private readonly entries = new Map<string, StoredBody>()
  private bytes = 0
  readonly maxEntries: number
  readonly maxBytes: number
  readonly prettyLimit: number

  constructor(options: BodyStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20
    this.maxBytes = options.maxBytes ?? 200 * 1024 * 1024
    this.prettyLimit = options.prettyLimit ?? LARGE_BODY_LIMIT
  }

  /** Memory held for an entry: the text (two bytes a character at worst) counted as its size. */
  private static cost(b: StoredBody): number {
    return b.size + (b.pretty ? b.pretty.length : 0)
  }

  put(id: string, body: StoredBody): void {
    this.delete(id)
    this.entries.set(id, body)
    this.bytes += BodyStore.cost(body)
    this.evict(id)
  }

  /** Reads an entry and marks it most recently used. */
  get(id: string): StoredBody | undefined {
    const b = this.entries.get(id)
    if (!b) return undefined
    this.entries.delete(id)
    this.entries.set(id, b)
    return b
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  delete(id: string): void {
    const b = this.entries.get(id)
    if (!b) return
    this.bytes -= BodyStore.cost(b)
    this.entries.delete(id)
  }

  /** The pretty-printed JSON, computed once; null when not available. */
  pretty(id: string): string | null {
    const b = this.get(id)
    if (!b) return null
    if (b.pretty !== undefined) return b.pretty
    let pretty: string | null = null
    if (b.kind === 'json' && b.size <= this.prettyLimit) {
      try {
        pretty = JSON.stringify(JSON.parse(b.text), null, 2)
      } catch {
        pretty = null
      }
    }
    b.pretty = pretty
    if (pretty) {
      this.bytes += pretty.length
      this.evict(id)
    }
    return pretty
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  /** Drops least recently used entries until within bounds; `keep` (the newest) always stays. */
  private evict(keep: string): void {
    for (const [id, b] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return
      if (id === keep) continue
      this.bytes -= BodyStore.cost(b)
      this.entries.delete(id)
    }
  }
}
