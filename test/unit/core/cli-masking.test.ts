/** Issue 13, item 6: `call --json` masks like the text form; URL userinfo never echoed in errors. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'

const ISSUED = 'tpr-issued-by-the-server-0123456789'
const GIVEN = 'tpa-given-on-the-command-line-4242'
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-refresh-token': ISSUED })
    res.end(JSON.stringify({ refresh_token: ISSUED, note: `you used ${GIVEN}` }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
  })
  return { code, stdout, stderr }
}

const call = (url: string, ...more: string[]) =>
  cli([
    'call',
    'GET',
    url,
    '--env',
    'custom',
    '--token-url',
    `${base}/token`,
    '--token',
    GIVEN,
    ...more,
  ])

describe('CLI call masking', () => {
  it.each([[], ['--json']])('masks response headers and body %j', async (...flags) => {
    const r = await call(`${base}/x`, ...flags)
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain(ISSUED)
    expect(r.stdout).not.toContain(GIVEN)
    expect(r.stdout).toContain('tpr-••••6789')
  })

  it('--reveal shows them', async () => {
    const r = await call(`${base}/x`, '--json', '--reveal')
    expect(JSON.parse(r.stdout).body).toContain(ISSUED)
  })

  it('never echoes a password given in URL userinfo', async () => {
    const r = await call(`http://me:userinfo-secret-99@127.0.0.1:1/x`)
    expect(r.code).not.toBe(0)
    expect(`${r.stdout}${r.stderr}`).not.toContain('userinfo-secret-99')
  })
})
