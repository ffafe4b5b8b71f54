import { describe, expect, it } from 'vitest'
import { lastResult } from '../../../electron/core/workbench/pipeline/last-result'

describe('lastResult: the pipeline stages reuse their last result for the same inputs', () => {
  it('makes the result once for the same inputs, and again when any input changes', () => {
    const memo = lastResult<{ n: number }>()
    let made = 0
    const make = () => ({ n: ++made })
    const a = {}
    const first = memo([a, 'key', undefined], make)
    expect(memo([a, 'key', undefined], make)).toBe(first)
    expect(made).toBe(1)
    expect(memo([{}, 'key', undefined], make)).not.toBe(first) // another object, same shape
    expect(memo([a, 'key', undefined], make).n).toBe(3) // only the last inputs are kept
    expect(memo([a, 'other', undefined], make).n).toBe(4)
    expect(memo([a, 'other'], make).n).toBe(5) // fewer inputs are different inputs
  })
})
