export type HttpErrorKind = 'timeout' | 'aborted' | 'connection-refused' | 'dns' | 'tls' | 'network'

/** A request that produced no HTTP response at all. `message` is meant for people. */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message)
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
])

/** Collects `code`s and messages along an error's cause chain (undici nests them, sometimes in an AggregateError). */
export function errorFacts(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = []
  const messages: string[] = []
  const seen = new Set<unknown>()
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return
    seen.add(e)
    const rec = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
    if (typeof rec.code === 'string') codes.push(rec.code)
    if (typeof rec.message === 'string') messages.push(rec.message)
    visit(rec.cause, depth + 1)
    if (Array.isArray(rec.errors)) for (const sub of rec.errors) visit(sub, depth + 1)
  }
  visit(err, 0)
  return { codes, messages }
}

/**
 * Turns whatever a fetch implementation threw into an HttpError. Understands Node/undici
 * (`cause.code` such as ECONNREFUSED) and Chromium's `net::ERR_*` messages from Electron's net.fetch.
 */
export function classifyFetchError(err: unknown, url: string): HttpError {
  let host = url
  try {
    host = new URL(url).host
  } catch {
    // keep the raw string
  }
  const { codes, messages } = errorFacts(err)
  const all = messages.join(' | ')
  const has = (...c: string[]) => c.some((x) => codes.includes(x) || all.includes(x))
  if (has('ECONNREFUSED', 'net::ERR_CONNECTION_REFUSED')) {
    return new HttpError(
      'connection-refused',
      `Connection refused by ${host}: nothing is listening there (is the server running, and is the port right?).`,
      err,
    )
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'net::ERR_NAME_NOT_RESOLVED')) {
    return new HttpError(
      'dns',
      `The host name ${host} could not be resolved (DNS lookup failed): check the URL and your network.`,
      err,
    )
  }
  if (
    codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL')) ||
    /net::ERR_(CERT|SSL)_/.test(all) ||
    /certificate|SSL routines|TLS/i.test(all)
  ) {
    const detail = codes.find((c) => c !== 'UND_ERR_SOCKET') ?? messages.at(-1) ?? 'TLS error'
    return new HttpError(
      'tls',
      `The secure connection to ${host} failed (${detail}): the certificate is not trusted or the TLS handshake failed.`,
      err,
    )
  }
  if (
    has(
      'ETIMEDOUT',
      'UND_ERR_CONNECT_TIMEOUT',
      'net::ERR_TIMED_OUT',
      'net::ERR_CONNECTION_TIMED_OUT',
    )
  ) {
    return new HttpError('timeout', `Connecting to ${host} timed out.`, err)
  }
  const detail = codes[0] ?? messages.at(-1) ?? String(err)
  return new HttpError(
    'network',
    `The request to ${host} failed before any response arrived (${detail}).`,
    err,
  )
}
