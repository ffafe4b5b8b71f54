import type { Environment } from '../environments'
import type { FetchLike } from '../http/types'
import type { FlowTrace } from '../trace'

export type ClientAuthMethod = 'basic' | 'body'

export interface ClientConfig {
  apiKey: string
  apiSecret: string
  /** `basic` (default, Trustpilot's recommendation) or `client_id`/`client_secret` in the body. */
  clientAuth: ClientAuthMethod
}

/** What every flow function needs. */
export interface FlowContext {
  fetch: FetchLike
  env: Environment
  client: ClientConfig
  /** Steps are appended here, masked. */
  trace?: FlowTrace
  timeoutMs?: number
  signal?: AbortSignal
  /** Clock for obtainedAt/expiresAt; default Date.now. */
  now?: () => number
}
