import { net, protocol } from 'electron'
import { isAbsolute, join, normalize, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from './security'

/** The renderer is served from `app://explorer/`, a secure standard scheme with a stable origin. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'explorer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

const notFound = (): Response => new Response('Not found', { status: 404 })

/**
 * Serves files below `root` with the app's Content-Security-Policy header; anything outside
 * `root`, or on another host, is a 404.
 */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return notFound()
    let path: string
    try {
      path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    } catch {
      return notFound()
    }
    const file = normalize(join(root, path))
    const rel = relative(root, file)
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return notFound()
    const res = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(res.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
  })
}
