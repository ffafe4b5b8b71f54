/**
 * What the core needs from the built-in sandbox, defined here so the core never imports
 * `electron/sandbox`: the hosts (Electron main, the CLI entry, the test harness) pass the real
 * one in (`{ start: startSandbox, defaults: SANDBOX_DEFAULTS }` fits this shape).
 */

/** The sandbox's fixed demo credentials, for the ready-made first-launch profile. */
export interface SandboxDemoCredentials {
  apiKey: string
  apiSecret: string
  username: string
  password: string
  redirectUri: string
  businessUnitId: string
  businessUserId: string
}

export interface SandboxInfo extends SandboxDemoCredentials {
  apiBase: string
  invitationsBase: string
  /** The login page (the authenticate.trustpilot.com equivalent). */
  loginUrl: string
  /** The `/__sandbox` control API. */
  controlBase: string
}

export interface RunningSandbox extends SandboxInfo {
  info: SandboxInfo
  close(): Promise<void>
}

export interface SandboxStartOptions {
  /** 0 or absent: any free port. */
  port?: number
  /** Default true: no request lines on stderr. */
  quiet?: boolean
}

export type StartSandbox = (options?: SandboxStartOptions) => Promise<RunningSandbox>

export interface SandboxPort {
  start: StartSandbox
  defaults: SandboxDemoCredentials
}
