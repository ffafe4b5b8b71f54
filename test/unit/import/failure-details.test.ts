import { describe, expect, it } from 'vitest'
import { failureDetails, orNothing } from '../../../electron/core/failure-details'
import { HttpError } from '../../../electron/core/http/http-error'
import { OAuthError } from '../../../electron/core/oauth-error'

describe('failureDetails', () => {
  it('names the failure kind, the system codes and messages along the cause chain', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), {
      code: 'ENOTFOUND',
    })
    const fetchFailed = new TypeError('fetch failed', { cause: dns })
    const error = new OAuthError('network', 'The token request failed: DNS', {
      cause: new HttpError('dns', 'The host name could not be resolved', fetchFailed),
    })
    expect(failureDetails(error)).toEqual({
      failure: 'dns',
      causeCodes: ['ENOTFOUND'],
      causes: [
        'The host name could not be resolved',
        'fetch failed',
        'getaddrinfo ENOTFOUND api.example.test',
      ],
    })
  })

  it('keeps status and Retry-After, and gives nothing rather than an empty object', () => {
    expect(
      failureDetails(new OAuthError('rate_limited', '429', { status: 429, retryAfterMs: 3000 })),
    ).toEqual({ status: 429, retryAfterMs: 3000 })
    expect(orNothing(failureDetails(new OAuthError('config', 'x')))).toBeUndefined()
  })
})
