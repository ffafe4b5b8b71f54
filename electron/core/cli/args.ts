import { parseArgs } from 'node:util'

/** The range --timeout accepts: 1 ms to 10 minutes (beyond that, a call is better cancelled). */
export const MIN_TIMEOUT_MS = 1
export const MAX_TIMEOUT_MS = 600_000

export const USAGE = `Trustpilot API Explorer — command line

Usage:
  npm run cli -- token [options]              get a token and print it (masked)
  npm run cli -- call METHOD URL [options]    send a request with a token and print the response
  npm run cli -- catalogue [--json]           list the endpoint catalogue (--json: one array)
  npm run cli -- run PATH [options]           run a saved collection (run --help for its options)
  npm run cli -- import PATH [--format bruno|postman|openapi|curl] [--json]
  npm run cli -- export COLLECTION --format postman|bruno --out PATH
  npm run cli -- --help

Environment (where the token and API calls go):
  --env trustpilot|sandbox|custom   default: trustpilot (custom when --token-url is given)
                                    sandbox starts an in-process sandbox with its demo credentials
  --token-url URL                   token endpoint (required for custom)
  --refresh-url URL                 refresh endpoint (custom default: the token URL)
  --api-base URL                    API base for custom (default: the token URL's origin); a token
                                    is only sent to this origin (and --invitations-base)
  --invitations-base URL

Getting the token:
  --grant client_credentials|password|refresh_token    default: client_credentials
  --client-auth basic|body          client authentication: Basic header (default) or body fields
  --api-key KEY          or TP_API_KEY
  --api-secret SECRET    or TP_API_SECRET
  --username NAME        or TP_USERNAME       (password grant)
  --password PASSWORD    or TP_PASSWORD       (password grant)
  --refresh-token TOKEN  or TP_REFRESH_TOKEN  (refresh_token grant)
  Prefer the environment variables: flags end up in your shell history.
  With --env sandbox the sandbox's demo credentials are used unless flags say otherwise.

The call command:
  METHOD URL             e.g. GET https://api.trustpilot.com/v1/private/reviews/ID
                         a URL starting with / is taken relative to the API base
  --token TOKEN          use this access token instead of obtaining one (or TP_ACCESS_TOKEN)
  -H, --header 'Name: value'        repeatable
  --data BODY            request body; @file reads a file; JSON bodies get a JSON Content-Type
  --timeout MS           per request, a whole number from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}; default 30000

Output:
  --json                 token: one JSON object {access_token, token_type, expires_at (ISO 8601),
                         refresh_token?, raw}; call: {status, headers, body}
  --reveal               print tokens unmasked (they are masked by default)
  --trace                print the token flow's HTTP exchanges (masked) to stderr

Exit codes:
  0  success
  1  the token request or the call failed (an HTTP status >= 400, a network error, a timeout)
  2  wrong arguments: an unknown flag or command, a bad value, a missing credential,
     a --data @file that cannot be read
Examples:
  TP_API_KEY=… TP_API_SECRET=… npm run cli -- token
  npm run cli -- token --env sandbox --grant password
  npm run cli -- call GET /private/business-units/BU_ID/reviews --env sandbox
`

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export type Grant = 'client_credentials' | 'password' | 'refresh_token'

export interface CliArgs {
  command: 'token' | 'call' | 'help'
  method?: string
  url?: string
  env: 'trustpilot' | 'sandbox' | 'custom'
  tokenUrl?: string
  refreshUrl?: string
  apiBase?: string
  invitationsBase?: string
  grant: Grant
  clientAuth: 'basic' | 'body'
  apiKey?: string
  apiSecret?: string
  username?: string
  password?: string
  refreshToken?: string
  token?: string
  headers: Record<string, string>
  data?: string
  timeoutMs?: number
  json: boolean
  reveal: boolean
  trace: boolean
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`)
}

/** RFC 9110 token characters: what an HTTP header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** A whole number of milliseconds in the documented range; `1e12` or `0.5` is refused, not rounded. */
function parseTimeout(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(ms) || ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `--timeout must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} (got "${text}").`,
    )
  }
  return ms
}

/** An absolute http(s) URL, or a usage error naming the flag. */
function checkHttpUrl(what: string, value: string): void {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`${what} "${value}" is not a URL (it needs http:// or https://).`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${what} "${value}" must use http or https.`)
}

