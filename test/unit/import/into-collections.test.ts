/**
 * Import and the collection store together: a confirmed import is written as a collection on disk
 * (listed, openable, exportable), and the CLI runs an importable path (a Bruno folder) directly.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { createImportHandlers } from '../../../electron/core/ipc/import-handlers'
import type { ImportOutcome } from '../../../electron/shared/import'
import { createTestApp, testSandboxPort, type TestApp } from '../helpers/app-services'
import { FIXTURES } from './helpers'

const BRUNO = join(FIXTURES, 'bruno-collection')
const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.services.dispose()
})

describe('a confirmed import lands in the collection store', () => {
  it('writes the Bruno fixture as a collection the sidebar lists, with no secret in its files', async () => {
    const exportDir = mkdtempSync(join(tmpdir(), 'tp-into-export-'))
    const app = await createTestApp({
      chooseImportPath: async () => BRUNO,
      chooseExportPath: async ({ defaultName }) => join(exportDir, defaultName),
    })
    apps.push(app)
    const handlers = createImportHandlers(app.services)
    const outcome = (await handlers['import:pick']({ kind: 'folder' })) as ImportOutcome
    if (outcome.kind !== 'collection') throw new Error(`not a collection: ${outcome.kind}`)
    expect((await app.services.collections.list()).collections).toHaveLength(0)

    const imported = await handlers['import:confirm']({ previewId: outcome.preview.previewId })

    const { collections } = await app.services.collections.list()
    expect(collections.map((c) => [c.id, c.name])).toEqual([
      [imported.id, 'Fixture API collection'],
    ])
    const stored = await app.services.collections.store.get(imported.id)
    const names = JSON.stringify(stored.items)
    expect(names).toContain('List reviews')
    expect(names).toContain('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')

    // Export reads the stored collection back.
    const exported = await handlers['export:collection']({
      collectionId: imported.id,
      format: 'postman',
    })
    const postman = JSON.parse(readFileSync(exported.path!, 'utf8')) as { info: { name: string } }
    expect(postman.info.name).toBe('Fixture API collection')
  })
})

describe('cli run on an importable path', () => {
  it('runs a request of a Bruno folder against the sandbox, with the profile token', async () => {
    let stdout = ''
    let stderr = ''
    const code = await runCli(
      ['run', BRUNO, '--request', 'List reviews', '--env', 'sandbox', '--json'],
      {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        env: {},
        sandbox: testSandboxPort,
      },
    )
    expect(stderr).toBe('')
    const out = JSON.parse(stdout) as {
      results: { name: string; folder: string; status: number; ok: boolean }[]
      passed: number
      failed: number
    }
    expect(out.results).toEqual([
      expect.objectContaining({ name: 'List reviews', folder: 'Reviews', status: 200, ok: true }),
    ])
    expect([out.passed, out.failed, code]).toEqual([1, 0, 0])
  })

  it("uses the import's first environment, as the app's Import does ({{locale}} comes from it)", async () => {
    let stdout = ''
    const code = await runCli(
      ['run', BRUNO, '--request', 'Create invitation', '--env', 'sandbox', '--json'],
      {
        stdout: (t) => void (stdout += t),
        stderr: () => undefined,
        env: {},
        sandbox: testSandboxPort,
      },
    )
    const out = JSON.parse(stdout) as { results: { name: string; status: number; ok: boolean }[] }
    expect(out.results).toEqual([
      expect.objectContaining({ name: 'Create invitation', status: 202, ok: true }),
    ])
    expect(code).toBe(0)
  })

  it('names why a path is neither a collection nor importable, with exit 2', async () => {
    let stderr = ''
    const code = await runCli(['run', join(FIXTURES, '..'), '--env', 'sandbox'], {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      env: {},
      sandbox: testSandboxPort,
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/neither a collection folder .* nor something the app can import/)
  })
})
