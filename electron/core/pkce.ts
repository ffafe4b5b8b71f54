import { createHash, randomBytes } from 'node:crypto'

export interface PkcePair {
  verifier: string
  challenge: string
  method: 'S256'
}

/** A fresh random `state` for one authorization request (128 bits, URL-safe). */
export function newState(): string {
  return randomBytes(16).toString('base64url')
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

/** RFC 7636 S256 pair: a 43-character verifier and its SHA-256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}
