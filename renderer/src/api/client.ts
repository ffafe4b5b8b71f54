import type { Api } from '../../../electron/shared/contract'
import type { IpcError, IpcResult } from '../../../electron/shared/result'

/** The renderer's one door to main. Stores call `client()`; tests hand in a fake with `setClient`. */
export type Client = Api

let current: Client | null = null

export function client(): Client {
  if (current) return current
  if (!window.api) {
    throw new Error('window.api is missing: the app must run inside Electron or the test harness.')
  }
  current = window.api
  return current
}

export function setClient(next: Client | null): void {
  current = next
}

/** Raised by `unwrap` so callers can show `code`, `message` and the raw details. */
export class ClientError extends Error {
  readonly code: string
  readonly details: unknown
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'ClientError'
    this.code = error.code
    this.details = error.details
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new ClientError(result.error)
}
