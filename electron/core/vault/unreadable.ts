import type { UnreadableItem } from '../../shared/auth'
import { UNREADABLE_TABS_PREFIX } from '../workbench/tab-store'

const FIELD_NAMES = { apiSecret: 'API secret', password: 'password' } as const

const TRY_AGAIN = 'The OS keyring may be locked, or it was reset: unlock it and choose Try again'

/**
 * Names a vault id the way the user knows it: "Sandbox — API secret", never an internal id.
 * `profileName` finds a profile's name by id (undefined once the profile is gone).
 */
export function describeUnreadable(
  key: string,
  profileName: (id: string) => string | undefined,
): UnreadableItem {
  if (key.startsWith(UNREADABLE_TABS_PREFIX)) {
    return {
      key,
      kind: 'tabs',
      label: 'The requests open last time',
      advice: `${TRY_AGAIN}, or Forget them.`,
      afterForget: 'forgetting them starts the workbench without them',
    }
  }
  const match = /^profile:(.+):(apiSecret|password|token)$/.exec(key)
  if (!match) {
    return {
      key,
      kind: 'secret',
      label: 'A stored secret',
      advice: `${TRY_AGAIN}, or Forget it.`,
      afterForget: 'forgetting it deletes it',
    }
  }
  const [, profileId, what] = match as unknown as [
    string,
    string,
    'apiSecret' | 'password' | 'token',
  ]
  const profile = profileName(profileId) ?? 'A deleted profile'
  if (what === 'token') {
    return {
      key,
      kind: 'token',
      profileId,
      label: `${profile} — saved token`,
      advice: `${TRY_AGAIN}, or Forget it and get a new token.`,
      afterForget: 'after forgetting it, get a new token',
    }
  }
  return {
    key,
    kind: 'secret',
    profileId,
    field: what,
    label: `${profile} — ${FIELD_NAMES[what]}`,
    advice: `${TRY_AGAIN}, or Forget it and enter the ${FIELD_NAMES[what]} again in the profile.`,
    afterForget: `after forgetting it, enter the ${FIELD_NAMES[what]} again in the profile`,
  }
}