/** Parses argv (without node and script); flags override environment variables. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        env: { type: 'string' },
        'token-url': { type: 'string' },
        'refresh-url': { type: 'string' },
        'api-base': { type: 'string' },
        'invitations-base': { type: 'string' },
        grant: { type: 'string' },
        'client-auth': { type: 'string' },
        'api-key': { type: 'string' },
        'api-secret': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'refresh-token': { type: 'string' },
        token: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true },
        data: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        reveal: { type: 'boolean' },
        trace: { type: 'boolean' },
      },
    })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const v = parsed.values
  const [command, ...rest] = parsed.positionals
  if (v.help || command === 'help' || command === undefined) {
    if (command === undefined && !v.help) throw new UsageError('Missing command: token or call.')
    return { command: 'help' } as CliArgs
  }
  if (command !== 'token' && command !== 'call') {
    throw new UsageError(`Unknown command "${command}": use token or call.`)
  }
  const args: CliArgs = {
    command,
    env: oneOf(
      'env',
      v.env,
      ['trustpilot', 'sandbox', 'custom'],
      v['token-url'] ? 'custom' : 'trustpilot',
    ),
    grant: oneOf(
      'grant',
      v.grant,
      ['client_credentials', 'password', 'refresh_token'],
      'client_credentials',
    ),
    clientAuth: oneOf('client-auth', v['client-auth'], ['basic', 'body'], 'basic'),
    headers: {},
    json: Boolean(v.json),
    reveal: Boolean(v.reveal),
    trace: Boolean(v.trace),
  }
  if (command === 'call') {
    if (rest.length !== 2)
      throw new UsageError('call needs METHOD and URL, e.g. call GET /private/reviews/ID')
    args.method = rest[0]!.toUpperCase()
    args.url = rest[1]!
    if (!/^[A-Z]+$/.test(args.method)) throw new UsageError(`"${rest[0]}" is not an HTTP method.`)
  } else if (rest.length > 0) {
    throw new UsageError(`token takes no positional arguments (got "${rest.join(' ')}").`)
  }
  const set = <K extends keyof CliArgs>(key: K, value: CliArgs[K] | undefined) => {
    if (value !== undefined && value !== '') args[key] = value
  }
  set('tokenUrl', v['token-url'])
  set('refreshUrl', v['refresh-url'])
  set('apiBase', v['api-base'])
  set('invitationsBase', v['invitations-base'])
  const fromEnv = args.env !== 'sandbox'
  set('apiKey', v['api-key'] ?? (fromEnv ? env.TP_API_KEY : undefined))
  set('apiSecret', v['api-secret'] ?? (fromEnv ? env.TP_API_SECRET : undefined))
  set('username', v.username ?? (fromEnv ? env.TP_USERNAME : undefined))
  set('password', v.password ?? (fromEnv ? env.TP_PASSWORD : undefined))
  set('refreshToken', v['refresh-token'] ?? env.TP_REFRESH_TOKEN)
  set('token', v.token ?? env.TP_ACCESS_TOKEN)
  set('data', v.data)
  for (const h of v.header ?? []) {
    const colon = h.indexOf(':')
    if (colon <= 0) throw new UsageError(`Header "${h}" must look like 'Name: value'.`)
    const name = h.slice(0, colon).trim()
    if (!HEADER_NAME.test(name))
      throw new UsageError(`Header name "${name}" has characters a header name cannot have.`)
    args.headers[name] = h.slice(colon + 1).trim()
  }
  if (v.timeout !== undefined) args.timeoutMs = parseTimeout(v.timeout)
  for (const flag of ['token-url', 'refresh-url', 'api-base', 'invitations-base'] as const) {
    const value = v[flag]
    if (value !== undefined) checkHttpUrl(`--${flag}`, value)
  }
  if (args.url !== undefined && !args.url.startsWith('/')) checkHttpUrl('URL', args.url)
  if (args.data === '@' || v.data === '@')
    throw new UsageError('--data @ needs a file name, e.g. --data @body.json.')
  if (args.env === 'custom' && !args.tokenUrl)
    throw new UsageError('--env custom needs --token-url.')
  return args
}
