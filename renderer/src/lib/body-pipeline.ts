/**
 * A response body's display text and search, run in the body worker (a Web Worker bundled by
 * Vite) so formatting and searching a large body never block the renderer's main thread. Where
 * no Worker exists (component tests) the same BodyText runs in-process.
 */
import { BodyText, type BodyTextMode, type SearchResult } from './body-text'

export type BodyWorkerRequest =
  | { type: 'begin'; body: number; mode: BodyTextMode }
  | { type: 'dispose'; body: number }
  | { type: 'feed'; body: number; seq: number; text: string }
  | { type: 'end'; body: number; seq: number }
  | { type: 'search'; body: number; seq: number; query: string }

export type BodyWorkerReply = { seq: number } & (
  { text: string; problem?: string | null } | { search: SearchResult } | { error: string }
)

export interface BodyPipeline {
  feed(slice: string): Promise<string>
  end(): Promise<{ text: string; problem: string | null }>
  search(query: string): Promise<SearchResult>
  dispose(): void
}

let worker: Worker | null = null
let nextBody = 0
let nextSeq = 0
const waiting = new Map<number, (reply: BodyWorkerReply) => void>()

function sharedWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./body-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = ({ data }: MessageEvent<BodyWorkerReply>) => {
      waiting.get(data.seq)?.(data)
      waiting.delete(data.seq)
    }
  }
  return worker
}

function request(
  w: Worker,
  message: BodyWorkerRequest & { seq: number },
): Promise<BodyWorkerReply> {
  return new Promise((resolve, reject) => {
    waiting.set(message.seq, (reply) =>
      'error' in reply ? reject(new Error(reply.error)) : resolve(reply),
    )
    w.postMessage(message)
  })
}

function workerPipeline(mode: BodyTextMode): BodyPipeline {
  const w = sharedWorker()
  const body = ++nextBody
  w.postMessage({ type: 'begin', body, mode } satisfies BodyWorkerRequest)
  const ask = (
    m: { type: 'feed'; text: string } | { type: 'end' } | { type: 'search'; query: string },
  ) => request(w, { ...m, body, seq: ++nextSeq })
  return {
    feed: async (text) => ((await ask({ type: 'feed', text })) as { text: string }).text,
    end: async () => {
      const r = (await ask({ type: 'end' })) as { text: string; problem?: string | null }
      return { text: r.text, problem: r.problem ?? null }
    },
    search: async (query) =>
      ((await ask({ type: 'search', query })) as { search: SearchResult }).search,
    dispose: () => w.postMessage({ type: 'dispose', body } satisfies BodyWorkerRequest),
  }
}

function inProcessPipeline(mode: BodyTextMode): BodyPipeline {
  const text = new BodyText(mode)
  return {
    feed: async (slice) => text.feed(slice),
    end: async () => text.end(),
    search: async (query) => text.search(query),
    dispose: () => undefined,
  }
}

export function bodyPipeline(mode: BodyTextMode): BodyPipeline {
  return typeof Worker === 'function' ? workerPipeline(mode) : inProcessPipeline(mode)
}
