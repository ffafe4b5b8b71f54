import { app, BrowserWindow, clipboard, dialog, ipcMain, net } from 'electron'
import { join } from 'node:path'
import { createHandlers } from '../core/ipc/handlers'
import { createAppServices, type AppServices } from '../core/services/app-services'
import { SANDBOX_DEFAULTS, startSandbox } from '../sandbox/index'
import { appInfo } from './app-info'
import { APP_ORIGIN, registerAppScheme, serveAppScheme } from './app-protocol'
import { registerHandlers } from './ipc/register'
import { ElectronLoginWindow } from './login-window'
import { installMenu } from './menu'
import { SafeStorageCipher } from './safe-storage-cipher'
import { hardenApp, openExternalHttps } from './security'
import { finishBeforeQuit } from './shutdown'
import { openElectronStore } from './stores'
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
  const loginWindow = new ElectronLoginWindow()
  registerAppScheme()
  // Only the app's own pages navigate freely; login windows police their own navigation.
  hardenApp((contents, url) => isAppUrl(url) || loginWindow.owns(contents))

  let mainWindow: BrowserWindow | null = null
  /** A native open dialog over the main window; the first path, or null when cancelled. */
  const pickPath = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
  let services: AppServices | null = null
  const openMainWindow = (): void => {
    mainWindow = createMainWindow({ preloadPath: preloadFile(mainDir), url: appUrl })
    mainWindow.on('closed', () => (mainWindow = null))
  }

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(async () => {
    serveAppScheme(join(mainDir, '../renderer'))
    installMenu()
    try {
      services = await createAppServices({
        dataDir: app.getPath('userData'),
        openStore: (name) => openElectronStore(app.getPath('userData'), name),
        cipher: await SafeStorageCipher.create(),
        fetch: (input, init) => net.fetch(input, init),
        loginWindow,
        openExternal: openExternalHttps,
        writeClipboard: (text) => clipboard.writeText(text),
        appInfo,
        emit: (event, payload) => mainWindow?.webContents.send(event, payload),
        sandbox: { start: startSandbox, defaults: SANDBOX_DEFAULTS },
        chooseSavePath: async ({ defaultName }) => {
          const options = { defaultPath: join(app.getPath('downloads'), defaultName) }
          const result = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options)
          return result.canceled || !result.filePath ? null : result.filePath
        },
        // Collections: *Open folder…*
        chooseFolder: () =>
          pickPath({
            title: 'Open a collection folder',
            properties: ['openDirectory', 'createDirectory'],
          }),
        // Import and export (issue 15): the user picks the file or folder in a native dialog.
        chooseImportPath: (kind) =>
          pickPath({
            title: kind === 'folder' ? 'Open a Bruno collection folder' : 'Import a file',
            properties: [kind === 'folder' ? 'openDirectory' : 'openFile'],
            ...(kind === 'file'
              ? {
                  filters: [
                    {
                      name: 'Collections and API documents',
                      extensions: ['json', 'yaml', 'yml', 'txt', 'sh'],
                    },
                    { name: 'All files', extensions: ['*'] },
                  ],
                }
              : {}),
          }),
        chooseExportPath: async ({ defaultName }) => {
          const options = { defaultPath: join(app.getPath('documents'), defaultName) }
          const result = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options)
          return result.canceled || !result.filePath ? null : result.filePath
        },
      })
    } catch (error) {
      dialog.showErrorBox('Trustpilot API Explorer could not start', String(error))
      app.quit()
      return
    }
    registerHandlers(ipcMain, createHandlers(services), {
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
  finishBeforeQuit(app, async () => services?.dispose())
}
