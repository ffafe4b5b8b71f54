import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('the layer rule', () => {
  it.each(['electron/core/probe.ts', 'electron/shared/probe.ts', 'electron/sandbox/probe.ts'])(
    'rejects Electron, electron-store and DOM globals in %s',
    async (file) => {
      expect(
        await ruleIds(file, "import { app } from 'electron'\nexport const a = app\n"),
      ).toContain('no-restricted-imports')
      expect(
        await ruleIds(file, "import Store from 'electron-store'\nexport const s = Store\n"),
      ).toContain('no-restricted-imports')
      expect(await ruleIds(file, 'export const t = document.title\n')).toContain(
        'no-restricted-globals',
      )
    },
  )

  it('allows Electron in the main process', async () => {
    expect(
      await ruleIds(
        'electron/main/probe.ts',
        "import { app } from 'electron'\nexport const a = app\n",
      ),
    ).not.toContain('no-restricted-imports')
  })
})

describe('the import direction between layers', () => {
  const importing = (path: string) => `import { x } from '${path}'\nexport const y = x\n`
  it.each([
    ['electron/core/services/probe.ts', '../../sandbox/index'],
    ['electron/core/probe.ts', '../main/index'],
    ['electron/shared/probe.ts', '../core/redact'],
    ['electron/shared/probe.ts', '../sandbox/index'],
    ['electron/sandbox/probe.ts', '../core/redact'],
    ['electron/preload/probe.ts', '../core/redact'],
    ['renderer/src/stores/probe.ts', '../../../electron/core/redact'],
    ['renderer/src/stores/probe.ts', '../../../electron/sandbox/index'],
  ])('%s may not import %s', async (file, path) => {
    expect(await ruleIds(file, importing(path))).toContain('no-restricted-imports')
  })

  it.each([
    ['electron/main/probe.ts', '../core/redact'],
    ['electron/main/probe.ts', '../sandbox/index'],
    ['electron/core/services/probe.ts', '../workbench/history'],
    ['electron/core/probe.ts', '../shared/contract'],
    ['electron/sandbox/probe.ts', '../shared/catalogue'],
    ['electron/preload/probe.ts', '../shared/build-api'],
    ['renderer/src/stores/probe.ts', '../../../electron/shared/contract'],
    ['electron/core/services/probe.ts', './sandbox-port'],
  ])('%s may import %s', async (file, path) => {
    expect(await ruleIds(file, importing(path))).not.toContain('no-restricted-imports')
  })
})
