import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { channelNames } from '../../shared/contract'
import {
  createDispatcher,
  type DispatchOptions,
  type HandlerTable,
  type SenderInfo,
} from '../../core/ipc/dispatch'

/** What Electron tells us about the caller, reduced to what the dispatcher checks. */
export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  if (!frame || frame.isDestroyed?.()) return { present: false, isMainFrame: false, url: '' }
  return { present: true, isMainFrame: frame.parent === null, url: frame.url }
}

/**
 * Registers one `ipcMain.handle` per contract channel. Each call is checked (sender is the app's
 * own main frame), its argument parsed with the channel's schema, and answered with
 * `{ ok, value } | { ok: false, error }`; nothing throws across IPC.
 */
export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  table: HandlerTable,
  options: DispatchOptions,
): () => void {
  const dispatch = createDispatcher(table, options)
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, arg: unknown) => dispatch(channel, senderInfo(event), arg))
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel)
  }
}
