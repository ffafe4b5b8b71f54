import { OAuthError } from './oauth-error'

export interface BackoffOptions {
  /** Retries after the first attempt (so at most maxRetries + 1 tries). */
  maxRetries: number
  /** First wait when the server gives no Retry-After; doubles each time. */
  baseDelayMs: number
  /** A Retry-After longer than this is not waited for: the error is reported at once. */
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/**
 * Runs a token request, backing off on 429 (honouring Retry-After) a bounded number of times,
 * then failing with an explanation of Trustpilot's rule against too-frequent authentication.
 */
export async function withRateLimitBackoff<T>(
  attempt: () => Promise<T>,
  options: BackoffOptions,
): Promise<T> {
  let waited = 0
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (err) {
      if (!(err instanceof OAuthError) || err.code !== 'rate_limited') throw err
      const wait = err.retryAfterMs ?? options.baseDelayMs * 2 ** (tries - 1)
      const explain = (why: string) =>
        new OAuthError(
          'rate_limited',
          `The token endpoint answered 429 Too Many Requests ${tries === 1 ? 'once' : `${tries} times`}${waited ? ` (after waiting ${seconds(waited)} in total)` : ''}; ${why}. Trustpilot rejects too-frequent authentication: a valid token should be reused rather than a new one requested. Wait a few minutes before trying again.`,
          {
            status: err.status,
            body: err.body,
            retryAfterMs: err.retryAfterMs,
            cause: err,
          },
        )
      if (tries > options.maxRetries) throw explain('gave up')
      if (wait > options.maxDelayMs) {
        throw explain(`the server asks to wait ${seconds(wait)}, longer than this app waits`)
      }
      await options.sleep(wait)
      waited += wait
    }
  }
}
