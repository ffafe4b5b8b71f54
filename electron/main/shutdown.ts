import type { App } from 'electron'

/**
 * Holds the quit until `work` (the last history lines, an open tab's final save) is written, at
 * most `timeoutMs`: Electron does not wait for promises started in `will-quit`, so without this
 * the batched writes of the last moments would be lost on every quit.
 */
export function finishBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  work: () => Promise<unknown>,
  timeoutMs = 3000,
): void {
  let state: 'running' | 'finishing' | 'done' = 'running'
  app.on('will-quit', (event) => {
    if (state === 'done') return
    event.preventDefault()
    if (state === 'finishing') return
    state = 'finishing'
    let timer: ReturnType<typeof setTimeout> | undefined
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    const finished = work().catch((error: unknown) => {
      console.error('[quit] could not finish writing:', error)
    })
    void Promise.race([finished, cap]).then(() => {
      clearTimeout(timer)
      state = 'done'
      app.quit()
    })
  })
}
