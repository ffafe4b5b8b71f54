import { describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { formatAgo, formatDuration, formatRemaining } from '../../renderer/src/lib/countdown'
import { clockRunning, useClock } from '../../renderer/src/composables/useClock'

const S = 1000
const MIN = 60 * S
const H = 60 * MIN

describe('countdown formatting', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(100 * H - 1)).toBe('99 h 59 min')
    expect(formatDuration(4 * MIN + 12 * S)).toBe('4 min 12 s')
    expect(formatDuration(12 * S + 900)).toBe('12 s')
    expect(formatDuration(90 * 24 * H)).toBe('90 d 0 h')
    expect(formatDuration(-5)).toBe('0 s')
  })

  it('says how long ago something expired', () => {
    expect(formatRemaining(1000, 1000 + 3 * MIN + 10 * S)).toBe('expired 3 min ago')
    expect(formatRemaining(0, 5 * S)).toBe('expired 5 s ago')
    expect(formatRemaining(0, 0)).toBe('expired 0 s ago')
    expect(formatAgo(3 * 24 * H)).toBe('3 d')
    expect(formatRemaining(10 * S, 0)).toBe('10 s')
  })
})

describe('useClock', () => {
  it('is one interval shared by every user, stopped when the last one goes', () => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    const setInterval = vi.spyOn(globalThis, 'setInterval')
    const a = effectScope()
    const b = effectScope()
    const nowA = a.run(() => useClock())!
    const nowB = b.run(() => useClock())!
    expect(setInterval).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(3000)
    expect(nowA.value).toBe(1_003_000)
    expect(nowB.value).toBe(1_003_000)
    a.stop()
    expect(clockRunning()).toBe(true)
    b.stop()
    expect(clockRunning()).toBe(false)
  })
})
