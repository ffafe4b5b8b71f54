import { OAuthError } from '../oauth-error'
import type { FlowContext } from './context'
import { oauthErrorFromResponse, postForm } from './token-request'

export interface RevokeResult {
  status: number
}

/** Revokes one token (`token=<token>`, with the profile's client authentication). */
export async function revokeToken(
  ctx: FlowContext,
  input: { token: string; kind: 'access' | 'refresh' },
): Promise<RevokeResult> {
  if (!ctx.env.revokeUrl) {
    throw new OAuthError(
      'config',
      'This environment has no revoke URL; the token was only forgotten.',
    )
  }
  const post = {
    url: ctx.env.revokeUrl,
    params: { token: input.token },
    purpose: 'revoke' as const,
    title: `Revoke the ${input.kind} token`,
    explanation: `Tells the server to invalidate the ${input.kind} token so it cannot be used again, even if it leaked.`,
  }
  const res = await postForm(ctx, post)
  if (res.status < 200 || res.status >= 300) throw oauthErrorFromResponse(res, post)
  return { status: res.status }
}
