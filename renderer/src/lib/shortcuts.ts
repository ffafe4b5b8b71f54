/** Keyboard shortcuts: one list, used both by the handler and by the help overlay. */
export type ShortcutAction =
  | 'get-token'
  | 'refresh'
  | 'search'
  | 'help'
  | 'close'
  | 'save'
  | 'theme'
  | 'view-1'
  | 'view-2'
  | 'view-3'
  | 'view-4'
  | 'view-5'
  | 'send'
  | 'new-request'
  | 'close-tab'
  | 'next-tab'
  | 'prev-tab'
  | 'reopen-tab'

export interface Shortcut {
  action: ShortcutAction
  keys: string[]
  description: string
}

export const isMac = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export const mod = (): string => (isMac() ? '⌘' : 'Ctrl')

export function shortcutList(): Shortcut[] {
  const m = mod()
  return [
    {
      action: 'get-token',
      keys: [`${m}+Enter`],
      description: 'Get a token with the chosen grant (Token view)',
    },
    { action: 'send', keys: [`${m}+Enter`], description: 'Send the request (Workbench)' },
    { action: 'new-request', keys: [`${m}+T`], description: 'New request tab (Workbench)' },
    { action: 'close-tab', keys: [`${m}+W`], description: 'Close the current request tab' },
    { action: 'next-tab', keys: ['Ctrl+Tab'], description: 'Next request tab' },
    { action: 'prev-tab', keys: ['Ctrl+Shift+Tab'], description: 'Previous request tab' },
    {
      action: 'reopen-tab',
      keys: [`${m}+Shift+T`],
      description: 'Reopen the last closed request tab',
    },
    { action: 'refresh', keys: [`${m}+R`], description: 'Refresh the token now' },
    { action: 'search', keys: [`${m}+K`, '/'], description: 'Focus the search box' },
    {
      action: 'save',
      keys: [`${m}+S`],
      description: 'Save the profile being edited, or the open request to a collection',
    },
    { action: 'view-1', keys: [`${m}+1`], description: 'Token view' },
    { action: 'view-2', keys: [`${m}+2`], description: 'Flow trace' },
    { action: 'view-3', keys: [`${m}+3`], description: 'Profile settings' },
    { action: 'view-4', keys: [`${m}+4`], description: 'Workbench' },
    { action: 'view-5', keys: [`${m}+5`], description: 'About' },
    { action: 'theme', keys: [`${m}+Shift+L`], description: 'Switch light / dark / system theme' },
    { action: 'help', keys: ['?', 'F1'], description: 'Show this help' },
    {
      action: 'close',
      keys: ['Esc'],
      description: 'Close an overlay or dialog; else cancel the request being sent (Workbench)',
    },
  ]
}

const typing = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null
  if (!el || typeof el.tagName !== 'string') return false
  return (
    el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    el.isContentEditable === true
  )
}

/** Which action a key press means, if any. Plain keys (`/`, `?`) never fire while typing. */
export function matchShortcut(e: KeyboardEvent): ShortcutAction | null {
  const modKey = e.ctrlKey || e.metaKey
  const key = e.key
  if (key === 'Escape') return 'close'
  if (key === 'F1') return 'help'
  // Ctrl+Tab is Ctrl on every platform (as in browsers), even on macOS.
  if (e.ctrlKey && !e.altKey && key === 'Tab') return e.shiftKey ? 'prev-tab' : 'next-tab'
  if (modKey && !e.altKey) {
    if (key === 'Enter') return 'get-token'
    if (e.shiftKey && (key === 'L' || key === 'l')) return 'theme'
    if (e.shiftKey && (key === 'T' || key === 't')) return 'reopen-tab'
    if (e.shiftKey) return null
    switch (key.toLowerCase()) {
      case 'r':
        return 'refresh'
      case 'k':
        return 'search'
      case 's':
        return 'save'
      case '1':
        return 'view-1'
      case '2':
        return 'view-2'
      case '3':
        return 'view-3'
      case '4':
        return 'view-4'
      case '5':
        return 'view-5'
      case 't':
        return 'new-request'
      case 'w':
        return 'close-tab'
      default:
        return null
    }
  }
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return null
  if (key === '?') return 'help'
  if (key === '/') return 'search'
  return null
}
