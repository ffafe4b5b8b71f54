import { HandlerError } from '../../shared/result'
import type { BusinessUnitMatch } from '../../shared/auth'
import { describeErrorResponse } from '../http/describe-error'
import { HttpError } from '../http/http-error'
import { sendRequest } from '../http/send-request'
import type { FetchLike } from '../http/types'
import type { Environment } from '../environments'

/**
 * "Find my business unit id": the public API's `business-units/find?name=DOMAIN` with the
 * `apikey` header. Private endpoints need this id, and Trustpilot Business does not show it.
 */
export async function findBusinessUnit(
  fetch: FetchLike,
  env: Environment,
  apiKey: string,
  name: string,
): Promise<BusinessUnitMatch> {
  if (!apiKey)
    throw new HandlerError('missing-fields', 'The API key is needed to search the public API.')
  const url = `${env.apiBase}/business-units/find?name=${encodeURIComponent(name.trim())}`
  let res
  try {
    res = await sendRequest(fetch, {
      method: 'GET',
      url,
      headers: { apikey: apiKey, accept: 'application/json' },
    })
  } catch (error) {
    if (error instanceof HttpError) throw new HandlerError(`http:${error.kind}`, error.message)
    throw error
  }
  if (res.status !== 200) {
    const described = describeErrorResponse(res.status, res.headers['content-type'], res.bodyText)
    throw new HandlerError(
      res.status === 404 ? 'not-found' : 'http-error',
      res.status === 404
        ? `No business unit is registered under “${name.trim()}”.`
        : described.message,
      { status: res.status, body: res.bodyText.slice(0, 4000) },
    )
  }
  let body: unknown
  try {
    body = JSON.parse(res.bodyText)
  } catch {
    throw new HandlerError('bad-response', 'The public API answered 200 but not with JSON.', {
      body: res.bodyText.slice(0, 4000),
    })
  }
  const b = body as { id?: unknown; displayName?: unknown; name?: { identifying?: unknown } }
  if (typeof b.id !== 'string' || !b.id) {
    throw new HandlerError('bad-response', 'The public API answer has no business unit id.', {
      body,
    })
  }
  return {
    id: b.id,
    displayName: typeof b.displayName === 'string' ? b.displayName : name.trim(),
    ...(typeof b.name?.identifying === 'string' ? { identifyingName: b.name.identifying } : {}),
  }
}
