import { randomUUID } from 'node:crypto'

/** The trace types are part of the IPC contract: the renderer shows them as they are. */
export type { FlowTrace, TraceStep } from '../shared/auth'
import type { FlowTrace } from '../shared/auth'

export function newTrace(flow: string, now: number = Date.now()): FlowTrace {
  return { id: randomUUID(), flow, startedAt: now, steps: [] }
}

export function finishTrace(
  trace: FlowTrace,
  error?: unknown,
  now: number = Date.now(),
): FlowTrace {
  trace.finishedAt = now
  if (error === undefined) trace.outcome = 'success'
  else {
    trace.outcome = 'error'
    trace.error = error instanceof Error ? error.message : String(error)
  }
  return trace
}
