import { net, protocol } from 'electron'
import { join, normalize, relative, isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'

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

/** Serves files below `root`; anything outside it, or another host, is a 404. */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    const file = normalize(join(root, path))
    const rel = relative(root, file)
    if (rel.startsWith('..') || isAbsolute(rel)) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
