import { describe, expect, it } from 'vitest'
import { Menu } from 'electron'
import { installMenu } from '../../../electron/main/menu'

type Item = { role?: string; accelerator?: string; submenu?: Item[] }

const flatten = (items: Item[]): Item[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])

describe('application menu', () => {
  it('leaves Ctrl/Cmd+W to the renderer (closes a request tab): the window Close uses Shift', () => {
    installMenu()
    const template = (
      Menu.setApplicationMenu as unknown as { mock: { calls: Item[][][] } }
    ).mock.calls.at(-1)![0]!
    const items = flatten(template)
    const close = items.find((i) => i.role === 'close')
    expect(close?.accelerator).toBe('CmdOrCtrl+Shift+W')
    // A bare role menu would bring Electron's default Close with Ctrl+W back.
    expect(items.find((i) => i.role === 'windowMenu')?.submenu).toBeDefined()
    expect(items.some((i) => i.accelerator === 'CmdOrCtrl+W')).toBe(false)
  })
})
