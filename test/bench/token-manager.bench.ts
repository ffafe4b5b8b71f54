/**
 * Cost of an authorised call through the TokenManager (token lookup, Authorization header,
 * timeout, body read, 401 check) against a raw fetch with a fixed header, to the real sandbox.
 * Calls are interleaved one by one after a warm-up (see `interleave`).
 */
import { sandboxEnvironment } from '../../electron/core/environments'
import { TokenManager } from '../../electron/core/token-manager'
import { MemoryTokenStore } from '../../electron/core/token-store'
import { startSandbox } from '../../electron/sandbox/index'
import { interleave, median } from './types'
import type { Benchmark } from './types'

const CALLS = 1000
const WARMUP = 200
const TARGET = 1.1

const bench: Benchmark = {
  name: 'authorised call: TokenManager vs raw fetch',
  async run() {
    const sb = await startSandbox({ quiet: true })
    try {
      const env = sandboxEnvironment(sb.info)
      const manager = new TokenManager({
        profileId: 'bench',
        env,
        client: { apiKey: sb.apiKey, apiSecret: sb.apiSecret, clientAuth: 'basic' },
        grant: 'client_credentials',
        fetch,
        store: new MemoryTokenStore(),
      })
      const token = await manager.getAccessToken()
      const url = `${env.apiBase}/private/business-units/${sb.businessUnitId}/reviews?perPage=1`
      const fixed = { Accept: 'application/json', Authorization: `Bearer ${token}` }

      const raw = async () => {
        const res = await fetch(url, { headers: fixed })
        await res.text()
        if (res.status !== 200) throw new Error(`raw fetch got ${res.status}`)
      }
      const managed = async () => {
        const { response } = await manager.fetchAuthorized({
          method: 'GET',
          url,
          headers: { Accept: 'application/json' },
        })
        if (response.status !== 200) throw new Error(`manager got ${response.status}`)
      }
      const samples = await interleave(raw, managed, { calls: CALLS, warmup: WARMUP })
      const rawSamples = samples.baseline
      const managedSamples = samples.subject
      const ratio = median(managedSamples) / median(rawSamples)
      return {
        rows: [
          { label: 'raw fetch, fixed Authorization header', samples: rawSamples },
          { label: 'TokenManager.fetchAuthorized', samples: managedSamples },
        ],
        verdict: {
          text: `median ratio ${ratio.toFixed(3)} (target ≤ ${TARGET.toFixed(2)}), ${CALLS} calls each after ${WARMUP} warm-up pairs`,
          pass: ratio <= TARGET,
        },
      }
    } finally {
      await sb.close()
    }
  },
}

export default bench
