import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testSandboxPort } from '../helpers/app-services'
import { runCli } from '../../../electron/core/cli/run'

/** A collection written by hand, as a team would keep it in git. */
function collectionDir(failing = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'tp-cli-collection-'))
  writeFileSync(join(dir, 'collection.yaml'), 'version: 1\nname: CLI demo\norder: [reviews]\n')
  mkdirSync(join(dir, 'reviews'))
  writeFileSync(
    join(dir, 'reviews', 'folder.yaml'),
    'version: 1\nname: Reviews\norder: [list.yaml, get.yaml]\n',
  )
  writeFileSync(
    join(dir, 'reviews', 'list.yaml'),
    [
      'version: 1',
      'name: List reviews',
      'method: GET',
      'url: "{{apiBase}}/private/business-units/{{businessUnitId}}/reviews"',
      'captures:',
      '  - { variable: reviewId, from: body, path: "reviews[0].id" }',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'reviews', 'get.yaml'),
    [
      'version: 1',
      'name: Get review',
      'method: GET',
      'url: "{{apiBase}}/private/reviews/{{reviewId}}"',
      ...(failing ? ['checks:', '  - { kind: status, equals: "201" }'] : []),
      '',
    ].join('\n'),
  )
  return dir
}

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    sandbox: testSandboxPort,
  })
  return { code, stdout, stderr }
}

describe('cli run', () => {
  it('runs a chained collection against the sandbox and prints JSON; exit 0', async () => {
    const out = await cli(['run', collectionDir(), '--env', 'sandbox', '--json'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const json = JSON.parse(out.stdout) as {
      results: Record<string, unknown>[]
      passed: number
      failed: number
    }
    expect(json).toMatchObject({ passed: 2, failed: 0 })
    expect(json.results.map((r) => Object.keys(r).sort())).toEqual([
      ['folder', 'method', 'ms', 'name', 'ok', 'status', 'url'],
      ['folder', 'method', 'ms', 'name', 'ok', 'status', 'url'],
    ])
    expect(json.results[1]).toMatchObject({
      name: 'Get review',
      folder: 'Reviews',
      method: 'GET',
      status: 200,
      ok: true,
    })
    expect(json.results[1]!.url).toMatch(/\/private\/reviews\/[\w-]+$/)
  })

  it('prints one line per request and exits 1 when a check fails', async () => {
    const out = await cli(['run', collectionDir(true), '--env', 'sandbox'])
    expect(out.code).toBe(1)
    const lines = out.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^PASS 200 GET\s+Reviews \/ List reviews/)
    expect(lines[1]).toMatch(/^FAIL 200 GET\s+Reviews \/ Get review/)
    expect(lines[2]).toContain('check failed: status 201 (got 200)')
    expect(lines.at(-1)).toBe('1 passed, 1 failed')
  })

  it('runs one request by name', async () => {
    const out = await cli([
      'run',
      collectionDir(),
      '--request',
      'List reviews',
      '--env',
      'sandbox',
      '--json',
    ])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout)).toMatchObject({ passed: 1, failed: 0 })
  })

  it('exits 2 on wrong arguments', async () => {
    for (const argv of [
      ['run'],
      ['run', '/definitely/not/here', '--env', 'sandbox'],
      ['run', collectionDir(), '--folder', 'Nope', '--env', 'sandbox'],
      ['run', collectionDir(), '--bogus'],
      ['run', collectionDir(), '--env', 'mars'],
    ]) {
      const out = await cli(argv)
      expect(out.code, argv.join(' ')).toBe(2)
      expect(out.stderr).toMatch(/^Error: /)
    }
  })
})
