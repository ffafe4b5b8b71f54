import type { Page } from '@playwright/test'
import { expect } from './fixtures'
import type { HarnessHost } from './harness/host'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import { findSecret } from '../unit/helpers/files'
import { sandboxControlHeaders } from '../../electron/shared/sandbox-control'

/**
 * Remembers every secret the app has held in this test (API secret, password, every token ever
 * issued) and checks the page (its HTML and every field's value) for any of them, in any common
 * encoding, after each step.
 */
export class SecretWatch {
  private readonly seen = new Set<string>([SANDBOX_DEFAULTS.apiSecret, SANDBOX_DEFAULTS.password])

  constructor(
    private readonly app: Page,
    private readonly host: HarnessHost,
  ) {}

  add(...values: (string | undefined)[]): void {
    for (const v of values) if (v) this.seen.add(v)
  }

  /** Reads the profiles' stored tokens from the vault (the real one, in this process). */
  async collect(): Promise<void> {
    const store = new VaultTokenStore(this.host.services.vault)
    for (const p of await this.host.services.profiles.list()) {
      const token = await store.load(p.id)
      this.add(token?.accessToken, token?.refreshToken)
    }
  }

  /**
   * The page's HTML plus what the user could see or copy that the HTML leaves out: the live
   * values of inputs, textareas and selects (a typed value is a property, not an attribute).
   * Password inputs are left out: what the user types there is shown as dots and cannot be copied.
   */
  async visibleText(): Promise<string> {
    const html = await this.app.content()
    const values = await this.app.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
          'input:not([type="password"]), textarea, select',
        ),
        (el) => el.value,
      ),
    )
    return [html, ...values].join('\n')
  }

  async assertClean(step: string): Promise<void> {
    await this.collect()
    const text = await this.visibleText()
    for (const secret of this.seen) {
      expect(
        findSecret(text, secret),
        `${step}: the page shows a secret (${secret.slice(0, 4)}…)`,
      ).toEqual([])
    }
  }

  get size(): number {
    return this.seen.size
  }
}

export function sandboxProfileId(host: HarnessHost): string {
  const id = host.services.profiles.activeId()
  if (!id) throw new Error('no active profile')
  return id
}

export async function sandboxControl(
  host: HarnessHost,
  path: string,
  body: unknown,
): Promise<unknown> {
  const sandbox = host.services.sandbox.current()
  if (!sandbox) throw new Error('sandbox not running')
  const res = await fetch(`${sandbox.controlBase}${path}`, {
    method: 'POST',
    headers: sandboxControlHeaders(),
    body: JSON.stringify(body),
  })
  expect(res.ok, `sandbox control ${path}`).toBe(true)
  return res.json()
}
