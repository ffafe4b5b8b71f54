import { originOf, TRUSTPILOT_BASES } from '../shared/url'
export type EnvironmentKind = 'trustpilot' | 'sandbox' | 'custom'

/** Where a profile's OAuth and API calls go. */
export interface Environment {
  kind: EnvironmentKind
  tokenUrl: string
  /** Refresh-token grant endpoint; Custom defaults it to tokenUrl. */
  refreshUrl: string
  /** Absent when a Custom server has no revocation endpoint (sign-out then only forgets). */
  revokeUrl?: string
  /** Login page for authorization code and implicit; absent for Custom servers without one. */
  authorizeUrl?: string
  apiBase: string
  invitationsBase: string
}

const TP_OAUTH = 'https://api.trustpilot.com/v1/oauth/oauth-business-users-for-applications'

export const TRUSTPILOT_ENVIRONMENT: Readonly<Environment> = Object.freeze({
  kind: 'trustpilot',
  tokenUrl: `${TP_OAUTH}/accesstoken`,
  refreshUrl: `${TP_OAUTH}/refresh`,
  revokeUrl: `${TP_OAUTH}/revoke`,
  authorizeUrl: 'https://authenticate.trustpilot.com',
  ...TRUSTPILOT_BASES,
})

/** What sandboxEnvironment needs from a running sandbox (its SandboxInfo fits). */
export interface SandboxUrls {
  apiBase: string
  invitationsBase: string
  loginUrl: string
}

const trimSlash = (u: string) => u.replace(/\/+$/, '')

export function sandboxEnvironment(info: SandboxUrls): Environment {
  const oauth = `${trimSlash(info.apiBase)}/oauth/oauth-business-users-for-applications`
  return {
    kind: 'sandbox',
    tokenUrl: `${oauth}/accesstoken`,
    refreshUrl: `${oauth}/refresh`,
    revokeUrl: `${oauth}/revoke`,
    authorizeUrl: info.loginUrl,
    apiBase: trimSlash(info.apiBase),
    invitationsBase: trimSlash(info.invitationsBase),
  }
}

export interface CustomEnvironmentInput {
  tokenUrl: string
  refreshUrl?: string
  revokeUrl?: string
  authorizeUrl?: string
  /** Default: the token URL's origin. */
  apiBase?: string
  /** Default: apiBase. */
  invitationsBase?: string
}

/** Any OAuth 2.0 server. Throws a TypeError naming the field when a URL is not absolute http(s). */
export function customEnvironment(input: CustomEnvironmentInput): Environment {
  const check = (name: string, url: string | undefined) => {
    if (url === undefined || url === '') return undefined
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new TypeError(`${name} is not a valid URL: ${url}`)
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new TypeError(`${name} must be an http(s) URL: ${url}`)
    }
    return url
  }
  const tokenUrl = check('tokenUrl', input.tokenUrl)
  if (!tokenUrl) throw new TypeError('tokenUrl is required for a Custom environment')
  const apiBase = trimSlash(check('apiBase', input.apiBase) ?? new URL(tokenUrl).origin)
  const env: Environment = {
    kind: 'custom',
    tokenUrl,
    refreshUrl: check('refreshUrl', input.refreshUrl) ?? tokenUrl,
    apiBase,
    invitationsBase: trimSlash(check('invitationsBase', input.invitationsBase) ?? apiBase),
  }
  const revokeUrl = check('revokeUrl', input.revokeUrl)
  if (revokeUrl) env.revokeUrl = revokeUrl
  const authorizeUrl = check('authorizeUrl', input.authorizeUrl)
  if (authorizeUrl) env.authorizeUrl = authorizeUrl
  return env
}

/** True when `url` is on the environment's API or invitations host: only then is a token attached. */
export function belongsToEnvironment(env: Environment, url: string): boolean {
  return environmentOriginCheck(env)(url)
}

/**
 * A reusable check for one environment (the token manager runs it on every call): a cheap
 * prefix test for URLs already in canonical form, a full parse for anything else.
 */
export function environmentOriginCheck(env: Environment): (url: string) => boolean {
  const origins = [originOf(env.apiBase), originOf(env.invitationsBase)].filter(
    (o): o is string => o !== null,
  )
  return (url) => {
    for (const o of origins) {
      if (url.startsWith(o)) {
        const next = url.charAt(o.length)
        if (next === '/' || next === '?' || next === '#' || next === '') return true
      }
    }
    const origin = originOf(url)
    return origin !== null && origins.includes(origin)
  }
}
