/** Starts the real sandbox for a test file and wraps its /__sandbox controls. */
import { startSandbox } from '../../../../electron/sandbox/index'
import type { RunningSandbox, SandboxOptions } from '../../../../electron/sandbox/index'
import { sandboxEnvironment } from '../../../../electron/core/environments'
import type { Environment } from '../../../../electron/core/environments'
import type { ClientConfig } from '../../../../electron/core/flows/context'
import { sandboxControlHeaders } from '../../../../electron/shared/sandbox-control'

export interface LogEntry {
  seq: number
  listener: 'api' | 'invitations' | 'login'
  method: string
  path: string
  status: number
  grantType?: string
  headers: Record<string, string>
  body?: unknown
}

export interface TestSandbox {
  sb: RunningSandbox
  env: Environment
  client: ClientConfig
  advanceClock(seconds: number): Promise<number>
  fault(spec: Record<string, unknown>): Promise<void>
  log(): Promise<LogEntry[]>
  tokenRequests(): Promise<LogEntry[]>
  clearLog(): Promise<void>
  reset(): Promise<void>
  close(): Promise<void>
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sb = await startSandbox({ quiet: true, tokenRateLimit: 100_000, ...options })
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sb.controlBase}${path}`, {
      method,
      headers: sandboxControlHeaders(),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text}`)
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }
  const log = async () => (await control('GET', '/log')).entries as LogEntry[]
  return {
    sb,
    env: sandboxEnvironment(sb.info),
    client: { apiKey: sb.apiKey, apiSecret: sb.apiSecret, clientAuth: 'basic' },
    advanceClock: async (seconds) =>
      (await control('POST', '/clock', { advanceSeconds: seconds })).now as number,
    fault: async (spec) => {
      await control('POST', '/faults', spec)
    },
    log,
    tokenRequests: async () => (await log()).filter((e) => e.path.includes('/oauth/')),
    clearLog: async () => {
      await control('DELETE', '/log')
    },
    reset: async () => {
      await control('POST', '/reset')
    },
    close: () => sb.close(),
  }
}

/** A mutable clock for TokenManager tests, moved together with the sandbox clock. */
export function testClock(start = Date.now()) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

export const HOUR = 3_600_000
