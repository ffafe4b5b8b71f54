/**
 * The body worker: formats and searches response bodies off the renderer's main thread, so a
 * 100 MB body never blocks scrolling or typing. One BodyText per body id.
 */
import { BodyText } from './body-text'
import type { BodyWorkerReply, BodyWorkerRequest } from './body-pipeline'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<BodyWorkerRequest>) => void) | null
  postMessage(message: BodyWorkerReply): void
}
const bodies = new Map<number, BodyText>()

scope.onmessage = ({ data: m }) => {
  if (m.type === 'begin') {
    bodies.set(m.body, new BodyText(m.mode))
    return
  }
  if (m.type === 'dispose') {
    bodies.delete(m.body)
    return
  }
  const text = bodies.get(m.body)
  if (!text) return scope.postMessage({ seq: m.seq, error: 'This body is no longer open.' })
  if (m.type === 'feed') scope.postMessage({ seq: m.seq, text: text.feed(m.text) })
  else if (m.type === 'end') scope.postMessage({ seq: m.seq, ...text.end() })
  else scope.postMessage({ seq: m.seq, search: text.search(m.query) })
}
