import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { FIXTURES } from './helpers'

async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
  })
  return { code, stdout, stderr }
}

describe('cli import / export', () => {
  it('import --json prints one object of the documented shape, URLs as written', async () => {
    const out = await cli('import', join(FIXTURES, 'bruno-collection'), '--json')
    expect(out.code).toBe(0)
    const value = JSON.parse(out.stdout) as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['name', 'requests', 'skipped'])
    expect(value.name).toBe('Fixture API collection')
    const requests = value.requests as Record<string, string>[]
    expect(requests).toHaveLength(7)
    for (const r of requests)
      expect(Object.keys(r)).toEqual(['name', 'folder', 'method', 'url', 'auth'])
    expect(requests[0]).toEqual({
      name: 'List reviews',
      folder: 'Reviews',
      method: 'GET',
      url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      auth: 'profile-token',
    })
    const skipped = value.skipped as Record<string, string>[]
    for (const s of skipped) expect(Object.keys(s)).toEqual(['what', 'why'])
    expect(skipped.map((s) => s.what)).toContain('request “Tokens / Get Access Token”')
  })

  it('import detects the format, or takes --format, and prints the collection', async () => {
    const out = await cli('import', join(FIXTURES, 'openapi.yaml'))
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/^OpenAPI document “Fixture reviews API”: 4 requests, 2 folders/)
    expect(out.stdout).toContain(
      'Reviews/\n  GET     List reviews  {{apiBase}}/private/business-units/{{businessUnitId}}/reviews  [profile token]',
    )
    const dir = await mkdtemp(join(tmpdir(), 'cli-curl-'))
    await writeFile(join(dir, 'call.sh'), `curl -X DELETE 'https://h.test/items/1'\n`)
    const curl = await cli('import', join(dir, 'call.sh'), '--format', 'curl', '--json')
    expect(JSON.parse(curl.stdout).requests).toEqual([
      {
        name: 'DELETE 1',
        folder: '',
        method: 'DELETE',
        url: 'https://h.test/items/1',
        auth: 'none',
      },
    ])
  })

  it('exits 2 naming why the input cannot be read', async () => {
    const missing = await cli('import', '/no/such/file.json')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('Error: /no/such/file.json cannot be read: it does not exist.\n')
    const dir = await mkdtemp(join(tmpdir(), 'cli-bad-'))
    await writeFile(join(dir, 'bad.json'), '{"info": {"name": "x"}, "item": [,]}')
    const bad = await cli('import', join(dir, 'bad.json'))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.json is not valid JSON at line 1, column \d+/)
    const format = await cli('import', join(dir, 'bad.json'), '--format', 'har')
    expect(format.code).toBe(2)
    expect(format.stderr).toContain('--format must be one of bruno, postman, openapi, curl')
  })

  it('export writes Postman v2.1 or a Bruno folder that imports back to the same requests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-export-'))
    const postman = join(dir, 'out.postman.json')
    const exported = await cli(
      'export',
      join(FIXTURES, 'bruno-collection'),
      '--format',
      'postman',
      '--out',
      postman,
    )
    expect(exported.code).toBe(0)
    expect(exported.stderr).toContain(
      'Exported “Fixture API collection” as Postman Collection v2.1',
    )
    expect(JSON.parse(await readFile(postman, 'utf8')).info.schema).toContain('v2.1.0')
    const before = JSON.parse(
      (await cli('import', join(FIXTURES, 'bruno-collection'), '--json')).stdout,
    )
    const after = JSON.parse((await cli('import', postman, '--json')).stdout)
    expect(after.requests).toEqual(before.requests)
    const bruno = join(dir, 'bruno-out')
    expect(
      (await cli('export', postman, '--format', 'bruno', '--out', bruno, '--folder', 'Reviews'))
        .code,
    ).toBe(0)
    const reviews = JSON.parse((await cli('import', bruno, '--json')).stdout)
    expect(reviews.requests.map((r: { name: string }) => r.name)).toEqual([
      'List reviews',
      'Get a review',
      'Add a note',
    ])
    const again = await cli('export', postman, '--format', 'bruno', '--out', bruno)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already exists and is not empty/)
    expect((await cli('export', postman, '--out', bruno)).stderr).toContain('export needs --format')
  })
})
