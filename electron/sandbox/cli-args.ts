/** Command-line parsing for cli.ts (kept separate so it can be tested without spawning). */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util'
import type { SandboxOptions } from './index'

export const USAGE = `Usage: npm run sandbox -- [options]

Starts the local Trustpilot-compatible sandbox on 127.0.0.1 (three listeners: API,
invitations API, login page) and prints the base URLs and demo credentials.

Options:
  --port <n>               API listener port (0 = any free port; default 0).
                           Invitations and login take the next free ports.
  --api-key <s>            API key (client id)
  --api-secret <s>         API secret
  --username <s>           business user login (email)
  --password <s>           business user password
  --business-unit-id <s>   business unit id
  --business-user-id <s>   business user id
  --redirect-uri <url>     the registered https redirect URI
  --access-ttl <seconds>   access token lifetime (default 360000)
  --refresh-ttl <seconds>  refresh token lifetime (default 7776000)
  --token-rate-limit <n>   token requests per client per minute before 429 (default 60)
  --json                   print one JSON line first (apiBase, invitationsBase, loginUrl, credentials)
  --quiet                  do not print a line per request
  --help                   show this help
`

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'run'; options: SandboxOptions; json: boolean }

const STRING_OPTIONS = {
  'api-key': 'apiKey',
  'api-secret': 'apiSecret',
  username: 'username',
  password: 'password',
  'business-unit-id': 'businessUnitId',
  'business-user-id': 'businessUserId',
  'redirect-uri': 'redirectUri',
} as const

const NUMBER_OPTIONS = {
  port: { key: 'port', min: 0, max: 65535 },
  'access-ttl': { key: 'accessTtl', min: 1, max: 10 ** 9 },
  'refresh-ttl': { key: 'refreshTtl', min: 1, max: 10 ** 9 },
  'token-rate-limit': { key: 'tokenRateLimit', min: 1, max: 10 ** 6 },
} as const

const PARSE_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  ...Object.fromEntries(
    [...Object.keys(STRING_OPTIONS), ...Object.keys(NUMBER_OPTIONS)].map((name) => [
      name,
      { type: 'string' },
    ]),
  ),
} as const satisfies ParseArgsConfig['options']

/**
 * Parses the sandbox's command line with node:util's parseArgs (strict, no positionals), so an
 * option is only ever what the table above lists: `--constructor` or `--toString` are unknown.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    values = nodeParseArgs({
      args: argv,
      options: PARSE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  if (values['help']) return { kind: 'help' }
  const options: SandboxOptions = { quiet: Boolean(values['quiet']) }
  for (const [name, key] of Object.entries(STRING_OPTIONS)) {
    const v = values[name]
    if (v === undefined) continue
    if (typeof v !== 'string' || v === '') {
      return { kind: 'error', message: `--${name} needs a value` }
    }
    options[key] = v
  }
  for (const [name, spec] of Object.entries(NUMBER_OPTIONS)) {
    const v = values[name]
    if (v === undefined) continue
    const n = Number(v)
    if (
      typeof v !== 'string' ||
      v.trim() === '' ||
      !Number.isInteger(n) ||
      n < spec.min ||
      n > spec.max
    ) {
      return {
        kind: 'error',
        message: `--${name} needs an integer from ${spec.min} to ${spec.max}`,
      }
    }
    options[spec.key] = n
  }
  if (options.redirectUri !== undefined) {
    let ok: boolean
    try {
      ok = new URL(options.redirectUri).protocol === 'https:'
    } catch {
      ok = false
    }
    if (!ok) return { kind: 'error', message: '--redirect-uri must be an absolute https URL' }
  }
  return { kind: 'run', options, json: Boolean(values['json']) }
}
