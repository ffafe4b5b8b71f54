import type { ChannelName, EventName } from './contract'

/**
 * The names of every IPC channel and event, as plain strings. The preload needs only the names to
 * build `window.api`; importing the contract there would bundle zod and every schema into it.
 * Written by build/scripts/write-channel-list.ts: the type check refuses a name the contract lacks,
 * and a unit test (test/unit/shared/channel-list.test.ts) fails when the contract has one this
 * list lacks.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'profiles:list',
  'profiles:save',
  'profiles:delete',
  'profiles:set-active',
  'profiles:export',
  'profiles:import',
  'profiles:find-business-unit',
  'auth:get-token',
  'auth:complete-login',
  'auth:cancel-login',
  'auth:cancel',
  'auth:refresh',
  'auth:sign-out',
  'auth:forget-login',
  'auth:state',
  'auth:trace',
  'secrets:reveal',
  'secrets:copy',
  'clipboard:write-text',
  'vault:status',
  'vault:allow-persist',
  'sandbox:status',
  'sandbox:start',
  'sandbox:stop',
  'sandbox:demo',
  'http:send',
  'http:cancel',
  'http:body',
  'http:save-body',
  'http:copy-body',
  'history:list',
  'history:get',
  'history:response',
  'history:resend',
  'history:clear',
  'tabs:load',
  'tabs:save',
  'snippets:generate',
  'auth:confirm-login',
  'vault:retry',
  'vault:forget',
] as const satisfies readonly ChannelName[]

export const EVENT_NAMES = [
  'app:notice',
  'token:changed',
  'auth:waiting',
] as const satisfies readonly EventName[]
