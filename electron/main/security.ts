import { app, session, shell, type Session, type WebContents } from 'electron'

/** The renderer's Content-Security-Policy (also set in index.html for non-Electron hosts). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Opens a URL in the system browser only if it is https and the app itself built it. */
export function openExternalHttps(url: string): Promise<void> {
  const parsed = new URL(url)
  if (parsed.protocol !== 'https:') {
    return Promise.reject(new Error(`Refusing to open a non-https URL: ${parsed.protocol}`))
  }
  return shell.openExternal(parsed.toString())
}

export function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

/**
 * Applies the security baseline to every web contents the app ever creates: no new windows,
 * no navigation away from the app (login windows decide their own), no webviews, and no permission grants on any session.
 */
export function hardenApp(mayNavigate: (contents: WebContents, url: string) => boolean): void {
  app.on('session-created', denyPermissions)
  denyPermissions(session.defaultSession)

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event, url) => {
      if (!mayNavigate(contents, url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!mayNavigate(contents, url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}
