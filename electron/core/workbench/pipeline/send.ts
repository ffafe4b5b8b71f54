/**
 * Stage 3 of a send: the request goes out, through the token manager when a token is attached
 * (a rejected token is renewed once and the call sent again once), else straight. Cancel and
 * timeout travel as one AbortSignal per exchange (`sendRequest` joins the caller's cancel signal
 * with `AbortSignal.timeout`). Failures become HandlerErrors with a code the UI understands.
 */
import { HandlerError } from '../../../shared/result'
import { HttpError } from '../../http/http-error'
import { sendRequest } from '../../http/send-request'
import type { FetchLike, HttpRequest, HttpResponse } from '../../http/types'
import { isOAuthError } from '../../oauth-error'
import type { TokenManager } from '../../token-manager'
import { failureDetails, orNothing } from '../../failure-details'
import type { TokenSet } from '../../token-parse'

export interface Sent {
  response: HttpResponse
  retried: boolean
  /** The token the answer came with (a renewed one after a retry). */
  token?: TokenSet
  /** Tokens used and replaced during this call: still secrets to mask. */
  spentTokens: TokenSet[]
  notes: string[]
  warnings: string[]
}

export async function send(
  request: HttpRequest,
  token: TokenSet | undefined,
  manager: Pick<TokenManager, 'fetchAuthorized'>,
  fetch: FetchLike,
): Promise<Sent> {
  if (!token) {
    const response = await sendRequest(fetch, request)
    return { response, retried: false, spentTokens: [], notes: [], warnings: [] }
  }
  const result = await manager.fetchAuthorized(request, { token })
  const sent: Sent = {
    response: result.response,
    retried: result.retried,
    token: result.token,
    spentTokens: result.token === token ? [] : [token],
    notes: [],
    warnings: [],
  }
  if (result.retried) {
    sent.notes.push(
      'The first answer rejected the token: a new token was obtained and the call was sent again, once.',
    )
  }
  if (result.renewError) {
    sent.warnings.push(
      `The token was rejected and no new one could be had: ${result.renewError.message}`,
    )
  }
  return sent
}

const cancelled = (): HandlerError => new HandlerError('cancelled', 'The request was cancelled.')

/** Any failure of a send (token, network, timeout, cancel) as the HandlerError the UI shows. */
export function toHandlerError(error: unknown): HandlerError {
  if (error instanceof HandlerError) return error
  if (error instanceof HttpError) {
    if (error.kind === 'aborted') return cancelled()
    const code = error.kind === 'timeout' ? 'timeout' : `http:${error.kind}`
    return new HandlerError(code, error.message)
  }
  if (isOAuthError(error)) {
    if (error.code === 'aborted') return cancelled()
    return new HandlerError(
      `oauth:${error.code}`,
      `No token could be had for this request: ${error.message}`,
      orNothing(failureDetails(error)),
    )
  }
  return new HandlerError('failed', error instanceof Error ? error.message : String(error))
}
