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
/**
 * Decoded chunks are gathered into pieces of at least this many characters: a server sending
 * many tiny chunks does not leave the body store with millions of strings to keep and walk.
 */
export const PIECE_CHARS = 64 * 1024

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
  const pieces = new PieceGatherer()
  let bytes = 0
  for await (const chunk of response.body) {
    bytes += chunk.byteLength
    pieces.add(decoder.decode(chunk, { stream: true }))
  }
  pieces.add(decoder.decode())
  return { pieces: pieces.end(), bytes }
}

/** Joins small decoded chunks into pieces of about `PIECE_CHARS` (each join is small). */
class PieceGatherer {
  private readonly pieces: string[] = []
  private pending: string[] = []
  private pendingChars = 0

  add(text: string): void {
    if (!text) return
    this.pending.push(text)
    this.pendingChars += text.length
    if (this.pendingChars >= PIECE_CHARS) this.flush()
  }

  end(): string[] {
    this.flush()
    return this.pieces
  }

  private flush(): void {
    if (this.pending.length) this.pieces.push(this.pending.join(''))
    this.pending = []
    this.pendingChars = 0
  }
}
