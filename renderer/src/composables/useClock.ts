import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * One clock for every countdown on screen: a single interval, started by the first user and
 * stopped when the last one goes away. Components read `now` and recompute from it.
 */
const now = ref(Date.now())
let timer: ReturnType<typeof setInterval> | undefined
let users = 0

function start(): void {
  now.value = Date.now()
  timer ??= setInterval(() => {
    now.value = Date.now()
  }, 1000)
}

function stop(): void {
  if (timer !== undefined) clearInterval(timer)
  timer = undefined
}

export function useClock(): Readonly<Ref<number>> {
  users++
  start()
  if (getCurrentScope()) {
    onScopeDispose(() => {
      users--
      if (users <= 0) {
        users = 0
        stop()
      }
    })
  }
  return readonly(now)
}

/** For tests: whether the shared interval is running, and a hard reset between tests. */
export const clockRunning = (): boolean => timer !== undefined
export function resetClock(): void {
  stop()
  users = 0
  now.value = Date.now()
}
