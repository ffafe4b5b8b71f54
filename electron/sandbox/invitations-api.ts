/**
 * Private endpoints on the invitations listener (invitations-api.trustpilot.com):
 * email invitations, templates, invitation links and invitation-data deletion.
 * Writes are recorded in state (readable via GET /__sandbox/state).
 */
import {
  actingUserFromHeader,
  failIfDetails,
  isEmail,
  readJsonObject,
  requireBearer,
  requireBusinessUnit,
  stringField,
} from './api-helpers'
import type { SandboxContext } from './context'
import { empty, fail, isRecord, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { randomId } from './random'
import { route } from './router'
import type { Route } from './router'

const BU = '/v1/private/business-units/:businessUnitId'

function checkDate(value: unknown, name: string, details: string[]): void {
  if (value === undefined) return
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    details.push(`${name} must be an ISO 8601 date-time (UTC)`)
  }
}

export function invitationsApiRoutes(ctx: SandboxContext): Route[] {
  const templateExists = (id: string): boolean => ctx.state.templates.some((t) => t.id === id)

  function checkSection(section: unknown, name: string, details: string[]): void {
    if (section === undefined) return
    if (!isRecord(section)) return void details.push(`${name} must be an object`)
    const templateId = section['templateId']
    if (templateId !== undefined) {
      if (typeof templateId !== 'string') details.push(`${name}.templateId must be a string`)
      else if (!templateExists(templateId))
        details.push(`${name}.templateId ${templateId} is not a template of this business unit`)
    }
    checkDate(section['preferredSendTime'], `${name}.preferredSendTime`, details)
    const tags = section['tags']
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) {
      details.push(`${name}.tags must be an array of strings`)
    }
  }

  function emailInvitation(req: SandboxRequest): SandboxResponse {
    const token = requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const userId = actingUserFromHeader(ctx, req, token)
    const body = readJsonObject(req)
    const details: string[] = []
    const email = stringField(body, 'consumerEmail', details, true)
    if (email && !isEmail(email)) details.push('consumerEmail must be an email address')
    for (const name of [
      'consumerName',
      'referenceNumber',
      'locale',
      'senderName',
      'replyTo',
      'locationId',
    ]) {
      stringField(body, name, details)
    }
    const senderEmail = stringField(body, 'senderEmail', details)
    if (senderEmail && !isEmail(senderEmail)) details.push('senderEmail must be an email address')
    const type = body['type']
    if (type !== undefined && type !== 'email') details.push('type must be "email"')
    checkSection(body['serviceReviewInvitation'], 'serviceReviewInvitation', details)
    checkSection(body['productReviewInvitation'], 'productReviewInvitation', details)
    failIfDetails(details)
    ctx.state.invitations.push({
      id: randomId(),
      businessUserId: userId,
      receivedAt: ctx.clock.nowIso(),
      body,
    })
    return empty(202)
  }

  function templates(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    return json(200, { templates: ctx.state.templates.map((t) => ({ ...t })) })
  }

  function invitationLink(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const body = readJsonObject(req)
    const details: string[] = []
    const email = stringField(body, 'email', details, true)
    if (email && !isEmail(email)) details.push('email must be an email address')
    stringField(body, 'referenceId', details, true)
    for (const name of ['name', 'locale', 'locationId', 'redirectUri'])
      stringField(body, name, details)
    const tags = body['tags']
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) {
      details.push('tags must be an array of strings')
    }
    failIfDetails(details)
    const id = randomId()
    const url = `https://sandbox.trustpilot.invalid/evaluate-link/${id}`
    ctx.state.invitationLinks.push({ id, url, receivedAt: ctx.clock.nowIso(), body })
    return json(200, { id, url })
  }

  function deleteInvitationData(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const body = readJsonObject(req)
    const emails = body['customerEmails']
    const olderThan = body['deleteOlderThan']
    if ((emails === undefined) === (olderThan === undefined)) {
      fail(
        messageError(400, 'Validation failed', [
          'send either customerEmails or deleteOlderThan, not both',
        ]),
      )
    }
    const details: string[] = []
    if (
      emails !== undefined &&
      (!Array.isArray(emails) || emails.length === 0 || emails.some((e) => typeof e !== 'string'))
    ) {
      details.push('customerEmails must be a non-empty array of strings')
    }
    checkDate(olderThan, 'deleteOlderThan', details)
    failIfDetails(details)
    const emailSet = new Set((emails as string[] | undefined)?.map((e) => e.toLowerCase()))
    const cutoff = typeof olderThan === 'string' ? Date.parse(olderThan) : NaN
    const matches = (email: unknown, receivedAt: string): boolean =>
      emails !== undefined
        ? typeof email === 'string' && emailSet.has(email.toLowerCase())
        : Date.parse(receivedAt) < cutoff
    const invitationsBefore = ctx.state.invitations.length
    ctx.state.invitations = ctx.state.invitations.filter(
      (i) => !matches(i.body['consumerEmail'], i.receivedAt),
    )
    const linksBefore = ctx.state.invitationLinks.length
    ctx.state.invitationLinks = ctx.state.invitationLinks.filter(
      (l) => !matches(l.body['email'], l.receivedAt),
    )
    ctx.state.invitationDataDeletions.push({
      id: randomId(),
      receivedAt: ctx.clock.nowIso(),
      customerEmails: emails === undefined ? null : [...(emails as string[])],
      deleteOlderThan: typeof olderThan === 'string' ? olderThan : null,
      deletedInvitations: invitationsBefore - ctx.state.invitations.length,
      deletedInvitationLinks: linksBefore - ctx.state.invitationLinks.length,
    })
    return empty(202)
  }

  return [
    route('POST', `${BU}/email-invitations`, emailInvitation),
    route('GET', `${BU}/templates`, templates),
    route('POST', `${BU}/invitation-links`, invitationLink),
    route('POST', `${BU}/invitation-data/delete`, deleteInvitationData),
  ]
}
