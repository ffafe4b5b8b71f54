/**
 * Reads a response body as UTF-8 text without one long stall on a large body: `response.text()`
 * joins every chunk into one buffer and decodes it in one synchronous step (hundreds of ms for
 * 100 MB, during which the main process serves no IPC). Here each chunk is decoded as it
 * arrives; small bodies with a known length keep the cheaper `text()`.
 */

/** Bodies up to this many bytes (by Content-Length) are read with `response.text()`. */
const STREAM_FROM_BYTES = 1024 * 1024

export async function readText(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? NaN)
  if (!response.body || (Number.isFinite(length) && length <= STREAM_FROM_BYTES)) {
    return response.text()
  }
  const decoder = new TextDecoder() // UTF-8, BOM removed: what text() does
  const pieces: string[] = []
  for await (const chunk of response.body) pieces.push(decoder.decode(chunk, { stream: true }))
  pieces.push(decoder.decode())
  return pieces.join('')
}
