import type { BrowserContext, Page } from '@playwright/test'
import {
  isCallback,
  LoginCancelledError,
  type LoginEndReason,
  type LoginRequest,
  type LoginWindow,
} from '../../../electron/core/login/login-window'

/**
 * The harness's login window: a second browser page instead of a BrowserWindow. Navigation to the
 * redirect URI is caught in the browser (route fulfilled locally, never sent), and the full URL,
 * fragment included, is read from the page.
 */
export class PageLoginWindow implements LoginWindow {
  private end: ((reason: LoginEndReason) => void) | null = null
  private waiters: ((page: Page) => void)[] = []
  private opened: Page[] = []
  readonly forgotten: string[] = []

  constructor(private readonly context: () => BrowserContext) {}

  /** The next login page the app opens (for tests to fill in the form). */
  nextPage(): Promise<Page> {
    const ready = this.opened.shift()
    if (ready) return Promise.resolve(ready)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  cancel(reason: LoginEndReason = 'cancelled'): void {
    this.end?.(reason)
  }

  async forget(rememberAs: string): Promise<void> {
    this.forgotten.push(rememberAs)
  }

  async open(request: LoginRequest): Promise<string> {
    this.cancel('superseded')
    const page = await this.context().newPage()
    return new Promise<string>((resolve, reject) => {
      let settled = false
      const finish = (action: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (this.end === endThis) this.end = null
        action()
        void page.close().catch(() => undefined)
      }
      const endThis = (reason: LoginEndReason): void =>
        finish(() => reject(new LoginCancelledError(reason)))
      this.end = endThis
      const timer = setTimeout(() => endThis('timeout'), request.timeoutMs)
      page.on('close', () => endThis('closed'))
      void page
        .route(
          (url) => isCallback(url.href, request.redirectUri),
          (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }),
        )
        .then(() => {
          page.on('framenavigated', (frame) => {
            if (frame === page.mainFrame() && isCallback(frame.url(), request.redirectUri)) {
              finish(() => resolve(frame.url()))
            }
          })
          return page.goto(request.authorizeUrl)
        })
        .then(() => {
          const waiter = this.waiters.shift()
          if (waiter) waiter(page)
          else this.opened.push(page)
        })
        .catch((error: unknown) => finish(() => reject(error)))
    })
  }
}
