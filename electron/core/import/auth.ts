/**
 * One mapping of the auth settings Bruno and Postman share onto the app's `SavedAuth`, so both
 * importers treat tokens the same way: a bearer token held in a variable, and OAuth 2, become the
 * profile's token; Trustpilot's `apikey` header becomes the profile's API key; a literal secret is
 * never kept.
 */
import type { SavedAuth, SkippedItem } from '../../shared/collection'
import type { KeyValueRow } from '../../shared/workbench'
import { scrubSecret } from './common'

export interface RawAuth {
  /** bearer, basic, apikey, oauth2, none/noauth, inherit, or anything else (unsupported). */
  mode: string
  token?: string
  username?: string
  password?: string
  key?: string
  value?: string
  placement?: 'header' | 'query'
}

export interface MappedAuth {
  auth: SavedAuth
  /** An API key sent in the query string becomes a query row. */
  query?: KeyValueRow
}

const asVariableName = (text: string): string => text.replace(/[^A-Za-z0-9_]/g, '') || 'apiKey'

export function mapAuth(raw: RawAuth, where: string, skipped: SkippedItem[]): MappedAuth {
  switch (raw.mode) {
    case 'bearer':
    case 'oauth2': {
      const token = raw.token ?? ''
      if (raw.mode === 'bearer' && token.trim() !== '')
        scrubSecret(token, 'token', `${where} bearer auth`, skipped)
      return { auth: { kind: 'profile-token' } }
    }
    case 'basic':
      return {
        auth: {
          kind: 'basic',
          username: raw.username ?? '',
          password: scrubSecret(raw.password ?? '', 'password', `${where} basic auth`, skipped),
        },
      }
    case 'apikey': {
      const key = (raw.key ?? '').trim() || 'apikey'
      const value = scrubSecret(raw.value ?? '', asVariableName(key), `${where} API key`, skipped)
      if (raw.placement === 'query') {
        return { auth: { kind: 'none' }, query: { name: key, value, enabled: true } }
      }
      if (key.toLowerCase() === 'apikey') return { auth: { kind: 'profile-apikey' } }
      return { auth: { kind: 'header', name: key, value } }
    }
    case 'none':
    case 'noauth':
      return { auth: { kind: 'none' } }
    case 'inherit':
    case '':
      return { auth: { kind: 'inherit' } }
    default:
      skipped.push({
        what: `${where}: ${raw.mode} auth`,
        why: `the app does not support ${raw.mode} auth; the request was imported without auth`,
      })
      return { auth: { kind: 'none' } }
  }
}
