import { readFile } from 'node:fs/promises'
import { customEnvironment, sandboxEnvironment, TRUSTPILOT_ENVIRONMENT } from '../environments'
import type { Environment } from '../environments'
import { HttpError } from '../http/http-error'
import type { FetchLike } from '../http/types'
import { createRedactor, maskToken, type Redactor } from '../redact'
import { OAuthError } from '../oauth-error'
import { TokenManager } from '../token-manager'
import type { TokenSet } from '../token-parse'
import type { SandboxPort } from '../services/sandbox-port'
import { MemoryTokenStore } from '../token-store'
import { send, type Sent } from '../workbench/pipeline/send'
import { parseCliArgs, USAGE, UsageError } from './args'
import type { CliArgs } from './args'
import { runCatalogueCommand } from './catalogue-command'
import { responseJson, responseText, tokenJson, tokenSummary, traceText } from './output'
import { runTransferCommand } from './import-command'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  fetch?: FetchLike
  /** The built-in sandbox for `--env sandbox`, wired in by the entry (the core does not import it). */
  sandbox?: SandboxPort
}

export interface Target {
  env: Environment
  apiKey?: string
  apiSecret?: string
  username?: string
  password?: string
  ids: Record<string, string>
  close?: () => Promise<void>
}

const NO_TARGET: Target = { env: TRUSTPILOT_ENVIRONMENT, ids: {} }

export async function resolveTarget(
  args: CliArgs,
  sandbox: SandboxPort | undefined,
): Promise<Target> {
  const custom = () =>
    customEnvironment({
      tokenUrl: args.tokenUrl!,
      refreshUrl: args.refreshUrl,
      apiBase: args.apiBase,
      invitationsBase: args.invitationsBase,
    })
  const pick = {
    apiKey: args.apiKey,
    apiSecret: args.apiSecret,
    username: args.username,
    password: args.password,
  }
  if (args.env === 'sandbox') {
    if (!sandbox) throw new UsageError('--env sandbox: the built-in sandbox is not available here.')
    const sb = await sandbox.start({ quiet: true })
    return {
      env: sandboxEnvironment(sb.info),
      apiKey: args.apiKey ?? sb.info.apiKey,
      apiSecret: args.apiSecret ?? sb.info.apiSecret,
      username: args.username ?? sb.info.username,
      password: args.password ?? sb.info.password,
      ids: {
        bu: sb.info.businessUnitId,
        businessUnitId: sb.info.businessUnitId,
        businessUserId: sb.info.businessUserId,
      },
      close: () => sb.close(),
    }
  }
  try {
    if (args.env === 'custom') return { env: custom(), ...pick, ids: {} }
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const base = TRUSTPILOT_ENVIRONMENT
  const env: Environment = {
    ...base,
    tokenUrl: args.tokenUrl ?? base.tokenUrl,
    refreshUrl: args.refreshUrl ?? base.refreshUrl,
  }
  return { env, ...pick, ids: {} }
}

function need(value: string | undefined, what: string, flag: string, envVar: string): string {
  if (!value) throw new UsageError(`Missing ${what}: pass ${flag} or set ${envVar}.`)
  return value
}

export async function obtainToken(args: CliArgs, target: Target, io: CliIo, fetch: FetchLike) {
  const apiKey = need(target.apiKey, 'API key', '--api-key', 'TP_API_KEY')
  const apiSecret = need(target.apiSecret, 'API secret', '--api-secret', 'TP_API_SECRET')
  const extra: { username?: string; password?: string; refreshToken?: string } = {}
  if (args.grant === 'password') {
    extra.username = need(target.username, 'username', '--username', 'TP_USERNAME')
    extra.password = need(target.password, 'password', '--password', 'TP_PASSWORD')
  } else if (args.grant === 'refresh_token') {
    extra.refreshToken = need(
      args.refreshToken,
      'refresh token',
      '--refresh-token',
      'TP_REFRESH_TOKEN',
    )
  }
  const manager = new TokenManager({
    profileId: 'cli',
    env: target.env,
    client: { apiKey, apiSecret, clientAuth: args.clientAuth },
    credentials: extra,
    grant: args.grant === 'refresh_token' ? 'password' : args.grant,
    fetch,
    store: new MemoryTokenStore(),
    timeoutMs: args.timeoutMs,
    sleep: (ms) => {
      io.stderr(
        `Token endpoint answered 429; waiting ${Math.round(ms / 100) / 10} s before trying again…\n`,
      )
      return new Promise((r) => setTimeout(r, ms))
    },
  })
  try {
    const token = await manager.acquire(args.grant, extra)
    return { manager, token }
  } finally {
    const trace = manager.lastTrace()
    if (args.trace && trace) io.stderr(traceText(trace))
  }
}

async function runToken(
  args: CliArgs,
  target: Target,
  io: CliIo,
  fetch: FetchLike,
): Promise<number> {
  const { token } = await obtainToken(args, target, io, fetch)
  const source = args.grant === 'refresh_token' ? target.env.refreshUrl : target.env.tokenUrl
  if (args.json) io.stdout(`${JSON.stringify(tokenJson(token, args.reveal), null, 2)}\n`)
  else io.stdout(tokenSummary(token, source, args.reveal, Date.now()))
  return 0
}

/** `--data @file`: a file that cannot be read is a wrong argument (exit 2), said plainly. */
async function readDataFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message
    throw new UsageError(`--data @${path}: the file cannot be read (${why}).`)
  }
}

