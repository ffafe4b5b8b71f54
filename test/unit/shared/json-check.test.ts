import { describe, expect, it } from 'vitest'
import { checkJson } from '../../../electron/shared/json-check'

describe('the one JSON checker (issue 13, item 9)', () => {
  it('accepts valid JSON and says where invalid JSON goes wrong', () => {
    expect(checkJson('{"a": [1, 2, {"b": null}]}')).toBe(null)
    expect(checkJson('{\n  "a": 1,\n}')).toMatchObject({
      line: 3,
      column: 1,
      reason: 'trailing comma before }',
    })
    expect(checkJson('[1 2]')).toMatchObject({
      offset: 3,
      reason: expect.stringMatching(/expected , or \]/),
    })
    expect(checkJson("{'a': 1}")!.reason).toMatch(/expected a property name/)
    expect(checkJson('"a\\x"')!.reason).toBe('bad escape in a string')
    expect(checkJson('')!.reason).toBe('the body is empty')
  })

  it('gives a position for deeply nested malformed JSON, not a stack overflow', () => {
    const depth = 200_000
    const text = `${'['.repeat(depth)}1${']'.repeat(depth - 1)}`
    const problem = checkJson(text)
    expect(problem).not.toBe(null)
    expect(problem!.offset).toBe(text.length)
    expect(problem!.message).not.toMatch(/call stack/i)
    const objects = `${'{"a":'.repeat(depth)}tru${'}'.repeat(depth)}`
    expect(checkJson(objects)!.reason).toMatch(/expected true/)
  })
})
