import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import type { AppInfo } from '../../../electron/shared/types'

const root = join(import.meta.dirname, '../../..')

export interface HarnessHost {
  dispatch: Dispatch
  /** Events main would push to the renderer; bound pages subscribe through `bindApi`. */
  addEventSink(sink: (event: string, payload: unknown) => void): () => void
  close(): Promise<void>
}

export interface HostOptions {
  /** Origin the built renderer is served from: the only origin the dispatcher accepts. */
  appOrigin: string
}

/**
 * The non-Electron host: the same handler table and dispatcher the main process registers, with
 * Node implementations where Electron would supply its own.
 */
export async function createHarnessHost(options: HostOptions): Promise<HarnessHost> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    productName: string
    version: string
  }
  const sinks = new Set<(event: string, payload: unknown) => void>()
  const appInfo = (): AppInfo => ({
    name: pkg.productName,
    version: pkg.version,
    platform: process.platform,
    safeStorageBackend: 'node-crypto',
    secretsProtected: true,
  })
  const dispatch = createDispatcher(createHandlers({ appInfo }), {
    allowedOrigins: [options.appOrigin],
    onUnexpectedError: (channel, error) => console.error(`[harness] ${channel} failed:`, error),
  })
  return {
    dispatch,
    addEventSink(sink) {
      sinks.add(sink)
      return () => sinks.delete(sink)
    },
    close: async () => {
      sinks.clear()
    },
  }
}
