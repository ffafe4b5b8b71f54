/** Helpers for the sandbox tests: real HTTP on 127.0.0.1 against a real sandbox. */
import { startSandbox } from '../../../electron/sandbox/index'
import type { RunningSandbox, SandboxOptions } from '../../../electron/sandbox/index'
import { sandboxControlHeaders } from '../../../electron/shared/sandbox-control'

export type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HttpResult {
  status: number
  headers: Headers
  text: string
  body: Json
}

export async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ quiet: true, ...options })
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
}

export function sandboxBasic(sbx: RunningSandbox): string {
  return basicAuth(sbx.apiKey, sbx.apiSecret)
}

async function toResult(response: Response): Promise<HttpResult> {
  const text = await response.text()
  let body: Json
  try {
    body = text === '' ? null : JSON.parse(text)
  } catch {
    body = null
  }
  return { status: response.status, headers: response.headers, text, body }
}

export interface SendOptions {
  token?: string
  headers?: Record<string, string>
  json?: unknown
  form?: Record<string, string>
  raw?: string | Buffer
  contentType?: string
}

export async function send(
  method: string,
  url: string,
  options: SendOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (options.token) headers['authorization'] = `Bearer ${options.token}`
  let body: string | Buffer | undefined
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (options.raw !== undefined) {
    body = options.raw
  }
  if (options.contentType) headers['content-type'] = options.contentType
  return toResult(await fetch(url, { method, headers, body, redirect: 'manual' }))
}

export function tokenUrl(
  sbx: RunningSandbox,
  endpoint: 'accesstoken' | 'refresh' | 'revoke',
): string {
  return `${sbx.apiBase}/oauth/oauth-business-users-for-applications/${endpoint}`
}

/** POST a form to a token endpoint with the sandbox's Basic credentials unless `auth` says otherwise. */
export function tokenRequest(
  sbx: RunningSandbox,
  form: Record<string, string>,
  endpoint: 'accesstoken' | 'refresh' | 'revoke' = 'accesstoken',
  auth: string | null = sandboxBasic(sbx),
): Promise<HttpResult> {
  return send('POST', tokenUrl(sbx, endpoint), {
    form,
    headers: auth === null ? {} : { authorization: auth },
  })
}

export async function passwordToken(sbx: RunningSandbox): Promise<Record<string, string>> {
  const res = await tokenRequest(sbx, {
    grant_type: 'password',
    username: sbx.username,
    password: sbx.password,
  })
  if (res.status !== 200) throw new Error(`password grant failed: ${res.status} ${res.text}`)
  return res.body
}

export async function clientCredentialsToken(sbx: RunningSandbox): Promise<string> {
  const res = await tokenRequest(sbx, { grant_type: 'client_credentials' })
  if (res.status !== 200) throw new Error(`client_credentials failed: ${res.status} ${res.text}`)
  return res.body.access_token
}

export function loginPageUrl(
  sbx: RunningSandbox,
  params: Record<string, string | undefined> = {},
): string {
  const url = new URL(sbx.loginUrl)
  const all: Record<string, string | undefined> = {
    client_id: sbx.apiKey,
    redirect_uri: sbx.redirectUri,
    response_type: 'code',
    ...params,
  }
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v)
  return url.toString()
}

/** Submits the login form the way a browser would (the form's hidden fields plus the button). */
export async function submitLogin(
  sbx: RunningSandbox,
  fields: Record<string, string>,
  action: 'signin' | 'cancel' | 'google' = 'signin',
): Promise<HttpResult> {
  return send('POST', new URL('/login', sbx.loginUrl).toString(), {
    form: {
      client_id: sbx.apiKey,
      redirect_uri: sbx.redirectUri,
      response_type: 'code',
      username: sbx.username,
      password: sbx.password,
      ...fields,
      action,
    },
  })
}

/** Runs the code flow through the login page and returns the code. */
export async function loginForCode(
  sbx: RunningSandbox,
  redirectUri = sbx.redirectUri,
): Promise<string> {
  const res = await submitLogin(sbx, { redirect_uri: redirectUri, state: 's1' })
  const location = res.headers.get('location')
  if (res.status !== 302 || !location) throw new Error(`login failed: ${res.status}`)
  const code = new URL(location).searchParams.get('code')
  if (!code) throw new Error(`no code in ${location}`)
  return code
}

export async function control(
  sbx: RunningSandbox,
  method: string,
  path: string,
  json?: unknown,
): Promise<HttpResult> {
  const headers = sandboxControlHeaders()
  return send(
    method,
    `${sbx.controlBase}${path}`,
    json === undefined ? { headers } : { headers, json },
  )
}
