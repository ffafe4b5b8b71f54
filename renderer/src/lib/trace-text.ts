import type { FlowTrace, TraceStep } from '../../../electron/shared/auth'
import { formatMs } from './countdown'
import { formatFullTime } from './time'

const headerLines = (headers: Record<string, string>): string[] =>
  Object.entries(headers).map(([k, v]) => `    ${k}: ${v}`)

function stepText(step: TraceStep, index: number): string {
  const lines = [
    `${index + 1}. ${step.title} (${formatMs(step.durationMs)})`,
    `   ${step.explanation}`,
    `   > ${step.request.method} ${step.request.url}`,
    ...headerLines(step.request.headers),
  ]
  if (step.request.body) lines.push(`    ${step.request.body.replace(/\n/g, '\n    ')}`)
  if (step.response) {
    lines.push(`   < ${step.response.status}`, ...headerLines(step.response.headers))
    if (step.response.body) lines.push(`    ${step.response.body.replace(/\n/g, '\n    ')}`)
  }
  if (step.error) lines.push(`   ! ${step.error}`)
  return lines.join('\n')
}

/** The trace as plain text for a ticket or a chat; it is masked already, like the trace itself. */
export function traceToText(trace: FlowTrace): string {
  const head = [
    `Flow: ${trace.flow}`,
    `Started: ${formatFullTime(trace.startedAt)}`,
    `Outcome: ${trace.outcome ?? 'running'}${trace.error ? ` — ${trace.error}` : ''}`,
  ]
  return [head.join('\n'), ...trace.steps.map(stepText)].join('\n\n') + '\n'
}

export function statusClass(status: number | undefined): string {
  if (status === undefined) return 'st-none'
  if (status < 300) return 'st-ok'
  if (status < 400) return 'st-redirect'
  if (status === 429) return 'st-warn'
  return 'st-error'
}
