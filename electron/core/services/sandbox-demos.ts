/**
 * The sandbox demo scenarios, arranged through the sandbox's documented control API
 * (`/__sandbox`, see electron/sandbox/README.md), the same way a tester with curl would.
 */
import type { SandboxDemo } from '../../shared/auth'
import { HandlerError } from '../../shared/result'
import type { FetchLike } from '../http/types'
import { sandboxControlHeaders } from '../../shared/sandbox-control'

interface Step {
  path: string
  body?: unknown
}

/** 100 hours and a minute: past the sandbox's access-token lifetime, within the refresh token's. */
const EXPIRE_ALL_ACCESS_TOKENS_S = 360_000 + 60

const DEMOS: Record<SandboxDemo, { step: Step; message: string }> = {
  'expire-tokens': {
    step: { path: '/clock', body: { advanceSeconds: EXPIRE_ALL_ACCESS_TOKENS_S } },
    message:
      'The sandbox’s clock moved 100 hours ahead, so every access token it issued has expired (refresh tokens still work). The next call gets a 401; the app renews the token and sends it again, once.',
  },
  'reject-next-call': {
    step: { path: '/faults', body: { target: 'api', count: 1, status: 401 } },
    message:
      'The next API call will be answered 401 Unauthorized. The app treats that as a rejected token: it renews the token and retries once, and the response says so.',
  },
  'rate-limit-token': {
    step: { path: '/faults', body: { target: 'token', count: 1, status: 429, retryAfter: '2' } },
    message:
      'The next token request will get 429 Too Many Requests with Retry-After: 2. The app waits as asked and tries once more; the flow trace shows both exchanges.',
  },
  'html-error': {
    step: { path: '/faults', body: { target: 'api', count: 1, kind: 'html', status: 502 } },
    message:
      'The next API call will get an HTML 502 page from a “proxy” where JSON was expected; the viewer shows it as source and explains the status.',
  },
  'slow-call': {
    step: { path: '/faults', body: { target: 'api', count: 1, kind: 'delay', delayMs: 5000 } },
    message:
      'The next API call will take 5 seconds: watch the progress, or cancel it (Esc). A timeout under Options shorter than that abandons it.',
  },
  reset: {
    step: { path: '/reset' },
    message:
      'The sandbox is back to its start: seeded reviews and invitations, clock, pending faults, log and issued tokens. The app’s current token is no longer known to it; the next call renews it.',
  },
}

export async function runSandboxDemo(
  fetch: FetchLike,
  controlBase: string,
  demo: SandboxDemo,
): Promise<{ message: string }> {
  const { step, message } = DEMOS[demo]
  let res: Response
  try {
    res = await fetch(`${controlBase}${step.path}`, {
      method: 'POST',
      headers: sandboxControlHeaders(),
      body: JSON.stringify(step.body ?? {}),
    })
  } catch (error) {
    throw new HandlerError(
      'sandbox-unreachable',
      `The sandbox did not answer: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (!res.ok) {
    const detail = (await res.text().catch(() => '')).slice(0, 300)
    throw new HandlerError(
      'sandbox-refused',
      `The sandbox refused the demo (${res.status}): ${detail || res.statusText}`,
    )
  }
  await res.body?.cancel().catch(() => undefined)
  return { message }
}
