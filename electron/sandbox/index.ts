/**
 * The local Trustpilot-compatible sandbox (pure Node, no Electron): three loopback
 * listeners like Trustpilot's three hosts. Started in-process by the app, by tests, or
 * from the command line (cli.ts).
 */
import type { Server } from 'node:http'
import { createContext } from './context'
import type { SandboxConfig } from './context'
import { CONTROL_PREFIX } from './controls'
import { LOOPBACK_HOST, closeServer, createListener, listenFrom, listenOn } from './server'

export interface SandboxOptions {
  /** API listener port; 0 or absent = any free port. Invitations and login take the next free ports. */
  port?: number
  apiKey?: string
  apiSecret?: string
  username?: string
  password?: string
  businessUnitId?: string
  businessUserId?: string
  /** The registered https redirect URI. */
  redirectUri?: string
  /** Seconds, default 360000. */
  accessTtl?: number
  /** Seconds, default 7776000. */
  refreshTtl?: number
  /** Token requests per client per minute before 429, default 60. */
  tokenRateLimit?: number
  /** Default true. With `quiet: false`, one line per request (method, path, status) goes to stderr. */
  quiet?: boolean
}

export interface SandboxInfo {
  /** e.g. http://127.0.0.1:41234/v1 */
  apiBase: string
  /** e.g. http://127.0.0.1:41235/v1 */
  invitationsBase: string
  /** e.g. http://127.0.0.1:41236/ (the authenticate.trustpilot.com equivalent) */
  loginUrl: string
  /** e.g. http://127.0.0.1:41234/__sandbox */
  controlBase: string
  apiKey: string
  apiSecret: string
  username: string
  password: string
  businessUnitId: string
  businessUserId: string
  redirectUri: string
}

export interface RunningSandbox extends SandboxInfo {
  info: SandboxInfo
  close(): Promise<void>
}

/** Fixed, documented demo values (see README.md). */
export const SANDBOX_DEFAULTS: Required<Omit<SandboxOptions, 'port' | 'quiet'>> = {
  apiKey: 'sandbox-demo-api-key',
  apiSecret: 'sandbox-demo-api-secret',
  username: 'demo@sandbox-shop.example',
  password: 'demo-password',
  businessUnitId: '5a1b2c3d4e5f60718293a4b5',
  businessUserId: '5a1b2c3d4e5f60718293a4c6',
  redirectUri: 'https://tp-explorer.example/oauth/callback',
  accessTtl: 360000,
  refreshTtl: 7776000,
  tokenRateLimit: 60,
}

function resolveConfig(options: SandboxOptions): SandboxConfig {
  const config: SandboxConfig = {
    apiKey: options.apiKey ?? SANDBOX_DEFAULTS.apiKey,
    apiSecret: options.apiSecret ?? SANDBOX_DEFAULTS.apiSecret,
    username: options.username ?? SANDBOX_DEFAULTS.username,
    password: options.password ?? SANDBOX_DEFAULTS.password,
    businessUnitId: options.businessUnitId ?? SANDBOX_DEFAULTS.businessUnitId,
    businessUserId: options.businessUserId ?? SANDBOX_DEFAULTS.businessUserId,
    redirectUri: options.redirectUri ?? SANDBOX_DEFAULTS.redirectUri,
    accessTtl: options.accessTtl ?? SANDBOX_DEFAULTS.accessTtl,
    refreshTtl: options.refreshTtl ?? SANDBOX_DEFAULTS.refreshTtl,
    tokenRateLimit: options.tokenRateLimit ?? SANDBOX_DEFAULTS.tokenRateLimit,
  }
  for (const key of [
    'apiKey',
    'apiSecret',
    'username',
    'password',
    'businessUnitId',
    'businessUserId',
  ] as const) {
    if (typeof config[key] !== 'string' || config[key] === '')
      throw new Error(`${key} must be a non-empty string`)
  }
  if (config.apiKey.includes(':'))
    throw new Error('apiKey must not contain ":" (Basic auth separator)')
  let redirect: URL
  try {
    redirect = new URL(config.redirectUri)
  } catch {
    throw new Error('redirectUri must be an absolute URL')
  }
  if (redirect.protocol !== 'https:') throw new Error('redirectUri must be an https URL')
  for (const key of ['accessTtl', 'refreshTtl', 'tokenRateLimit'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1)
      throw new Error(`${key} must be a positive integer`)
  }
  return config
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('port must be an integer from 0 to 65535')
  const config = resolveConfig(options)
  const ctx = createContext(config)
  const pipeline = { verbose: options.quiet === false }
  const api = createListener('api', ctx, pipeline)
  const invitations = createListener('invitations', ctx, pipeline)
  const login = createListener('login', ctx, pipeline)
  const started: Server[] = []
  let ports: [number, number, number]
  try {
    const apiPort = await listenOn(api, port)
    started.push(api)
    const invitationsPort = await listenFrom(invitations, port === 0 ? 0 : apiPort + 1)
    started.push(invitations)
    const loginPort = await listenFrom(login, port === 0 ? 0 : invitationsPort + 1)
    started.push(login)
    ports = [apiPort, invitationsPort, loginPort]
  } catch (error) {
    await Promise.all(started.map(closeServer))
    throw error
  }
  const origin = (p: number): string => `http://${LOOPBACK_HOST}:${p}`
  ctx.origins = { api: origin(ports[0]), invitations: origin(ports[1]), login: origin(ports[2]) }

  const info: SandboxInfo = {
    apiBase: `${ctx.origins.api}/v1`,
    invitationsBase: `${ctx.origins.invitations}/v1`,
    loginUrl: `${ctx.origins.login}/`,
    controlBase: `${ctx.origins.api}${CONTROL_PREFIX}`,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    username: config.username,
    password: config.password,
    businessUnitId: config.businessUnitId,
    businessUserId: config.businessUserId,
    redirectUri: config.redirectUri,
  }
  let closing: Promise<void> | null = null
  return {
    ...info,
    info,
    close() {
      closing ??= Promise.all([api, invitations, login].map(closeServer)).then(() => undefined)
      return closing
    },
  }
}

export { BUSINESS_UNIT_DOMAIN, SEED_PRODUCT_REVIEW_COUNT, SEED_REVIEW_COUNT } from './seed-data'
export { AUTH_CODE_TTL_SECONDS } from './token-service'
