/**
 * The login page (authenticate.trustpilot.com equivalent): a plain HTML form that works
 * without JavaScript. Signing in redirects with a code (query) or a token (fragment);
 * Cancel redirects with error=access_denied; "Continue with Google" signs the demo user in
 * but drops `state`, reproducing the behaviour users reported on Trustpilot.
 */
import type { SandboxContext } from './context'
import { escapeHtml, html, isFormBody, parseForm, redirect } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { route } from './router'
import type { Route } from './router'

export const LOGIN_FORM_PATH = '/login'

interface AuthorizeParams {
  clientId: string
  redirectUri: string
  responseType: 'code' | 'token'
  state: string | null
}

type Checked = { ok: true; params: AuthorizeParams } | { ok: false; response: SandboxResponse }

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; background: #f4f4f7; margin: 0; }
main { max-width: 380px; margin: 60px auto; background: #fff; padding: 28px; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 12px 0 4px; }
input[type=text], input[type=email], input[type=password] { width: 100%; padding: 8px; box-sizing: border-box; }
.buttons { margin-top: 18px; display: flex; flex-direction: column; gap: 8px; }
button { padding: 9px; font-size: 1rem; cursor: pointer; }
.error { color: #b00020; background: #fdecee; padding: 8px; border-radius: 4px; }
.note { color: #666; font-size: .85rem; }
</style>
</head>
<body><main>
${content}
</main></body>
</html>`
}

export function errorPage(status: number, message: string): SandboxResponse {
  return html(
    status,
    page(
      'Sign-in error - Trustpilot sandbox',
      `<h1>Cannot sign in</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p class="note">Trustpilot sandbox login page.</p>`,
    ),
  )
}

/** The redirect URI must be https and registered; like Trustpilot, only its host is compared. */
function checkParams(ctx: SandboxContext, get: (key: string) => string | null): Checked {
  const refuse = (message: string): Checked => ({ ok: false, response: errorPage(400, message) })
  const clientId = get('client_id')
  const redirectUri = get('redirect_uri')
  const responseType = get('response_type')
  if (!clientId) return refuse('Missing client_id.')
  if (clientId !== ctx.config.apiKey)
    return refuse('Unknown client_id: no application has this API key.')
  if (!redirectUri) return refuse('Missing redirect_uri.')
  let parsed: URL
  try {
    parsed = new URL(redirectUri)
  } catch {
    return refuse('The redirect_uri is not a valid URL.')
  }
  if (parsed.protocol !== 'https:') return refuse('The redirect_uri must use https.')
  const registered = new URL(ctx.config.redirectUri)
  if (parsed.host.toLowerCase() !== registered.host.toLowerCase()) {
    return refuse('The redirect_uri is not registered for this application.')
  }
  if (responseType !== 'code' && responseType !== 'token') {
    return refuse('response_type must be "code" or "token".')
  }
  return { ok: true, params: { clientId, redirectUri, responseType, state: get('state') } }
}

function formPage(
  params: AuthorizeParams,
  status: number,
  error: string | null,
  username = '',
): SandboxResponse {
  const hidden = (name: string, value: string): string =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`
  const fields = [
    hidden('client_id', params.clientId),
    hidden('redirect_uri', params.redirectUri),
    hidden('response_type', params.responseType),
    params.state === null ? '' : hidden('state', params.state),
  ].join('\n')
  return html(
    status,
    page(
      'Log in - Trustpilot sandbox',
      `<h1>Log in to Trustpilot Business</h1>
<p class="note">Sandbox login page. An application wants to access your business account.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${LOGIN_FORM_PATH}">
${fields}
<label for="username">Email</label>
<input id="username" name="username" type="text" autocomplete="username" value="${escapeHtml(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<div class="buttons">
<button type="submit" name="action" value="signin">Log in</button>
<button type="submit" name="action" value="google">Continue with Google</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>`,
    ),
  )
}

function withQuery(uri: string, values: Record<string, string | null>): string {
  const url = new URL(uri)
  for (const [key, value] of Object.entries(values))
    if (value !== null) url.searchParams.set(key, value)
  return url.toString()
}

function withFragment(uri: string, values: Record<string, string | null>): string {
  const url = new URL(uri)
  const fragment = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value !== null) fragment.set(key, value)
  url.hash = fragment.toString()
  return url.toString()
}

export function loginRoutes(ctx: SandboxContext): Route[] {
  function show(req: SandboxRequest): SandboxResponse {
    const checked = checkParams(ctx, (key) => req.query.get(key))
    if (!checked.ok) return checked.response
    return formPage(checked.params, 200, null)
  }

  function signIn(params: AuthorizeParams, state: string | null): SandboxResponse {
    const userId = ctx.config.businessUserId
    if (params.responseType === 'code') {
      const code = ctx.tokens.createCode(params.clientId, userId, params.redirectUri)
      return redirect(withQuery(params.redirectUri, { code, state }))
    }
    const { access } = ctx.tokens.issue(params.clientId, userId, 'implicit', false)
    return redirect(
      withFragment(params.redirectUri, {
        access_token: access.token,
        token_type: 'bearer',
        expires_in: String(ctx.config.accessTtl),
        state,
      }),
    )
  }

  function submit(req: SandboxRequest): SandboxResponse {
    if (!isFormBody(req.headers) && req.body.length > 0) {
      return errorPage(415, 'The sign-in form must be posted as application/x-www-form-urlencoded.')
    }
    const form = parseForm(req.body)
    const checked = checkParams(ctx, (key) => form[key] ?? null)
    if (!checked.ok) return checked.response
    const { params } = checked
    switch (form['action'] ?? 'signin') {
      case 'cancel':
        return redirect(
          withQuery(params.redirectUri, {
            error: 'access_denied',
            error_description: 'The user cancelled the sign-in',
            state: params.state,
          }),
        )
      case 'google':
        // Reported Trustpilot behaviour: the Google sign-in path loses `state`.
        return signIn(params, null)
      case 'signin': {
        const username = (form['username'] ?? '').trim()
        const password = form['password'] ?? ''
        if (
          username.toLowerCase() !== ctx.config.username.toLowerCase() ||
          password !== ctx.config.password
        ) {
          return formPage(params, 401, 'Wrong email or password. Please try again.', username)
        }
        return signIn(params, params.state)
      }
      default:
        return errorPage(400, 'Unknown action.')
    }
  }

  return [
    route('GET', '/', show),
    route('POST', LOGIN_FORM_PATH, submit),
    route('POST', '/', submit),
  ]
}
