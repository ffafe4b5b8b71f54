/**
 * Rewrites electron/shared/channel-list.ts from the contract: `npx tsx build/scripts/write-channel-list.ts`.
 * Run it after adding or removing a channel or event (the channel-list unit test says when).
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { channelNames, eventNames } from '../../electron/shared/contract'

const quoted = (names: readonly string[]) => names.map((name) => `  '${name}',`).join('\n')

const source = `import type { ChannelName, EventName } from './contract'

/**
 * The names of every IPC channel and event, as plain strings. The preload needs only the names to
 * build \`window.api\`; importing the contract there would bundle zod and every schema into it.
 * Written by build/scripts/write-channel-list.ts: the type check refuses a name the contract lacks,
 * and a unit test (test/unit/shared/channel-list.test.ts) fails when the contract has one this
 * list lacks.
 */
export const CHANNEL_NAMES = [
${quoted(channelNames)}
] as const satisfies readonly ChannelName[]

export const EVENT_NAMES = [
${quoted(eventNames)}
] as const satisfies readonly EventName[]
`

writeFileSync(resolve(import.meta.dirname, '../../electron/shared/channel-list.ts'), source)
