import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { SANDBOX_DEFAULTS, startSandbox } from '../../../electron/sandbox/index'
import { startTestSandbox } from './helpers/sandbox'
import type { TestSandbox } from './helpers/sandbox'

/** A tiny standard OAuth 2.0 server: numeric expires_in, token_type Bearer, a protected echo. */
function standardOAuthServer() {
  const issued = new Set<string>()
  let n = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (req.method === 'POST' && req.url === '/oauth/token') {
        const form = new URLSearchParams(body)
        if (
          form.get('client_id') !== 'std-client' ||
          form.get('client_secret') !== 'std-secret-0000-abcd'
        ) {
          return send(401, { error: 'invalid_client', error_description: 'Unknown client' })
        }
        if (form.get('grant_type') !== 'client_credentials')
          return send(400, { error: 'unsupported_grant_type' })
        const token = `std-access-token-${++n}-0123456789abcdef`
        issued.add(token)
        return send(200, {
          access_token: token,
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'echo',
        })
      }
      if (req.url?.startsWith('/api/echo')) {
        const auth = req.headers.authorization ?? ''
        if (!issued.has(auth.replace(/^Bearer /, ''))) return send(401, { error: 'invalid_token' })
        return send(200, {
          method: req.method,
          path: req.url,
          body,
          custom: req.headers['x-demo'] ?? null,
        })
      }
      send(404, { error: 'not_found' })
    })
  })
  return server
}

let std: Server
let stdBase: string
let s: TestSandbox
beforeAll(async () => {
  std = standardOAuthServer()
  await new Promise<void>((r) => std.listen(0, '127.0.0.1', r))
  stdBase = `http://127.0.0.1:${(std.address() as { port: number }).port}`
  s = await startTestSandbox()
})
afterAll(async () => {
  await new Promise<void>((r) => std.close(() => r()))
  await s.close()
})

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    sandbox: { start: startSandbox, defaults: SANDBOX_DEFAULTS },
  })
  return { code, stdout, stderr }
}

const stdArgs = () => [
  '--env',
  'custom',
  '--token-url',
  `${stdBase}/oauth/token`,
  '--client-auth',
  'body',
]
const stdEnv = { TP_API_KEY: 'std-client', TP_API_SECRET: 'std-secret-0000-abcd' }

