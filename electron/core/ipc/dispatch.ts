import { originOf } from '../../shared/url'
import {
  channels,
  type ChannelName,
  type ChannelResult,
  type ParsedArgs,
} from '../../shared/contract'
import { fail, HandlerError, ok, type IpcResult } from '../../shared/result'

/** What the transport knows about who is calling: Electron's senderFrame, or a Playwright frame. */
export interface SenderInfo {
  /** False when the sending frame is gone (navigated away or destroyed). */
  present: boolean
  /** True only for a top-level frame (no parent). */
  isMainFrame: boolean
  /** The frame's URL, whose origin must be the app's own. */
  url: string
}

export type Handler<C extends ChannelName> = (
  arg: ParsedArgs<C>,
) => Promise<ChannelResult<C>> | ChannelResult<C>

export type HandlerTable = { [C in ChannelName]: Handler<C> }

export type Dispatch = (
  channel: string,
  sender: SenderInfo,
  arg: unknown,
) => Promise<IpcResult<unknown>>

export interface DispatchOptions {
  /** Origins the app's own renderer is served from, e.g. `app://explorer` or `http://127.0.0.1:5173`. */
  allowedOrigins: readonly string[]
  /** Called with unexpected (non-HandlerError) failures, for the main-process log. */
  onUnexpectedError?: (channel: string, error: unknown) => void
}

/** Checks the sender, parses the argument with the channel's schema, runs the handler, never throws. */
export function createDispatcher(table: HandlerTable, options: DispatchOptions): Dispatch {
  const allowed = new Set(options.allowedOrigins.map((o) => originOf(o) ?? o))
  return async (channel, sender, arg) => {
    if (!Object.hasOwn(channels, channel)) {
      return fail('unknown-channel', `No such channel: ${channel}`)
    }
    if (!sender.present) {
      return fail('forbidden-sender', 'The calling frame no longer exists.')
    }
    if (!sender.isMainFrame) {
      return fail(
        'forbidden-sender',
        'Calls are accepted only from the main frame of the app window.',
      )
    }
    const origin = originOf(sender.url)
    if (origin === null || !allowed.has(origin)) {
      return fail(
        'forbidden-sender',
        `Calls are not accepted from ${origin ?? 'an unknown origin'}.`,
      )
    }
    const name = channel as ChannelName
    const parsed = channels[name].args.safeParse(arg)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }))
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
      return fail('invalid-arguments', `Invalid arguments for ${channel}: ${summary}`, { issues })
    }
    try {
      const handler = table[name] as (a: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof HandlerError) return fail(error.code, error.message, error.details)
      options.onUnexpectedError?.(channel, error)
      const message = error instanceof Error ? error.message : String(error)
      return fail('failed', message || `${channel} failed`)
    }
  }
}
