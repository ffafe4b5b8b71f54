/**
 * Drives the sandbox login page like a browser without JavaScript: GET the page, parse its form,
 * POST it, and return the Location header of the redirect (never followed).
 */
export type LoginAction = 'signin' | 'google' | 'cancel'

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)
  return m?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export async function driveLogin(
  authorizeUrl: string,
  credentials: { username: string; password: string },
  action: LoginAction = 'signin',
): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' })
  const html = await page.text()
  if (page.status !== 200)
    throw new Error(`login page answered ${page.status}: ${html.slice(0, 200)}`)
  const form = /<form\b[^>]*>[\s\S]*?<\/form>/i.exec(html)?.[0]
  if (!form) throw new Error('no form on the login page')
  const formTag = /<form\b[^>]*>/i.exec(form)![0]
  const action_ = new URL(attr(formTag, 'action') ?? '', authorizeUrl).toString()
  const fields = new URLSearchParams()
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name')
    if (!name) continue
    const type = (attr(input, 'type') ?? 'text').toLowerCase()
    if (type === 'hidden') fields.set(name, attr(input, 'value') ?? '')
    else if (name === 'username') fields.set(name, credentials.username)
    else if (name === 'password') fields.set(name, credentials.password)
  }
  const button = (form.match(/<button\b[^>]*>/gi) ?? []).find((b) => attr(b, 'value') === action)
  if (!button) throw new Error(`no "${action}" button on the login page`)
  fields.set(attr(button, 'name') ?? 'action', action)
  const res = await fetch(action_, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  })
  await res.text()
  const location = res.headers.get('location')
  if (res.status < 300 || res.status >= 400 || !location) {
    throw new Error(`login POST answered ${res.status} without a redirect`)
  }
  return location
}
