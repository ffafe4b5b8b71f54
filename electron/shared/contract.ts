import { z } from 'zod'
import type { IpcResult } from './result'
import type { EventMethodName, MethodName } from './names'
import type { AppInfo } from './types'

/**
 * The IPC contract: every channel the renderer may call, with the schema its argument must pass
 * and the type it resolves to. Main registers handlers from this list, the preload builds one
 * function per channel from it, and `window.api`'s type is derived from it.
 */
interface ChannelDef<A extends z.ZodType, R> {
  args: A
  /** Phantom: carries the result type only. */
  result?: R
}

const channel = <R>() => ({
  /** A channel that takes no argument. */
  none: () => ({ args: z.undefined() }) as ChannelDef<z.ZodUndefined, R>,
  with: <A extends z.ZodType>(args: A) => ({ args }) as ChannelDef<A, R>,
})

export const channels = {
  'app:info': channel<AppInfo>().none(),
} as const

/** Events main pushes to the renderer, with their payload types. */
export const events = {
  'app:notice': {} as { level: 'info' | 'warning' | 'error'; message: string },
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type EventName = keyof typeof events

export type ChannelArgs<C extends ChannelName> = z.input<Channels[C]['args']>
export type ParsedArgs<C extends ChannelName> = z.output<Channels[C]['args']>
export type ChannelResult<C extends ChannelName> = NonNullable<Channels[C]['result']>
export type EventPayload<E extends EventName> = (typeof events)[E]

export const channelNames = Object.keys(channels) as ChannelName[]
export const eventNames = Object.keys(events) as EventName[]

type ApiMethod<C extends ChannelName> =
  ChannelArgs<C> extends undefined
    ? () => Promise<IpcResult<ChannelResult<C>>>
    : (arg: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>

/** The shape of `window.api`: nothing but these functions. */
export type Api = {
  [C in ChannelName as MethodName<C>]: ApiMethod<C>
} & {
  [E in EventName as EventMethodName<E>]: (
    callback: (payload: EventPayload<E>) => void,
  ) => () => void
}
