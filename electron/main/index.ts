import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'node:path'
import { createHandlers } from '../core/ipc/handlers'
import { appInfo } from './app-info'
import { APP_ORIGIN, registerAppScheme, serveAppScheme } from './app-protocol'
import { registerHandlers } from './ipc/register'
import { installMenu } from './menu'
import { hardenApp } from './security'
import { createMainWindow, preloadFile } from './window'

const mainDir = import.meta.dirname
/** Set by `electron-vite dev`: the renderer comes from the Vite dev server. */
const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const appUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`
const appOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN]

const isAppUrl = (url: string): boolean => {
  try {
    return appOrigins.includes(new URL(url).origin) || url.startsWith(`${APP_ORIGIN}/`)
  } catch {
    return false
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  hardenApp(isAppUrl)

  let mainWindow: BrowserWindow | null = null
  const openMainWindow = (): void => {
    mainWindow = createMainWindow({ preloadPath: preloadFile(mainDir), url: appUrl })
    mainWindow.on('closed', () => (mainWindow = null))
  }

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(() => {
    serveAppScheme(join(mainDir, '../renderer'))
    installMenu()
    registerHandlers(ipcMain, createHandlers({ appInfo }), {
      allowedOrigins: appOrigins,
      onUnexpectedError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error),
    })
    openMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
