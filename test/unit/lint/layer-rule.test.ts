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
