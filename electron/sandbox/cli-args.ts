/** Command-line parsing for cli.ts (kept separate so it can be tested without spawning). */
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
  '--api-key': 'apiKey',
  '--api-secret': 'apiSecret',
  '--username': 'username',
  '--password': 'password',
  '--business-unit-id': 'businessUnitId',
  '--business-user-id': 'businessUserId',
  '--redirect-uri': 'redirectUri',
} as const

const NUMBER_OPTIONS = {
  '--port': { key: 'port', min: 0, max: 65535 },
  '--access-ttl': { key: 'accessTtl', min: 1, max: 10 ** 9 },
  '--refresh-ttl': { key: 'refreshTtl', min: 1, max: 10 ** 9 },
  '--token-rate-limit': { key: 'tokenRateLimit', min: 1, max: 10 ** 6 },
} as const

export function parseArgs(argv: string[]): ParsedArgs {
  const options: SandboxOptions = { quiet: false }
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i])

    if (name === '--help' || name === '-h') return { kind: 'help' }
    if (name === '--json' || name === '--quiet') {
      if (inline !== undefined) return { kind: 'error', message: `${name} takes no value` }
      if (name === '--json') json = true
      else options.quiet = true
      continue
    }
    if (name in STRING_OPTIONS) {
      const v = value()
      if (v === undefined || v === '') return { kind: 'error', message: `${name} needs a value` }
      options[STRING_OPTIONS[name as keyof typeof STRING_OPTIONS]] = v
      continue
    }
    if (name in NUMBER_OPTIONS) {
      const spec = NUMBER_OPTIONS[name as keyof typeof NUMBER_OPTIONS]
      const v = value()
      const n = Number(v)
      if (
        v === undefined ||
        v.trim() === '' ||
        !Number.isInteger(n) ||
        n < spec.min ||
        n > spec.max
      ) {
        return {
          kind: 'error',
          message: `${name} needs an integer from ${spec.min} to ${spec.max}`,
        }
      }
      options[spec.key] = n
      continue
    }
    return { kind: 'error', message: `Unknown option: ${arg}` }
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
  return { kind: 'run', options, json }
}
