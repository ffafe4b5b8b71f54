/**
 * Cost of a workbench send (variables, checks, token manager, timing, masking, body store and
 * the history record) against a raw fetch with a fixed header, to the real sandbox, through the
 * app's real services. Interleaved call by call after a warm-up (see `interleave`).
 *
 * Two more pairings give the verdict its scale: raw fetch against itself (the noise of the
 * method), and a fetch with only what cancellation and a timeout need (an AbortController, its
 * signal, a timer): the least any cancellable call with a timeout costs on this machine.
 */
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import { draftRequestSchema } from '../../electron/shared/workbench'
import { createTestApp } from '../unit/helpers/app-services'
import { interleave, median } from './types'
import type { Benchmark } from './types'

const CALLS = 1000
const WARMUP = 200
const TARGET = 1.1

const bench: Benchmark = {
  name: 'workbench send: RequestRunner vs raw fetch',
  async run() {
    const app = await createTestApp()
    try {
      const { workbench } = app.services
      const draft = draftRequestSchema.parse({
        profileId: app.sandboxProfileId,
        method: 'GET',
        url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
        query: [{ name: 'perPage', value: '1', enabled: true }],
        headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
        auth: 'token',
      })
      const first = await workbench.send(draft)
      if (first.status !== 200) throw new Error(`runner got ${first.status}`)
      const token = (await new VaultTokenStore(app.services.vault).load(app.sandboxProfileId))!
      const sb = app.services.sandbox.current()!
      const url = `${sb.apiBase}/private/business-units/${sb.businessUnitId}/reviews?perPage=1`
      const fixed = { Accept: 'application/json', Authorization: `Bearer ${token.accessToken}` }

      const raw = async () => {
        const res = await fetch(url, { headers: fixed })
        await res.text()
        if (res.status !== 200) throw new Error(`raw fetch got ${res.status}`)
      }
      const runner = async () => {
        const res = await workbench.send(draft)
        if (res.status !== 200 || res.retried) throw new Error(`runner got ${res.status}`)
      }
      const cancellable = async () => {
        const controller = new AbortController()
        const timer = setTimeout(() => controller.abort(), 30_000)
        try {
          const res = await fetch(url, { headers: fixed, signal: controller.signal })
          await res.text()
          if (res.status !== 200) throw new Error(`fetch with a signal got ${res.status}`)
        } finally {
          clearTimeout(timer)
        }
      }
      const options = { calls: CALLS, warmup: WARMUP }
      const ratioOf = (s: { baseline: number[]; subject: number[] }) =>
        median(s.subject) / median(s.baseline)
      const noise = ratioOf(await interleave(raw, raw, options))
      const floorSamples = await interleave(raw, cancellable, options)
      const samples = await interleave(raw, runner, options)
      const rawSamples = samples.baseline
      const runnerSamples = samples.subject
      const ratio = ratioOf(samples)
      const overheadUs = (median(runnerSamples) - median(rawSamples)) * 1000
      const history = await workbench.historyList({ offset: 0, limit: 1 })
      return {
        rows: [
          { label: 'raw fetch, fixed Authorization header', samples: rawSamples },
          {
            label: 'fetch + AbortController signal + timeout timer',
            samples: floorSamples.subject,
          },
          { label: 'RequestRunner.send (with history)', samples: runnerSamples },
        ],
        verdict: {
          text:
            `median ratio ${ratio.toFixed(3)} (target ≤ ${TARGET.toFixed(2)}; ${overheadUs.toFixed(0)} µs a call over raw fetch), ${CALLS} calls each after ${WARMUP} warm-up pairs; history holds ${history.total}. ` +
            `For scale: raw fetch against itself ${noise.toFixed(3)}; fetch with only a cancel signal and a timeout ${ratioOf(floorSamples).toFixed(3)}`,
          pass: ratio <= TARGET,
        },
      }
    } finally {
      await app.services.dispose()
    }
  },
}

export default bench
