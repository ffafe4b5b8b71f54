import { Menu, app, type MenuItemConstructorOptions } from 'electron'

/**
 * Standard roles so copy, paste and undo work in every text field, on every platform. The window's
 * Close moves to Ctrl/Cmd+Shift+W: Ctrl/Cmd+W closes the open request tab (handled by the renderer).
 */
export function installMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      role: 'windowMenu',
      submenu: [
        { role: 'minimize' },
        { role: 'zoom' },
        { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' },
      ],
    },
  ]
  if (!app.isPackaged) template.push({ label: 'Debug', submenu: [{ role: 'toggleDevTools' }] })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
