import type { SandboxStatus } from '../../shared/auth'
import type { RunningSandbox, SandboxStartOptions, StartSandbox } from './sandbox-port'

export type { StartSandbox } from './sandbox-port'

/** The in-process sandbox the app starts on launch; its URLs back the Sandbox environment. */
export class SandboxService {
  private running: RunningSandbox | null = null
  private starting: Promise<RunningSandbox> | null = null
  private lastError: string | undefined

  constructor(
    private readonly startSandbox: StartSandbox,
    private readonly options: SandboxStartOptions = {},
  ) {}

  /** The running sandbox (URLs and demo credentials), or null. Main-side only: never sent to the renderer as is. */
  current(): RunningSandbox | null {
    return this.running
  }

  async start(): Promise<SandboxStatus> {
    if (!this.running) {
      this.starting ??= this.startSandbox({ port: 0, quiet: true, ...this.options })
      try {
        this.running = await this.starting
        this.lastError = undefined
      } catch (error) {
        this.lastError = `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`
      } finally {
        this.starting = null
      }
    }
    return this.status()
  }

  async stop(): Promise<SandboxStatus> {
    const r = this.running
    this.running = null
    if (r) await r.close()
    return this.status()
  }

  /** Only URLs: the demo secret and password stay in main like any other secret. */
  status(): SandboxStatus {
    const r = this.running
    if (!r) return this.lastError ? { running: false, error: this.lastError } : { running: false }
    return {
      running: true,
      apiBase: r.apiBase,
      invitationsBase: r.invitationsBase,
      loginUrl: r.loginUrl,
    }
  }
}
