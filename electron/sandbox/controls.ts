/**
 * Controls for tests and demos under /__sandbox on the API listener, off the Trustpilot
 * surface: the sandbox clock, injected faults, the request log, reset, and a view of what
 * the writes recorded.
 */
import { SANDBOX_CONTROL_HEADER } from '../shared/sandbox-control'
import { readJsonObject } from './api-helpers'
import type { SandboxContext } from './context'
import { fail, headerValue, isJsonMediaType, json, mediaType, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { faultResponse, parseFaultSpec } from './faults'
import { route } from './router'
import type { Route } from './router'

export const CONTROL_PREFIX = '/__sandbox'

export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)
}

/** About 100 years: further than any token lifetime, well inside what a Date can hold. */
export const MAX_CLOCK_OFFSET_SECONDS = 100 * 365 * 86_400

/**
 * Refuses a control request a browser could send cross-site without a preflight: every control
 * call needs the custom header, and every write a JSON Content-Type.
 */
export function refuseForeignControl(req: SandboxRequest): SandboxResponse | null {
  if (headerValue(req.headers, SANDBOX_CONTROL_HEADER) === undefined) {
    return messageError(
      403,
      'Forbidden',
      `Sandbox controls need the ${SANDBOX_CONTROL_HEADER} header (any value)`,
    )
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isJsonMediaType(mediaType(req.headers))) {
    return messageError(
      415,
      'Unsupported media type',
      'Sandbox control writes need Content-Type: application/json',
    )
  }
  return null
}

export function controlRoutes(ctx: SandboxContext): Route[] {
  const clockView = (): Record<string, unknown> => ({
    now: ctx.clock.now(),
    iso: ctx.clock.nowIso(),
    offsetMs: ctx.clock.offset,
  })

  function index(): SandboxResponse {
    return json(200, {
      controls: {
        'GET|POST /__sandbox/clock': 'read the sandbox clock, or advance it: {"advanceSeconds": n}',
        'GET|POST|DELETE /__sandbox/faults': 'queue failures for the next requests (see README)',
        'GET|DELETE /__sandbox/log': 'read or clear the request log (secrets masked)',
        'POST /__sandbox/reset': 'restore seeded state, clock, faults, log, tokens and rate limits',
        'GET /__sandbox/state': 'recorded invitations, links, deletions and token counts',
      },
    })
  }

  function advanceClock(req: SandboxRequest): SandboxResponse {
    const body = readJsonObject(req)
    const seconds = body['advanceSeconds']
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
      fail(messageError(400, 'Validation failed', ['advanceSeconds must be a finite number']))
    }
    // Unbounded, the offset overflows Date and every later request would answer 500.
    const offsetAfter = ctx.clock.offset / 1000 + seconds
    if (Math.abs(offsetAfter) > MAX_CLOCK_OFFSET_SECONDS) {
      fail(
        messageError(400, 'Validation failed', [
          `the clock may move at most ${MAX_CLOCK_OFFSET_SECONDS} seconds (about 100 years) from real time`,
        ]),
      )
    }
    ctx.clock.advance(seconds)
    return json(200, clockView())
  }

  function addFault(req: SandboxRequest): SandboxResponse {
    const parsed = parseFaultSpec(readJsonObject(req))
    if (!parsed.ok) fail(messageError(400, 'Validation failed', parsed.details))
    // Build the response once now so a bad spec is reported here, not on the victim request.
    faultResponse(parsed.spec)
    ctx.faults.add(parsed.spec)
    return json(200, { queued: parsed.spec, pending: ctx.faults.pending() })
  }

  function state(): SandboxResponse {
    const s = ctx.state
    return json(200, {
      invitations: s.invitations,
      invitationLinks: s.invitationLinks,
      productInvitationLinks: s.productInvitationLinks,
      invitationDataDeletions: s.invitationDataDeletions,
      counts: {
        reviews: s.reviews.length,
        productReviews: s.productReviews.length,
        products: s.products.length,
        conversations: s.conversations.length,
        templates: s.templates.length,
      },
      tokens: ctx.tokens.stats(),
    })
  }

  return [
    route('GET', CONTROL_PREFIX, index),
    route('GET', `${CONTROL_PREFIX}/clock`, () => json(200, clockView())),
    route('POST', `${CONTROL_PREFIX}/clock`, advanceClock),
    route('GET', `${CONTROL_PREFIX}/faults`, () => json(200, { pending: ctx.faults.pending() })),
    route('POST', `${CONTROL_PREFIX}/faults`, addFault),
    route('DELETE', `${CONTROL_PREFIX}/faults`, () => {
      ctx.faults.clear()
      return json(200, { pending: [] })
    }),
    route('GET', `${CONTROL_PREFIX}/log`, () => json(200, { entries: ctx.log.entries() })),
    route('DELETE', `${CONTROL_PREFIX}/log`, () => {
      ctx.log.clear()
      return json(200, { entries: [] })
    }),
    route('POST', `${CONTROL_PREFIX}/reset`, () => {
      ctx.reset()
      return json(200, { reset: true, ...clockView() })
    }),
    route('GET', `${CONTROL_PREFIX}/state`, state),
  ]
}
