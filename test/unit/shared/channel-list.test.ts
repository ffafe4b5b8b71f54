import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../electron/shared/channel-list'
import { channelNames, eventNames } from '../../../electron/shared/contract'

describe('the preload channel list', () => {
  // After adding a channel: npx tsx build/scripts/write-channel-list.ts
  it('names exactly the contract channels and events', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...channelNames].sort())
    expect([...EVENT_NAMES].sort()).toEqual([...eventNames].sort())
  })

  it('keeps zod and the schemas out of the built preload', () => {
    const preload = readFileSync(
      resolve(import.meta.dirname, '../../../out/preload/index.cjs'),
      'utf8',
    )
    expect(preload).toContain('auth:get-token')
    expect(preload).not.toMatch(/ZodError|safeParse|\$ZodType/)
    expect(preload.length).toBeLessThan(10_000)
  })
})
