import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { finishBeforeQuit } from '../../../electron/main/shutdown'

/** The part of Electron's `app` the helper uses: `will-quit` with a preventable event, and quit. */
function fakeApp() {
  const emitter = new EventEmitter()
  const app = {
    quits: 0,
    on: (name: string, listener: (e: { preventDefault(): void }) => void) => {
      emitter.on(name, listener)
      return app
    },
    quit: () => {
      app.quits++
      app.willQuit()
    },
    /** What Electron does on quit: `will-quit`; true when a listener held it. */
    willQuit: () => {
      let held = false
      emitter.emit('will-quit', { preventDefault: () => (held = true) })
      return held
    },
  }
  return app
}

afterEach(() => vi.useRealTimers())

describe('finishBeforeQuit', () => {
  it('holds the quit until the work is written, then quits once for good', async () => {
    const app = fakeApp()
    let finish: () => void = () => {}
    const work = vi.fn(() => new Promise<void>((r) => (finish = r)))
    finishBeforeQuit(app as never, work)

    expect(app.willQuit()).toBe(true)
    expect(app.willQuit()).toBe(true) // a second quit while writing waits too, no second run
    expect(work).toHaveBeenCalledTimes(1)
    expect(app.quits).toBe(0)
    finish()
    await vi.waitFor(() => expect(app.quits).toBe(1))
    expect(app.willQuit()).toBe(false) // from now on nothing holds the quit
  })

  it('quits anyway after the time limit, and after a failed write', async () => {
    vi.useFakeTimers()
    const hung = fakeApp()
    finishBeforeQuit(hung as never, () => new Promise(() => {}), 3000)
    hung.willQuit()
    await vi.advanceTimersByTimeAsync(2999)
    expect(hung.quits).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(hung.quits).toBe(1)

    const failing = fakeApp()
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    finishBeforeQuit(failing as never, () => Promise.reject(new Error('disk full')))
    failing.willQuit()
    await vi.advanceTimersByTimeAsync(0)
    expect(failing.quits).toBe(1)
    expect(String(log.mock.calls[0])).toContain('disk full')
    log.mockRestore()
  })
})
