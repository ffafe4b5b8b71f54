import { execFile, execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shellQuote } from '../../../electron/core/workbench/snippets'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import type { Snippet } from '../../../electron/shared/workbench'
import { startBench, type Bench } from './helpers'

const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const runShell = (script: string, env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'sh',
      ['-c', script],
      { env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })

const byLanguage = (snippets: Snippet[]) =>
  Object.fromEntries(snippets.map((s) => [s.language, s.code]))

describe('copy as code', () => {
  let b: Bench
  beforeAll(async () => {
    b = await startBench()
    await b.ok('http:send', b.draft({})) // a token exists
  })
  afterAll(async () => {
    await b.app.services.dispose()
  })

  it('quotes for the shell with single quotes, escaping embedded ones', () => {
    expect(shellQuote([{ text: "it's" }])).toBe(`'it'\\''s'`)
    expect(shellQuote([{ text: 'Bearer ' }, { text: '', env: 'TP_ACCESS_TOKEN' }])).toBe(
      `'Bearer '"$TP_ACCESS_TOKEN"`,
    )
    expect(shellQuote([{ text: '' }])).toBe(`''`)
  })

  it('writes cURL, fetch and Python with $TP_ references instead of secrets', async () => {
    const token = (await b.accessToken())!
    const result = await b.ok('snippets:generate', {
      draft: b.draft({
        method: 'POST',
        url: '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations',
        body: {
          kind: 'json',
          text: '{"consumerName": "O\'Brien", "consumerEmail": "ob@example.com"}',
        },
      }),
    })
    const code = byLanguage(result.snippets)
    expect(Object.keys(code).sort()).toEqual(['curl', 'fetch', 'python'])
    expect(result.envVars).toEqual(['TP_ACCESS_TOKEN'])
    const all = JSON.stringify(result)
    expect(all).not.toContain(token)
    expect(all).not.toContain(SANDBOX_DEFAULTS.apiSecret)
    const url = `${b.invitationsBase}/private/business-units/${SANDBOX_DEFAULTS.businessUnitId}/email-invitations`
    expect(code['curl']).toBe(
      [
        `curl -sS -X POST '${url}'`,
        `  -H 'Accept: application/json'`,
        `  -H 'Content-Type: application/json'`,
        `  -H 'Authorization: Bearer '"$TP_ACCESS_TOKEN"`,
        `  -H 'x-business-user-id: ${SANDBOX_DEFAULTS.businessUserId}'`,
        `  --data-raw '{"consumerName": "O'\\''Brien", "consumerEmail": "ob@example.com"}'`,
        `  --max-time 30`,
      ].join(' \\\n'),
    )
    expect(code['fetch']).toContain('signal: AbortSignal.timeout(30000),')
    expect(code['python']).toContain('timeout=30,')
    expect(code['fetch']).toContain(`'Authorization': \`Bearer \${process.env.TP_ACCESS_TOKEN}\``)
    expect(code['fetch']).toContain(`method: 'POST'`)
    expect(code['fetch']).toContain(
      `body: '{"consumerName": "O\\'Brien", "consumerEmail": "ob@example.com"}'`,
    )
    expect(code['python']).toContain('import os')
    expect(code['python']).toContain('"Authorization": "Bearer " + os.environ["TP_ACCESS_TOKEN"],')
    expect(code['python']).toContain(`"x-business-user-id": "${SANDBOX_DEFAULTS.businessUserId}",`)
    expect(code['python']).toContain('data=("{\\"consumerName\\": \\"O\'Brien\\"')
    expect(result.notes.join(' ')).toMatch(/Set TP_ACCESS_TOKEN/)

    // The API key of a public call is a reference too.
    const pub = await b.ok('snippets:generate', {
      draft: b.draft({ url: '{{apiBase}}/business-units/find?name=x', auth: 'apikey' }),
      languages: ['curl', 'python'],
    })
    expect(pub.snippets.map((s) => s.language)).toEqual(['curl', 'python'])
    expect(pub.envVars).toEqual(['TP_API_KEY'])
    expect(byLanguage(pub.snippets)['curl']).toContain(`-H 'apikey: '"$TP_API_KEY"`)
    expect(JSON.stringify(pub)).not.toContain(SANDBOX_DEFAULTS.apiKey)
  })

  it('gives up when the app would: the draft’s own timeout in all three', async () => {
    const result = await b.ok('snippets:generate', { draft: b.draft({ timeoutMs: 2500 }) })
    const code = byLanguage(result.snippets)
    expect(code['curl']).toMatch(/ --max-time 2\.5$/)
    expect(code['fetch']).toContain('signal: AbortSignal.timeout(2500),')
    expect(code['python']).toContain('timeout=2.5,')
  })

  it('includes the real token and API key only when asked', async () => {
    const result = await b.ok('snippets:generate', {
      draft: b.draft({ url: '{{apiBase}}/private/reviews/abc?apikey={{apiKey}}' }),
      includeSecrets: true,
    })
    const token = (await b.accessToken())!
    const code = byLanguage(result.snippets)
    expect(code['curl']).toContain(`-H 'Authorization: Bearer ${token}'`)
    expect(code['curl']).toContain(`apikey=${SANDBOX_DEFAULTS.apiKey}`)
    expect(code['fetch']).toContain(`'Authorization': 'Bearer ${token}'`)
    expect(code['python']).toContain(`"Authorization": "Bearer ${token}"`)
    expect(code['python']).not.toContain('import os')
    expect(result.envVars).toEqual([])
    expect(result.notes.join(' ')).toMatch(/real secrets/)
  })

  it.skipIf(!hasCurl)(
    'the cURL snippet really works against the sandbox with TP_ACCESS_TOKEN set (skipped only without curl)',
    async () => {
      const result = await b.ok('snippets:generate', {
        draft: b.draft({
          query: [
            { name: 'stars', value: '1', enabled: true },
            { name: 'perPage', value: '3', enabled: true },
          ],
        }),
        languages: ['curl'],
      })
      const curl = result.snippets[0]!.code
      const token = (await b.accessToken())!
      const withToken = await runShell(`${curl} -w '\\n%{http_code}'`, { TP_ACCESS_TOKEN: token })
      expect(withToken.code, withToken.stderr).toBe(0)
      const lines = withToken.stdout.trimEnd().split('\n')
      expect(lines.at(-1)).toBe('200')
      const body = JSON.parse(lines.slice(0, -1).join('\n')) as { reviews: { stars: number }[] }
      expect(body.reviews).toHaveLength(3)
      expect(body.reviews.every((r) => r.stars === 1)).toBe(true)
      // Without the variable the same command is refused: the token really comes from the environment.
      const without = await runShell(`${curl} -w '\\n%{http_code}'`, {})
      expect(without.stdout.trimEnd().split('\n').at(-1)).toBe('401')

      // A body with a single quote survives the quoting.
      const reviews = JSON.parse((await b.ok('http:send', b.draft({}))).body!) as {
        reviews: { id: string }[]
      }
      const id = reviews.reviews[0]!.id
      const reply = await b.ok('snippets:generate', {
        draft: b.draft({
          method: 'POST',
          url: `{{apiBase}}/private/reviews/${id}/reply`,
          body: {
            kind: 'json',
            text: '{"authorBusinessUserId": "{{businessUserId}}", "message": "We\'re sorry: it\'s fixed"}',
          },
        }),
        languages: ['curl'],
      })
      const posted = await runShell(`${reply.snippets[0]!.code} -w '%{http_code}'`, {
        TP_ACCESS_TOKEN: token,
      })
      expect(posted.stdout).toBe('201')
      const review = await b.ok('http:send', b.draft({ url: `{{apiBase}}/private/reviews/${id}` }))
      expect(
        (JSON.parse(review.body!) as { companyReply: { text: string } }).companyReply.text,
      ).toBe("We're sorry: it's fixed")
    },
  )
})
