/**
 * Private endpoints added for the full catalogue: one conversation comment (get, update), a
 * conversation's public/private state, and product review summaries per SKU. Bearer token.
 */
import {
  actingUserFromHeader,
  failIfDetails,
  pageLinks,
  paginate,
  parsePaging,
  readJsonObject,
  requireBearer,
  requireBusinessUnit,
  stringField,
} from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import type { ConversationComment } from './model'
import { starSummary } from './public-helpers'
import { route } from './router'
import type { Route } from './router'
import { conversationView } from './views'

const P = '/v1/private'

/** The stored comment plus `commentId`, the name Trustpilot's comment responses use for its id. */
function commentView(comment: ConversationComment): Record<string, unknown> {
  return { commentId: comment.id, ...comment, author: { ...comment.author } }
}

export function privateConversationRoutes(ctx: SandboxContext): Route[] {
  const findConversation = (id: string) =>
    ctx.state.conversations.find((c) => c.id === id) ??
    fail(messageError(404, 'Conversation not found', `No conversation with id ${id}`))
  const findComment = (req: SandboxRequest) => {
    const conversation = findConversation(req.params['conversationId']!)
    const id = req.params['commentId']!
    return (
      conversation.comments.find((c) => c.id === id) ??
      fail(messageError(404, 'Comment not found', `No comment with id ${id} in this conversation`))
    )
  }

  function getComment(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    return json(200, commentView(findComment(req)))
  }

  function updateComment(req: SandboxRequest): SandboxResponse {
    const token = requireBearer(ctx, req)
    const comment = findComment(req)
    const userId = actingUserFromHeader(ctx, req, token)
    const body = readJsonObject(req)
    const details: string[] = []
    const content = stringField(body, 'content', details, true)
    const integrationId = stringField(body, 'integrationId', details)
    failIfDetails(details)
    if (comment.author.type !== 'BusinessUser') {
      fail(messageError(403, 'Forbidden', 'Only comments written by the business can be edited'))
    }
    comment.content = content!
    if (integrationId !== undefined) comment.integrationId = integrationId
    comment.updatedAt = ctx.clock.nowIso()
    comment.updatedBy = userId
    return json(200, commentView(comment))
  }

  function setState(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const conversation = findConversation(req.params['conversationId']!)
    const state = readJsonObject(req)['state']
    if (state !== 'public' && state !== 'private') {
      fail(messageError(400, 'Validation failed', ['state must be "public" or "private"']))
    }
    conversation.visibility = state
    return json(200, conversationView(ctx, conversation))
  }

  function summaries(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query)
    const skus = [...new Set(ctx.state.productReviews.map((r) => r.sku))].sort()
    const rows = skus.map((sku) => ({
      sku,
      ...starSummary(
        ctx.state.productReviews
          .filter((r) => r.sku === sku && r.state === 'published')
          .map((r) => r.stars),
      ),
    }))
    return json(200, {
      summaries: paginate(rows, paging),
      links: pageLinks(req, paging, rows.length),
    })
  }

  return [
    route('GET', `${P}/conversations/:conversationId/comments/:commentId`, getComment),
    route('PUT', `${P}/conversations/:conversationId/comments/:commentId`, updateComment),
    route('POST', `${P}/conversations/:conversationId/state`, setState),
    route('GET', `${P}/product-reviews/business-units/:businessUnitId/summaries`, summaries),
  ]
}
