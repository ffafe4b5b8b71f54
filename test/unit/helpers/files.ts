import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Every byte of every file below `dir`: for "this secret is nowhere on disk" checks. */
export function allBytes(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name)))
  }
  return Buffer.concat(parts)
}

/** The same, as UTF-8 text. */
export const allText = (dir: string): string => allBytes(dir).toString('utf8')

/**
 * The forms a secret commonly takes when something writes it without encrypting it: as is, and
 * base64, base64url, URL-encoded, hex, UTF-16LE and JSON-escaped. Base64 is listed at all three
 * byte alignments, since a secret inside a longer encoded value shifts by 0, 1 or 2 bytes.
 */
export function secretEncodings(secret: string): { name: string; bytes: Buffer }[] {
  const plain = Buffer.from(secret, 'utf8')
  const forms: { name: string; text: string | Buffer }[] = [
    { name: 'plain', text: secret },
    { name: 'URL-encoded', text: encodeURIComponent(secret) },
    { name: 'form-encoded', text: new URLSearchParams({ x: secret }).toString().slice(2) },
    { name: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    { name: 'hex', text: plain.toString('hex') },
    { name: 'HEX', text: plain.toString('hex').toUpperCase() },
    { name: 'UTF-16LE', text: Buffer.from(secret, 'utf16le') },
  ]
  for (let shift = 0; shift < 3; shift++) {
    // The characters of an aligned run that depend on the secret's bytes alone.
    const padded = Buffer.concat([Buffer.alloc(shift), plain])
    const b64 = padded.toString('base64')
    const skip = shift === 0 ? 0 : Math.ceil((shift * 8) / 6)
    const usable = Math.floor((padded.length * 8) / 6)
    const core = b64.slice(skip, usable)
    if (core.length >= 8) {
      forms.push({ name: `base64 (offset ${shift})`, text: core })
      forms.push({
        name: `base64url (offset ${shift})`,
        text: core.replace(/\+/g, '-').replace(/\//g, '_'),
      })
    }
  }
  return forms.map((f) => ({
    name: f.name,
    bytes: typeof f.text === 'string' ? Buffer.from(f.text, 'utf8') : f.text,
  }))
}

/** The encodings of `secret` found in `haystack` (empty: none). */
export function findSecret(haystack: Buffer | string, secret: string): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack
  return secretEncodings(secret)
    .filter((f) => bytes.includes(f.bytes))
    .map((f) => f.name)
}

/** Every file below `dir` scanned for `secret` in each common encoding; the names of those found. */
export const findSecretInDir = (dir: string, secret: string): string[] =>
  findSecret(allBytes(dir), secret)
