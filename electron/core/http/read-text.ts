/**
 * Reads a response body as UTF-8 text without one long stall on a large body: `response.text()`
 * joins every chunk into one buffer and decodes it in one synchronous step (hundreds of ms for
 * 100 MB, during which the main process serves no IPC). Here each chunk is decoded as it
 * arrives and kept as its own piece, and the bytes are counted on the way: nothing afterwards
 * needs to join the pieces or measure the whole text. Small bodies with a known length keep the
 * cheaper `text()`.
 */

/** Bodies up to this many bytes (by Content-Length) are read with `response.text()`. */
const STREAM_FROM_BYTES = 1024 * 1024

export interface TextPieces {
  /** The decoded text, in order; joined they are the body. */
  pieces: string[]
  /** The body's size in bytes as received (UTF-8). */
  bytes: number
}

export async function readText(response: Response): Promise<TextPieces> {
  const length = Number(response.headers.get('content-length') ?? NaN)
  if (!response.body || (Number.isFinite(length) && length <= STREAM_FROM_BYTES)) {
    const text = await response.text()
    return { pieces: [text], bytes: Buffer.byteLength(text) }
  }
  const decoder = new TextDecoder() // UTF-8, BOM removed: what text() does
  const pieces: string[] = []
  let bytes = 0
  for await (const chunk of response.body) {
    bytes += chunk.byteLength
    pieces.push(decoder.decode(chunk, { stream: true }))
  }
  pieces.push(decoder.decode())
  return { pieces, bytes }
}
