import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi } from '../shared/build-api'

/**
 * Exposes `window.api`: one function per contract channel and one `onX` per event, nothing else.
 * ipcRenderer itself never reaches the page.
 */
const api = buildApi(
  (channel, arg) => ipcRenderer.invoke(channel, arg),
  (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  },
)

contextBridge.exposeInMainWorld('api', api)
