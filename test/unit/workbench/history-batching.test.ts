import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { HISTORY_FILE, HistoryStore } from '../../../electron/core/workbench/history'

const summary = (n: number) => ({
  id: `e${n}`,
  at: n,
  profileId: 'p',
  method: 'GET',
  url: `http://h.example/${n}`,
})
const line = (n: number) =>
  JSON.stringify({
    ...summary(n),
    draft: { profileId: 'p', method: 'GET', url: 'x', query: [], headers: [], auth: 'none' },
    request: { method: 'GET', url: 'x', headers: {} },
  })

describe('history writes are batched by count as well as by time', () => {
  it('writes at once when 64 entries are pending, without waiting for the window', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tp-history-batch-')), HISTORY_FILE)
    const store = new HistoryStore(file, { flushDelayMs: 60_000 })
    let built = 0
    for (let n = 0; n < 63; n++) store.appendLazy(summary(n), () => (built++, line(n)))
    await new Promise((r) => setTimeout(r, 50))
    expect(built).toBe(0) // still within the window: nothing serialized or written
    store.appendLazy(summary(63), () => (built++, line(63)))
    await vi.waitFor(
      () =>
        expect(existsSync(file) && readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(64),
      { timeout: 5000 },
    )
    expect(built).toBe(64)
    await store.dispose()
  })
})
