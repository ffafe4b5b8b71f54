import { BrowserWindow } from 'electron'
import { join } from 'node:path'

export interface MainWindowOptions {
  preloadPath: string
  url: string
}

export const APP_TITLE = 'Trustpilot API Explorer'

export function createMainWindow({ preloadPath, url }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: APP_TITLE,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}

export function preloadFile(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs')
}