async function requestBody(
  args: CliArgs,
  headers: Record<string, string>,
): Promise<string | undefined> {
  if (args.data === undefined) return undefined
  const body = args.data.startsWith('@') ? await readDataFile(args.data.slice(1)) : args.data
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  if (!hasType) {
    let isJson = false
    try {
      JSON.parse(body)
      isJson = true
    } catch {
      // not JSON
    }
    headers['Content-Type'] = isJson ? 'application/json' : 'application/x-www-form-urlencoded'
  }
  return body
}

/** The URL the user gave: `{bu}`-style ids filled in, a bare path put under the API base. */
function callUrl(args: CliArgs, target: Target): string {
  let url = args.url!
  for (const [name, value] of Object.entries(target.ids)) url = url.replaceAll(`{${name}}`, value)
  return url.startsWith('/') ? `${target.env.apiBase}${url}` : url
}

/** Masks everything the CLI knows to be secret: the credentials given and the tokens used. */
const cliRedactor = (
  args: CliArgs,
  target: Target,
  ...tokens: (TokenSet | undefined)[]
): Redactor =>
  createRedactor([
    target.apiSecret,
    target.password,
    args.apiSecret,
    args.password,
    args.token,
    args.refreshToken,
    ...tokens.flatMap((t) => [t?.accessToken, t?.refreshToken]),
  ])

async function runCall(
  args: CliArgs,
  target: Target,
  io: CliIo,
  fetch: FetchLike,
): Promise<number> {
  const headers: Record<string, string> = { Accept: 'application/json', ...args.headers }
  const body = await requestBody(args, headers)
  const request = {
    method: args.method!,
    url: callUrl(args, target),
    headers,
    body,
    timeoutMs: args.timeoutMs,
  }
  let sent: Sent
  if (args.token) {
    io.stderr(`Using the given token ${args.reveal ? args.token : maskToken(args.token)}\n`)
    sent = await send(
      { ...request, headers: { ...headers, Authorization: `Bearer ${args.token}` } },
      undefined,
      NO_MANAGER,
      fetch,
    )
  } else {
    const { manager, token } = await obtainToken(args, target, io, fetch)
    io.stderr(
      `Using a ${token.grant} token ${args.reveal ? token.accessToken : maskToken(token.accessToken)}\n`,
    )
    sent = await send(request, token, manager, fetch)
    if (sent.retried) io.stderr('The token was rejected; got a new one and retried once.\n')
    for (const w of sent.warnings) io.stderr(`${w}\n`)
  }
  const redactor = cliRedactor(args, target, sent.token, ...sent.spentTokens)
  const res = sent.response
  if (args.json) io.stdout(responseJson(res, args.reveal, redactor))
  else io.stdout(responseText(res, args.reveal, redactor))
  return res.status >= 400 ? 1 : 0
}

/** With a token given on the command line there is no manager: nothing to renew. */
const NO_MANAGER = {
  fetchAuthorized: () => Promise.reject(new Error('no token manager')),
}

/** Runs the command line; returns the exit code (0 ok, 1 failed, 2 usage). Never calls process.exit. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // The catalogue command has its own options and needs no token or network.
  if (argv[0] === 'catalogue') return runCatalogueCommand(argv.slice(1), io)
  // Collections (issue 14): `run PATH …` has its own file.
  if (argv[0] === 'run') {
    const { runCollectionCli } = await import('./run-collection')
    return runCollectionCli(argv.slice(1), io)
  }
  // Import and export have their own arguments (electron/core/cli/import-command.ts).
  if (argv[0] === 'import' || argv[0] === 'export') return runTransferCommand(argv, io)
  let args: CliArgs
  try {
    args = parseCliArgs(argv, io.env)
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`Error: ${err.message}\n\n${USAGE}`)
      return 2
    }
    throw err
  }
  if (args.command === 'help') {
    io.stdout(USAGE)
    return 0
  }
  const fetch = io.fetch ?? globalThis.fetch
  let target: Target | undefined
  try {
    target = await resolveTarget(args, io.sandbox)
    return args.command === 'token'
      ? await runToken(args, target, io, fetch)
      : await runCall(args, target, io, fetch)
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`Error: ${err.message}\n\n${USAGE}`)
      return 2
    }
    const message =
      err instanceof Error ? cliRedactor(args, target ?? NO_TARGET).message(err.message) : ''
    if (err instanceof OAuthError && err.code === 'config') {
      io.stderr(`Error: ${message}\n`)
      return 2
    }
    if (err instanceof OAuthError || err instanceof HttpError) {
      io.stderr(`Error: ${message}\n`)
      return 1
    }
    // Anything else is still a failed run, told in one line, not a stack trace.
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  } finally {
    await target?.close?.()
  }
}
