import { randomBytes, randomInt } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Unbiased random base62 string from node:crypto. */
export function randomBase62(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)]
  return out
}

/** Runtime ids (new invitations, comments): 24 hex characters like Trustpilot's. */
export function randomId(): string {
  return randomBytes(12).toString('hex')
}
