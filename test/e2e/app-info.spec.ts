import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { channelNames, eventNames } from '../../electron/shared/contract'
import { eventMethodName, methodName } from '../../electron/shared/names'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

test('a click crosses to Node and back: app info shows in the page', async ({ app }) => {
  await app.getByTestId('refresh-info').click()
  await expect(app.getByTestId('app-version')).toHaveText(pkg.version)
  await expect(app.getByTestId('app-backend')).toHaveText('node-crypto')
  await expect(app.getByTestId('statusbar')).toContainText(`v${pkg.version}`)
})

test('window.api has one function per channel and nothing else, and is frozen', async ({ app }) => {
  const shape = await app.evaluate(() => ({
    keys: Object.keys(window.api ?? {}).sort(),
    frozen: Object.isFrozen(window.api),
    hasIpc: 'ipcRenderer' in window || 'require' in window,
  }))
  const expected = [...channelNames.map(methodName), ...eventNames.map(eventMethodName)].sort()
  expect(shape.keys).toEqual(expected)
  expect(shape.frozen).toBe(true)
  expect(shape.hasIpc).toBe(false)
})

test('a call from a subframe is refused by the same sender check main uses', async ({ app }) => {
  const result = await app.evaluate(async () => {
    // Same origin as the app, so only the main-frame check can refuse it.
    const frame = document.createElement('iframe')
    frame.src = `${location.origin}/index.html?child`
    document.body.append(frame)
    await new Promise((r) => frame.addEventListener('load', r, { once: true }))
    const child = frame.contentWindow as Window & { __harnessInvoke?: Window['__harnessInvoke'] }
    return child.__harnessInvoke?.('app:info', undefined)
  })
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'forbidden-sender', message: expect.stringMatching(/main frame/) },
  })
})

test('arguments that fail the schema come back as a structured error', async ({ app }) => {
  const result = await app.evaluate(() => window.__harnessInvoke?.('app:info', { nope: 1 }))
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
})
