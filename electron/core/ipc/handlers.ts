import type { AppInfo } from '../../shared/types'
import type { HandlerTable } from './dispatch'

/**
 * Everything the handler table needs from its host. The Electron main process supplies
 * Electron-backed implementations; the browser harness and tests supply Node ones.
 */
export interface HandlerDeps {
  appInfo: () => AppInfo | Promise<AppInfo>
}

/** The one table of channel implementations, shared by the Electron app and the e2e harness. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  return {
    'app:info': () => deps.appInfo(),
  }
}
