import { readFile } from 'node:fs/promises'
import { customEnvironment, sandboxEnvironment, TRUSTPILOT_ENVIRONMENT } from '../environments'
import type { Environment } from '../environments'
import { HttpError } from '../http/http-error'
import { sendRequest } from '../http/send-request'
import type { FetchLike, HttpResponse } from '../http/types'
import { maskToken } from '../mask'
import { OAuthError } from '../oauth-error'
import { TokenManager } from '../token-manager'
import { MemoryTokenStore } from '../token-store'
import { parseCliArgs, USAGE, UsageError } from './args'
import type { CliArgs } from './args'
import { responseText, tokenJson, tokenSummary, traceText } from './output'
import { runTransferCommand } from './import-command'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  fetch?: FetchLike
}

interface Target {
  env: Environment
  apiKey?: string
  apiSecret?: string
  username?: string
  password?: string
  ids: Record<string, string>
  close?: () => Promise<void>
}

async function resolveTarget(args: CliArgs): Promise<Target> {
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
    const { startSandbox } = await import('../../sandbox/index')
    const sb = await startSandbox({ quiet: true })
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

async function obtainToken(args: CliArgs, target: Target, io: CliIo, fetch: FetchLike) {
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

async function requestBody(
  args: CliArgs,
  headers: Record<string, string>,
): Promise<string | undefined> {
  if (args.data === undefined) return undefined
  const body = args.data.startsWith('@') ? await readFile(args.data.slice(1), 'utf8') : args.data
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

async function runCall(
  args: CliArgs,
  target: Target,
  io: CliIo,
  fetch: FetchLike,
): Promise<number> {
  let url = args.url!
  for (const [name, value] of Object.entries(target.ids)) url = url.replaceAll(`{${name}}`, value)
  if (url.startsWith('/')) url = `${target.env.apiBase}${url}`
  const headers = { Accept: 'application/json', ...args.headers }
  const body = await requestBody(args, headers)
  const request = { method: args.method!, url, headers, body, timeoutMs: args.timeoutMs }
  let res: HttpResponse
  if (args.token) {
    io.stderr(`Using the given token ${args.reveal ? args.token : maskToken(args.token)}\n`)
    res = await sendRequest(fetch, {
      ...request,
      headers: { ...headers, Authorization: `Bearer ${args.token}` },
    })
  } else {
    const { manager, token } = await obtainToken(args, target, io, fetch)
    io.stderr(
      `Using a ${token.grant} token ${args.reveal ? token.accessToken : maskToken(token.accessToken)}\n`,
    )
    const out = await manager.fetchAuthorized(request)
    if (out.retried) io.stderr('The token was rejected; got a new one and retried once.\n')
    if (out.renewError)
      io.stderr(`The token was rejected and could not be renewed: ${out.renewError.message}\n`)
    res = out.response
  }
  if (args.json) {
    io.stdout(
      `${JSON.stringify({ status: res.status, headers: res.headers, body: res.bodyText }, null, 2)}\n`,
    )
  } else io.stdout(responseText(res, args.reveal))
  return res.status >= 400 ? 1 : 0
}

/** Runs the command line; returns the exit code (0 ok, 1 failed, 2 usage). Never calls process.exit. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
    target = await resolveTarget(args)
    return args.command === 'token'
      ? await runToken(args, target, io, fetch)
      : await runCall(args, target, io, fetch)
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`Error: ${err.message}\n\n${USAGE}`)
      return 2
    }
    if (err instanceof OAuthError && err.code === 'config') {
      io.stderr(`Error: ${err.message}\n`)
      return 2
    }
    if (err instanceof OAuthError || err instanceof HttpError) {
      io.stderr(`Error: ${err.message}\n`)
      return 1
    }
    throw err
  } finally {
    await target?.close?.()
  }
}
