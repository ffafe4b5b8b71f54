import { createServer } from 'node:net'
import { test, expect } from './fixtures'

/** A loopback port with nothing listening (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

test('a token request that cannot connect shows Details that say why (kind, system code), not an empty object', async ({
  app,
  host,
}) => {
  const port = await closedPort()
  // Arrange: a profile whose token endpoint nothing answers on.
  await host.services.profiles.save({
    name: 'Unreachable',
    environment: { kind: 'custom', tokenUrl: `http://127.0.0.1:${port}/oauth/token` },
    apiKey: 'key-for-unreachable',
    apiSecret: 'secret-for-unreachable',
    defaultGrant: 'client_credentials',
  })
  await app.reload()
  await app.getByTestId('profile-Unreachable').click()
  await app.getByTestId('nav-token').click()
  await app.getByTestId('run-grant').click()
  const panel = app.getByTestId('error-panel')
  await expect(panel).toBeVisible()
  await panel.getByText('Details', { exact: true }).click()
  const details = app.getByTestId('error-details')
  await expect(details).toContainText('"code": "oauth:network"')
  await expect(details).toContainText('"failure": "connection-refused"')
  await expect(details).toContainText('ECONNREFUSED')
  await expect(details).not.toContainText('"details": {}')
})
