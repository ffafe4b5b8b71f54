import { BrowserWindow, session, type Session, type WebContents } from 'electron'
import { randomUUID } from 'node:crypto'
import {
  carriesResult,
  isCallback,
  LoginCancelledError,
  type LoginEndReason,
  type LoginRequest,
  type LoginWindow,
} from '../core/login/login-window'
import { denyPermissions } from './security'

/** How long a fragment-less callback seen by the network layer waits for the full URL. */
const FRAGMENT_GRACE_MS = 1000

const partitionFor = (rememberAs: string | undefined): string =>
  rememberAs ? `persist:login-${rememberAs}` : `login-${randomUUID()}`

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** What the navigation events give (Electron's details-object form). */
interface NavigationEvent {
  url: string
  isMainFrame: boolean
  preventDefault(): void
}

/** Where a request went, without its query or fragment (they may carry a code or token). */
const withoutResult = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(not a URL)'
  }
}

/** Logs a request to the redirect URI that was not allowed to finish the login. */
const ignored = (what: string, url: string): void =>
  console.warn(
    `[login] Ignored ${what} to the redirect URI ${withoutResult(url)}: only the login window's top-level navigation may finish a login.`,
  )

/**
 * The login window: its own session partition, no preload, no Node, popups and permissions
 * denied, the current host in its title, a timeout, and cancel-on-close. Navigation to the
 * redirect URI is caught before the page loads and cancelled, whichever way it comes.
 */
export class ElectronLoginWindow implements LoginWindow {
  private readonly owned = new WeakSet<WebContents>()
  private end: ((reason: LoginEndReason) => void) | null = null

  /** For the app-wide navigation guard: login windows may navigate to the login pages. */
  owns(contents: WebContents): boolean {
    return this.owned.has(contents)
  }

  cancel(reason: LoginEndReason = 'cancelled'): void {
    this.end?.(reason)
  }

  async forget(rememberAs: string): Promise<void> {
    await session.fromPartition(partitionFor(rememberAs)).clearStorageData()
  }

  open(request: LoginRequest): Promise<string> {
    this.cancel('superseded')
    return new Promise<string>((resolve, reject) => {
      const ses: Session = session.fromPartition(partitionFor(request.rememberAs))
      denyPermissions(ses)
      const win = new BrowserWindow({
        width: 520,
        height: 720,
        title: `Sign in — ${hostOf(request.authorizeUrl)}`,
        autoHideMenuBar: true,
        webPreferences: {
          session: ses,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webviewTag: false,
          spellcheck: false,
        },
      })
      const contents = win.webContents
      this.owned.add(contents)
      let settled = false
      let graceTimer: ReturnType<typeof setTimeout> | undefined
      const finish = (action: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        clearTimeout(graceTimer)
        ses.webRequest.onBeforeRequest(null)
        if (this.end === endThis) this.end = null
        action()
        if (!win.isDestroyed()) win.destroy()
      }
      const endThis = (reason: LoginEndReason): void =>
        finish(() => reject(new LoginCancelledError(reason)))
      this.end = endThis

      const capture = (url: string): void => {
        if (carriesResult(url, request.redirectUri)) {
          finish(() => resolve(url))
        } else {
          // Fragment-less: the navigation event with the full URL is on its way.
          graceTimer ??= setTimeout(() => finish(() => resolve(url)), FRAGMENT_GRACE_MS)
        }
      }
      // Only the window's own top-level navigation may finish the login. An image, a fetch or
      // an iframe pointed at the redirect URI by a script on the page is stopped and ignored:
      // otherwise that script could finish the login with its own code or token.
      const guard = (event: NavigationEvent): void => {
        if (!isCallback(event.url, request.redirectUri)) return
        event.preventDefault()
        if (event.isMainFrame) capture(event.url)
        else ignored('a frame navigation', event.url)
      }

      // The network layer: a server redirect or form post to the callback is cancelled here,
      // before any request leaves the machine, whatever made it.
      ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
        if (isCallback(details.url, request.redirectUri)) {
          callback({ cancel: true })
          if (details.resourceType === 'mainFrame') capture(details.url)
          else ignored(`a request of type ${details.resourceType}`, details.url)
        } else {
          callback({})
        }
      })
      // Navigation events carry fragments (implicit grant) that the network layer never sees.
      contents.on('will-navigate', guard)
      contents.on('will-redirect', guard)
      contents.on('will-frame-navigate', guard)
      contents.on('did-fail-load', (_event, _code, _description, validatedURL, isMainFrame) => {
        if (isMainFrame && isCallback(validatedURL, request.redirectUri)) capture(validatedURL)
      })
      contents.on('did-navigate', (_event, url) => win.setTitle(`Sign in — ${hostOf(url)}`))
      // The page cannot choose the title: it always names the host the user is talking to.
      contents.on('page-title-updated', (event) => event.preventDefault())
      contents.setWindowOpenHandler(() => ({ action: 'deny' }))
      win.on('closed', () => endThis('closed'))
      const timer = setTimeout(() => endThis('timeout'), request.timeoutMs)

      void win.loadURL(request.authorizeUrl).catch(() => {
        // A failed load of the login page itself is shown in the window; the callback case is
        // handled by did-fail-load above.
      })
    })
  }
}
