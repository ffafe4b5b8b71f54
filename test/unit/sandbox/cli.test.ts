import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../../electron/sandbox/cli-args'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'

const CLI = 'electron/sandbox/cli.ts'

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: process.cwd(),
    stdio: 'pipe',
  })
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout })
  const [line] = (await once(lines, 'line')) as [string]
  return line
}

async function finish(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const [code] = (await once(child, 'exit')) as [number | null]
  return { code, stdout, stderr }
}

describe('npm run sandbox (cli.ts)', () => {
  it('--json --port 0 prints the JSON line first; its credentials give a working token; SIGINT exits cleanly', async () => {
    const child = runCli(['--json', '--port', '0'])
    try {
      const info = JSON.parse(await firstLine(child))
      expect(Object.keys(info).sort()).toEqual(
        [
          'apiBase',
          'invitationsBase',
          'loginUrl',
          'apiKey',
          'apiSecret',
          'username',
          'password',
          'businessUnitId',
          'businessUserId',
          'redirectUri',
        ].sort(),
      )
      expect(info.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      expect(info.invitationsBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      expect(info.loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      expect(info.apiKey).toBe(SANDBOX_DEFAULTS.apiKey)
      expect(info.password).toBe(SANDBOX_DEFAULTS.password)

      const tokenRes = await fetch(
        `${info.apiBase}/oauth/oauth-business-users-for-applications/accesstoken`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${info.apiKey}:${info.apiSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        },
      )
      expect(tokenRes.status).toBe(200)
      const { access_token } = (await tokenRes.json()) as { access_token: string }
      const reviews = await fetch(
        `${info.apiBase}/private/business-units/${info.businessUnitId}/reviews?perPage=2`,
        {
          headers: { authorization: `Bearer ${access_token}` },
        },
      )
      expect(reviews.status).toBe(200)
      expect(((await reviews.json()) as { reviews: unknown[] }).reviews).toHaveLength(2)

      const done = finish(child)
      child.kill('SIGINT')
      const result = await done
      expect(result.code).toBe(0)
      await expect(fetch(`${info.apiBase}/business-units/find?name=x`)).rejects.toThrow()
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('passes options through (credentials, ports, ttl)', async () => {
    const child = runCli([
      '--json',
      '--port=0',
      '--api-key',
      'k1',
      '--api-secret=s1',
      '--access-ttl',
      '30',
      '--quiet',
    ])
    try {
      const info = JSON.parse(await firstLine(child))
      expect(info.apiKey).toBe('k1')
      const res = await fetch(
        `${info.apiBase}/oauth/oauth-business-users-for-applications/accesstoken`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from('k1:s1').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        },
      )
      expect(((await res.json()) as { expires_in: string }).expires_in).toBe('30')
      const done = finish(child)
      child.kill('SIGTERM')
      expect((await done).code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('--help prints usage and exits 0; a bad option gives usage and exit code 2', async () => {
    const help = await finish(runCli(['--help']))
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: npm run sandbox/)
    const bad = await finish(runCli(['--bogus']))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option '--bogus'/)
    expect(bad.stderr).toMatch(/Usage:/)
  })
})

describe('parseArgs', () => {
  it('parses every option', () => {
    const parsed = parseArgs([
      '--port',
      '4010',
      '--api-key',
      'k',
      '--api-secret',
      's',
      '--username',
      'u@x.example',
      '--password',
      'p',
      '--business-unit-id',
      'b',
      '--business-user-id',
      'bu',
      '--redirect-uri',
      'https://a.example/cb',
      '--access-ttl',
      '10',
      '--refresh-ttl',
      '20',
      '--token-rate-limit',
      '5',
      '--json',
    ])
    expect(parsed).toEqual({
      kind: 'run',
      json: true,
      options: {
        quiet: false,
        port: 4010,
        apiKey: 'k',
        apiSecret: 's',
        username: 'u@x.example',
        password: 'p',
        businessUnitId: 'b',
        businessUserId: 'bu',
        redirectUri: 'https://a.example/cb',
        accessTtl: 10,
        refreshTtl: 20,
        tokenRateLimit: 5,
      },
    })
  })

  it.each([
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--access-ttl', '0']],
    [['--token-rate-limit', '1.5']],
    [['--redirect-uri', 'http://insecure.example/cb']],
    [['--api-key']],
    [['--json=yes']],
    [['stray']],
  ])('rejects %j', (argv) => {
    expect(parseArgs(argv).kind).toBe('error')
  })
})
