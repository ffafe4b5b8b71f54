import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { ENDPOINTS } from '../../../electron/shared/catalogue'

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    fetch: () => Promise.reject(new Error('the catalogue command must not use the network')),
  })
  return { code, stdout, stderr }
}

describe('cli catalogue', () => {
  it('--json prints one array of {id, name, group, method, host, path, auth}', async () => {
    const { code, stdout, stderr } = await cli(['catalogue', '--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const rows = JSON.parse(stdout) as Record<string, string>[]
    expect(rows).toHaveLength(ENDPOINTS.length)
    expect(rows.length).toBe(70)
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'name', 'group', 'method', 'host', 'path', 'auth'])
    }
    expect(rows.find((r) => r.id === 'private.conversations.comment.update')).toEqual({
      id: 'private.conversations.comment.update',
      name: 'Update a conversation comment',
      group: 'Product Reviews API',
      method: 'PUT',
      host: 'api',
      path: '/private/conversations/{conversationId}/comments/{commentId}',
      auth: 'bearer',
    })
    expect(rows.filter((r) => r.auth === 'bearer')).toHaveLength(25)
    expect(rows.filter((r) => r.auth === 'apikey')).toHaveLength(45)
  })

  it('prints a grouped list in text mode, with the counts', async () => {
    const { code, stdout } = await cli(['catalogue'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Business Units API \(public\) \(6\)$/m)
    expect(stdout).toMatch(/^Business Units API \(11\)$/m)
    expect(stdout).toMatch(
      /POST\s+invitations-api \/private\/business-units\/\{businessUnitId\}\/email-invitations\s+token\s+Send an email invitation/,
    )
    expect(stdout).toContain('70 endpoints: 25 private (token), 45 public (apikey).')
  })

  it('refuses unknown options with exit code 2 and the usage', async () => {
    const { code, stdout, stderr } = await cli(['catalogue', '--yaml'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/Unknown option '--yaml'[\s\S]*Usage: npm run cli -- catalogue/)
  })
})
