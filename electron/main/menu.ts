import { Menu, app, type MenuItemConstructorOptions } from 'electron'

/** Standard roles so copy, paste and undo work in every text field, on every platform. */
export function installMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  if (!app.isPackaged) template.push({ label: 'Debug', submenu: [{ role: 'toggleDevTools' }] })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
