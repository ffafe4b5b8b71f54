/** What every IPC call returns: handlers never throw across the process boundary. */
export type IpcErrorCode =
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'invalid-arguments'
  | 'not-found'
  | 'failed'
  | 'cancelled'
  | (string & {})

export interface IpcError {
  code: IpcErrorCode
  message: string
  /** Raw material for "show details": status, body, cause. Never contains a secret. */
  details?: unknown
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })
export const fail = (code: IpcErrorCode, message: string, details?: unknown): IpcResult<never> =>
  details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } }

/** Thrown inside a handler to choose the error code the renderer sees. */
export class HandlerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'HandlerError'
  }
}
