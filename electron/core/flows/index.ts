export type { ClientAuthMethod, ClientConfig, FlowContext } from './context'
export {
  assertRedirectUsable,
  authorizationCodeGrant,
  clientCredentialsGrant,
  implicitTokenFromRedirect,
  passwordGrant,
  refreshTokenGrant,
} from './grants'
export { revokeToken } from './revoke'
export type { RevokeResult } from './revoke'
export { parseRetryAfter } from './token-request'