describe('command line', () => {
  it('gets a token from a standard OAuth 2.0 server (Custom), as JSON', async () => {
    const r = await cli(['token', ...stdArgs(), '--json'], stdEnv)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out.access_token).toBe('std-••••cdef')
    expect(out.token_type).toBe('Bearer')
    expect(new Date(out.expires_at as string).getTime() - Date.now()).toBeGreaterThan(3590_000)
    expect(out.raw).toMatchObject({ expires_in: 3600, scope: 'echo' })
    expect(out).not.toHaveProperty('refresh_token')
    const revealed = JSON.parse(
      (await cli(['token', ...stdArgs(), '--json', '--reveal'], stdEnv)).stdout,
    )
    expect(revealed.access_token).toMatch(/^std-access-token-\d+-0123456789abcdef$/)
  })

  it('calls a protected endpoint on the Custom server with headers and data', async () => {
    const r = await cli(
      [
        'call',
        'POST',
        `${stdBase}/api/echo`,
        ...stdArgs(),
        '-H',
        'X-Demo: yes',
        '--data',
        '{"a":1}',
      ],
      stdEnv,
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^HTTP 200 OK/)
    expect(r.stdout).toContain('content-type: application/json')
    expect(r.stdout).toContain('"custom": "yes"')
    expect(r.stdout).toContain('\\"a\\":1')
    expect(r.stderr).toMatch(/Using a client_credentials token std-••••/)
  })

  it('gets a password token from the sandbox with flags, masking secrets', async () => {
    const r = await cli([
      'token',
      '--env',
      'custom',
      '--token-url',
      s.env.tokenUrl,
      '--refresh-url',
      s.env.refreshUrl,
      '--api-base',
      s.env.apiBase,
      '--grant',
      'password',
      '--api-key',
      s.sb.apiKey,
      '--api-secret',
      s.sb.apiSecret,
      '--username',
      s.sb.username,
      '--password',
      s.sb.password,
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/access_token\s+tpa-••••\w{4}/)
    expect(r.stdout).toMatch(/refresh_token\s+tpr-••••\w{4}/)
    expect(r.stdout).not.toMatch(/tpa-\w{10}/)
  })

  it('uses a refresh token from the environment', async () => {
    const first = JSON.parse(
      (
        await cli(
          [
            'token',
            '--env',
            'custom',
            '--token-url',
            s.env.tokenUrl,
            '--refresh-url',
            s.env.refreshUrl,
            '--grant',
            'password',
            '--json',
            '--reveal',
          ],
          {
            TP_API_KEY: s.sb.apiKey,
            TP_API_SECRET: s.sb.apiSecret,
            TP_USERNAME: s.sb.username,
            TP_PASSWORD: s.sb.password,
          },
        )
      ).stdout,
    )
    const r = await cli(
      [
        'token',
        '--env',
        'custom',
        '--token-url',
        s.env.tokenUrl,
        '--refresh-url',
        s.env.refreshUrl,
        '--grant',
        'refresh_token',
        '--json',
      ],
      {
        TP_API_KEY: s.sb.apiKey,
        TP_API_SECRET: s.sb.apiSecret,
        TP_REFRESH_TOKEN: first.refresh_token,
      },
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).refresh_token).toMatch(/^tpr-••••/)
  })

  it('--env sandbox starts an in-process sandbox and calls a private endpoint', async () => {
    const r = await cli([
      'call',
      'GET',
      '/private/business-units/{businessUnitId}/reviews?perPage=1',
      '--env',
      'sandbox',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^HTTP 200/)
    expect(r.stdout).toContain('"reviews"')
  })

  it('exits 2 with usage on wrong or missing arguments, 1 on a failed call', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['token', '--grant', 'magic'],
      ['token', '--nope'],
      ['call', 'GET'],
      ['token', '--env', 'custom'],
      ['token', '--env', 'custom', '--token-url', `${stdBase}/oauth/token`],
    ]) {
      const r = await cli(argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr).toContain('Usage:')
    }
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--client-auth basic|body')
    const denied = await cli(['token', ...stdArgs()], {
      TP_API_KEY: 'std-client',
      TP_API_SECRET: 'wrong',
    })
    expect(denied.code).toBe(1)
    expect(denied.stderr).toMatch(/Unknown client \(invalid_client\)/)
    const notFound = await cli(['call', 'GET', `${stdBase}/api/missing`, ...stdArgs()], stdEnv)
    expect(notFound.code).toBe(1)
    const refused = await cli(['call', 'GET', `${stdBase}/api/echo`, '--token', 'x'], {})
    expect(refused.code).toBe(1)
  })

  it('refuses bad values with a clear message and exit 2, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['call', 'POST', `${stdBase}/api/echo`, '--data', '@/missing/body.json', ...stdArgs()],
        /--data @\/missing\/body\.json: the file cannot be read \(no such file\)/,
      ],
      [
        ['call', 'POST', `${stdBase}/api/echo`, '--data', '@', ...stdArgs()],
        /--data @ needs a file name/,
      ],
      [['token', '--timeout', '1e12', ...stdArgs()], /from 1 to 600000 \(got "1e12"\)/],
      [['token', '--timeout', '0', ...stdArgs()], /from 1 to 600000 \(got "0"\)/],
      [['token', '--timeout', '2.5', ...stdArgs()], /whole number of milliseconds/],
      [['token', '--timeout', '600001', ...stdArgs()], /from 1 to 600000/],
      [['token', '--env', 'custom', '--token-url', 'ftp://x.example/t'], /must use http or https/],
      [['token', '--token-url', 'not a url'], /--token-url "not a url" is not a URL/],
      [['call', 'GET', 'example.com/x', ...stdArgs()], /URL "example\.com\/x" is not a URL/],
      [['call', 'GET', '/x', '-H', 'Bad Name: 1', ...stdArgs()], /Header name "Bad Name"/],
    ]
    for (const [argv, message] of cases) {
      const r = await cli(argv, stdEnv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr, argv.join(' ')).toMatch(message)
      expect(r.stderr).not.toMatch(/\n\s+at /) // no stack frames
    }
  })

  it('accepts the ends of the --timeout range and documents the exit codes', async () => {
    const ok = await cli(['token', '--timeout', '600000', ...stdArgs()], stdEnv)
    expect(ok.code).toBe(0)
    const help = await cli(['--help'])
    expect(help.stdout).toMatch(/--timeout MS .* from 1 to 600000/)
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .*\n {2}2 {2}wrong arguments/)
  })

  it('runs as `npm run cli` (tsx entry point)', async () => {
    const run = promisify(execFile)
    const { stdout } = await run('npx', ['tsx', 'electron/cli.ts', 'token', ...stdArgs()], {
      env: { ...process.env, ...stdEnv },
      cwd: process.cwd(),
    })
    expect(stdout).toMatch(/access_token\s+std-••••cdef/)
    expect(stdout).toMatch(/expires_at\s+\S+Z \(in (59 min|1 h 0 min)/)
  })
})
