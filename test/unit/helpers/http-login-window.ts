import type { LoginRequest, LoginWindow } from '../../../electron/core/login/login-window'
import { driveLogin, type LoginAction } from '../core/helpers/login-driver'

/**
 * A real non-Electron login window for Node tests: it fills the sandbox's login form over HTTP
 * and returns where the page redirects (never followed), as the embedded window would catch it.
 */
export class HttpLoginWindow implements LoginWindow {
  action: LoginAction = 'signin'
  readonly requests: LoginRequest[] = []
  constructor(private readonly credentials: { username: string; password: string }) {}
  open(request: LoginRequest): Promise<string> {
    this.requests.push(request)
    return driveLogin(request.authorizeUrl, this.credentials, this.action)
  }
  cancel(): void {}
  async forget(): Promise<void> {}
}
