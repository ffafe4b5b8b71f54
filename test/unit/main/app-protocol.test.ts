import { beforeEach, describe, expect, it } from 'vitest'
import { net, protocol, resetElectronMock } from '../mocks/electron'
import { serveAppScheme } from '../../../electron/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security'

type Handler = (request: { url: string }) => Promise<Response>

describe('the app:// protocol', () => {
  let handle: Handler
  beforeEach(() => {
    resetElectronMock()
    net.fetch.mockImplementation(
      async (url: string) =>
        new Response(`file ${url}`, { headers: { 'content-type': 'text/html' } }),
    )
    serveAppScheme('/opt/app/out/renderer')
    handle = protocol.handle.mock.calls[0]![1] as Handler
  })

  it('serves files below the renderer folder with the CSP header', async () => {
    const res = await handle({ url: 'app://explorer/' })
    expect(await res.text()).toBe('file file:///opt/app/out/renderer/index.html')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    const asset = await handle({ url: 'app://explorer/assets/index.js' })
    expect(await asset.text()).toBe('file file:///opt/app/out/renderer/assets/index.js')
  })

  it('keeps dot segments inside the renderer folder (the URL parser resolves them first)', async () => {
    for (const url of [
      'app://explorer/../../../etc/passwd',
      'app://explorer/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      await handle({ url })
      expect(net.fetch).toHaveBeenLastCalledWith('file:///opt/app/out/renderer/etc/passwd')
    }
  })

  it.each([
    'app://explorer/assets/..%2f..%2f..%2fsecrets.json',
    'app://explorer/..%5c..%5csecrets.json',
    'app://other-host/index.html',
    'app://explorer/%E0%A4%A',
  ])('answers 404 for %s without touching the file system', async (url) => {
    const res = await handle({ url })
    expect(res.status).toBe(404)
    expect(net.fetch).not.toHaveBeenCalled()
  })
})
