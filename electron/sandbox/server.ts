/**
 * The three loopback listeners (api, invitations, login) and the request pipeline they
 * share: read body (1 MB cap) -> controls | injected fault | route -> log -> respond.
 * Nothing a client sends can crash it: every handler error becomes a response.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { SandboxContext } from './context'
import { controlRoutes, isControlPath, refuseForeignControl } from './controls'
import { faultResponse } from './faults'
import {
  MAX_BODY_BYTES,
  SandboxHttpError,
  isFormBody,
  messageError,
  parseForm,
  readBody,
  writeResponse,
} from './http-util'
import type { ListenerRole, SandboxRequest, SandboxResponse } from './http-util'
import { invitationsApiRoutes } from './invitations-api'
import { errorPage, loginRoutes } from './login-page'
import { TOKEN_PATHS, claimedClientId, oauthRoutes } from './oauth-routes'
import { privateApiRoutes } from './private-api'
import { publicApiRoutes } from './public-api'
import { publicConsumerRoutes } from './public-consumers'
import { publicDirectoryRoutes } from './public-directory'
import { publicProductRoutes } from './public-products'
import { publicResourceRoutes } from './public-resources'
import { privateConversationRoutes } from './private-conversations'
import { dispatch } from './router'
import type { Route } from './router'
import type { LogExtras } from './request-log'

export const LOOPBACK_HOST = '127.0.0.1'

function normalizePath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, '/')
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed
}

function notFound(role: ListenerRole, req: SandboxRequest): SandboxResponse {
  if (role === 'login') return errorPage(404, `Page not found: ${req.path}`)
  return messageError(
    404,
    'Not found',
    `No endpoint ${req.method} ${req.path} on this host (${role} listener)`,
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

export interface RequestPipelineOptions {
  /** Print one line per request (method, path, status; never bodies or query strings). */
  verbose: boolean
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The Host header names this machine's loopback (any port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!
  return LOOPBACK_NAMES.has(name.toLowerCase())
}

function routesFor(role: ListenerRole, ctx: SandboxContext): Route[] {
  switch (role) {
    case 'api':
      // Directory routes first: `/business-units/all` must win over `/business-units/{id}`.
      return [
        ...oauthRoutes(ctx),
        ...publicDirectoryRoutes(ctx),
        ...publicApiRoutes(ctx),
        ...publicConsumerRoutes(ctx),
        ...publicProductRoutes(ctx),
        ...publicResourceRoutes(ctx),
        ...privateApiRoutes(ctx),
        ...privateConversationRoutes(ctx),
      ]
    case 'invitations':
      return invitationsApiRoutes(ctx)
    case 'login':
      return loginRoutes(ctx)
  }
}

export function createListener(
  role: ListenerRole,
  ctx: SandboxContext,
  options: RequestPipelineOptions,
): Server {
  const routes = routesFor(role, ctx)
  const controls = role === 'api' ? controlRoutes(ctx) : []

  async function run(req: SandboxRequest, routeList: Route[]): Promise<SandboxResponse> {
    try {
      return (await dispatch(routeList, req)) ?? notFound(role, req)
    } catch (error) {
      if (error instanceof SandboxHttpError) return error.response
      const message = error instanceof Error ? error.message : String(error)
      return messageError(500, 'Internal sandbox error', message)
    }
  }

  async function handle(nodeReq: IncomingMessage, nodeRes: ServerResponse): Promise<void> {
    nodeRes.on('error', () => {})
    if (!isLoopbackHost(nodeReq.headers.host)) {
      // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its own Host.
      nodeRes.on('finish', () => nodeReq.socket.destroy())
      writeResponse(
        nodeRes,
        messageError(403, 'Host not allowed', 'The sandbox answers only 127.0.0.1 and localhost'),
      )
      return
    }
    let url: URL
    try {
      url = new URL(nodeReq.url ?? '/', 'http://127.0.0.1')
    } catch {
      url = new URL('http://127.0.0.1/')
    }
    const origin =
      role === 'api'
        ? ctx.origins.api
        : role === 'invitations'
          ? ctx.origins.invitations
          : ctx.origins.login
    const bodyResult = await readBody(nodeReq)
    const req: SandboxRequest = {
      listener: role,
      method: (nodeReq.method ?? 'GET').toUpperCase(),
      path: normalizePath(url.pathname),
      url,
      query: url.searchParams,
      headers: nodeReq.headers,
      body: bodyResult.ok ? bodyResult.body : Buffer.alloc(0),
      params: {},
      origin,
    }
    const control = role === 'api' && isControlPath(req.path)
    const extras: LogExtras = {}
    let response: SandboxResponse

    if (!bodyResult.ok) {
      response = messageError(
        413,
        'Request body too large',
        `The limit is ${MAX_BODY_BYTES} bytes (1 MB)`,
      )
      if (!bodyResult.drained) response.closeConnection = true
    } else if (control) {
      response = refuseForeignControl(req) ?? (await run(req, controls))
    } else {
      const isToken = role === 'api' && TOKEN_PATHS.includes(req.path)
      if (isToken) {
        const clientId = claimedClientId(req)
        if (clientId !== undefined) extras.clientId = clientId
        const grantType = isFormBody(req.headers) ? parseForm(req.body)['grant_type'] : undefined
        if (grantType !== undefined) extras.grantType = grantType
      }
      const fault = role === 'login' ? null : ctx.faults.take(isToken ? 'token' : 'api')
      if (fault?.delayMs) await sleep(fault.delayMs)
      const injected = fault ? faultResponse(fault) : null
      if (injected) {
        extras.fault = true
        response = injected
      } else {
        response = await run(req, routes)
      }
    }

    if (!control) {
      ctx.log.record(req, response.status, ctx.clock.nowIso(), extras)
      if (options.verbose) {
        process.stderr.write(`[sandbox] ${role} ${req.method} ${req.path} -> ${response.status}\n`)
      }
    }
    writeResponse(nodeRes, response)
    if (response.closeConnection) nodeRes.on('finish', () => nodeReq.socket.destroy())
  }

  const server = createServer((nodeReq, nodeRes) => {
    handle(nodeReq, nodeRes).catch(() => {
      writeResponse(nodeRes, messageError(500, 'Internal sandbox error', 'Unexpected failure'))
    })
  })
  // Keep-alive sockets must not hold close() for long; close() also drops them explicitly.
  server.keepAliveTimeout = 5_000
  return server
}

function listenOnce(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening)
      reject(error)
    }
    const onListening = (): void => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, LOOPBACK_HOST)
  })
}

/** Listens on exactly `port` (0 = any free port). */
export function listenOn(server: Server, port: number): Promise<number> {
  return listenOnce(server, port)
}

/** Listens on the first free port from `start` upward (0 = any free port). */
export async function listenFrom(server: Server, start: number, attempts = 50): Promise<number> {
  if (start === 0) return listenOnce(server, 0)
  let lastError: unknown
  for (let port = start; port < start + attempts && port <= 65535; port++) {
    try {
      return await listenOnce(server, port)
    } catch (error) {
      lastError = error
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`No free port from ${start}`)
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
