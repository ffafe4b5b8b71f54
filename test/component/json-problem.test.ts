import { describe, expect, it } from 'vitest'
import { jsonProblem } from '../../renderer/src/lib/request-draft'

describe('the editor uses main’s JSON checker', () => {
  it('lets variables stand in as values and reports the same reason as Send', () => {
    expect(jsonProblem('{"n": {{count}}}')).toBe(null)
    expect(jsonProblem('{"n": {{count}},}')).toMatchObject({
      line: 1,
      message: 'trailing comma before }',
    })
  })

  it('locates a problem in deeply nested JSON without a stack overflow', () => {
    const text = `${'['.repeat(100_000)}x`
    expect(jsonProblem(text)).toMatchObject({
      from: 100_000,
      message: expect.stringMatching(/expected a value/),
    })
  })
})
