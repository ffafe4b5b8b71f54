/** The running sandbox's shared pieces, handed to every route module. */
import { SandboxClock } from './clock'
import { FaultQueue } from './faults'
import type { SandboxState } from './model'
import { RequestLog } from './request-log'
import { createSeedState } from './seed-data'
import { TokenService } from './token-service'

export interface SandboxConfig {
  apiKey: string
  apiSecret: string
  username: string
  password: string
  businessUnitId: string
  businessUserId: string
  redirectUri: string
  accessTtl: number
  refreshTtl: number
  tokenRateLimit: number
}

export interface SandboxOrigins {
  api: string
  invitations: string
  login: string
}

export interface SandboxContext {
  config: SandboxConfig
  clock: SandboxClock
  tokens: TokenService
  faults: FaultQueue
  log: RequestLog
  /** Replaced wholesale on reset; handlers must read `ctx.state` at call time. */
  state: SandboxState
  origins: SandboxOrigins
  reset(): void
}

export function createContext(config: SandboxConfig): SandboxContext {
  const clock = new SandboxClock()
  const tokens = new TokenService(
    clock,
    { accessTtl: config.accessTtl, refreshTtl: config.refreshTtl },
    config.tokenRateLimit,
  )
  const seed = (): SandboxState =>
    createSeedState({
      businessUnitId: config.businessUnitId,
      businessUserId: config.businessUserId,
      username: config.username,
    })
  const ctx: SandboxContext = {
    config,
    clock,
    tokens,
    faults: new FaultQueue(),
    log: new RequestLog(() => [
      config.apiSecret,
      config.password,
      Buffer.from(`${config.apiKey}:${config.apiSecret}`).toString('base64'),
      ...tokens.issuedSecrets(),
    ]),
    state: seed(),
    origins: { api: '', invitations: '', login: '' },
    reset() {
      ctx.state = seed()
      clock.reset()
      tokens.reset()
      ctx.faults.clear()
      ctx.log.clear()
    },
  }
  return ctx
}
