/** Timer abstraction so tests can drive the background refresh without waiting. */
export interface Scheduler {
  set(callback: () => void, delayMs: number): unknown
  clear(handle: unknown): void
}

/** setTimeout that never keeps a process (the CLI, tests) alive on its own. */
export const realScheduler: Scheduler = {
  set(callback, delayMs) {
    const handle = setTimeout(callback, delayMs)
    handle.unref?.()
    return handle
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>)
  },
}

/**
 * Longest single wait. Timers drift or pause while a laptop sleeps, so the loop wakes at least
 * this often and re-checks the clock; a wake-up with nothing due does nothing.
 */
export const MAX_TIMER_MS = 10 * 60 * 1000

/** After a failed background or ahead-of-expiry refresh, wait this long before the next try. */
export const FAILED_REFRESH_COOLDOWN_MS = 5 * 60 * 1000
