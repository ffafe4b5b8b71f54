/**
 * Every component test starts clean: no saved localStorage, a fresh Pinia, no fake client left
 * from the test before, the shared clock stopped and real timers.
 */
import { afterEach, beforeEach, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setClient } from '../../renderer/src/api/client'
import { resetClock } from '../../renderer/src/composables/useClock'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})
afterEach(() => {
  setClient(null)
  resetClock()
  vi.useRealTimers()
})
