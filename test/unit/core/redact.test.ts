import { describe, expect, it } from 'vitest'
import {
  byName,
  createRedactor,
  isSecretName,
  maskBasicHeader,
  maskSecret,
  maskToken,
  safeDecode,
  SECRET_FIELD_NAMES,
} from '../../../electron/core/redact'
import type { FlowTrace } from '../../../electron/shared/auth'

const TOKEN = 'tpa-AbCdEfGhIjKlMnOpQrStUvWx3f9a'
const REFRESH = 'tpr-ZyXwVuTsRqPoNmLkJiHg1234'
const SECRET = 'other-profile-secret-77aa'

describe('mask helpers', () => {
  it('masks tokens keeping the prefix and the last four characters', () => {
    expect(maskToken(TOKEN)).toBe('tpa-••••3f9a')
    expect(maskToken('eyJhbGciOiJIUzI1NiJ9.payload.sig1234')).toBe('••••1234')
    expect(maskToken('short')).toBe('••••')
    expect(maskSecret('my-very-long-secret-3f9a')).toBe('••••3f9a')
    expect(maskSecret('tiny')).toBe('••••')
  })

  it('shows which key a Basic header encodes, not the secret', () => {
    const header = `Basic ${Buffer.from('my-api-key:super-secret-value-9876').toString('base64')}`
    const masked = maskBasicHeader(header)
    expect(masked).toBe('Basic base64(my-api-key:••••9876)')
    // Masking twice (by name, then by value in a trace) keeps what the first pass showed.
    expect(maskBasicHeader(masked)).toBe(masked)
    expect(byName.with(['super-secret-value-9876']).headers({ Authorization: masked })).toEqual({
      Authorization: masked,
    })
    // A header typed to look masked but carrying more than four characters is masked again.
    expect(maskBasicHeader('Basic base64(key:••••plain-secret)')).not.toContain('plain-secret')
    expect(byName.headers({ Authorization: `Bearer ${TOKEN}`, Accept: 'x' })).toEqual({
      Authorization: 'Bearer tpa-••••3f9a',
      Accept: 'x',
    })
  })
})

describe('secret names: one list', () => {
  it('covers code, tokens, secrets and API keys in every spelling', () => {
    expect(SECRET_FIELD_NAMES).toContain('code')
    for (const name of [
      'code',
      'refresh_token',
      'refreshToken',
      'X-Api-Key',
      'apikey',
      'client-secret',
    ]) {
      expect(isSecretName(name), name).toBe(true)
    }
    for (const name of ['state', 'token_type', 'grant_type', 'x-business-user-id']) {
      expect(isSecretName(name), name).toBe(false)
    }
  })

  it('masks the same names in JSON, form bodies, URLs and draft rows', () => {
    expect(byName.body('{"code":"abcdefghijklmnopqrst","state":"s"}', 'application/json')).toBe(
      '{"code":"••••qrst","state":"s"}',
    )
    expect(
      byName.body('code=abcdefghijklmnopqrst&state=s', 'application/x-www-form-urlencoded'),
    ).toBe('code=••••qrst&state=s')
    expect(
      byName.url(`https://x.example/cb?code=abcdefghijklmnopqrst&state=s#access_token=${TOKEN}`),
    ).toBe('https://x.example/cb?code=••••qrst&state=s#access_token=tpa-••••3f9a')
    expect(byName.rows([{ name: 'apikey', value: 'abcdefghijklmnop' }], 'query')[0]!.value).toBe(
      '••••mnop',
    )
  })

  it('redacts a parsed value as a copy', () => {
    const raw = {
      access_token: TOKEN,
      refresh_token: REFRESH,
      expires_in: '360000',
      nested: [{ client_secret: 'abcdefghijklmnop', password: 'pw' }],
    }
    expect(byName.value(raw)).toEqual({
      access_token: 'tpa-••••3f9a',
      refresh_token: 'tpr-••••1234',
      expires_in: '360000',
      nested: [{ client_secret: '••••mnop', password: '••••' }],
    })
    expect(raw.access_token).toBe(TOKEN)
  })
})

describe('secret values: masked wherever they appear', () => {
  const r = createRedactor([REFRESH, SECRET, 'secret-variable-value-42'])

  it('in a header with an ordinary name, a query value, a text body and an ordinary JSON field', () => {
    expect(r.headers({ 'x-note': REFRESH }).toString()).not.toContain(REFRESH)
    expect(r.headers({ 'x-note': REFRESH })['x-note']).toBe('tpr-••••1234')
    expect(r.url(`https://h.example/a?note=${encodeURIComponent(REFRESH)}`)).not.toContain(REFRESH)
    expect(r.body(`my token is ${REFRESH}.`, 'text/plain')).toBe('my token is tpr-••••1234.')
    expect(r.body(`<p>${SECRET}</p>`, 'text/html')).not.toContain(SECRET)
    expect(r.body(JSON.stringify({ note: SECRET }), 'application/json')).not.toContain(SECRET)
    expect(r.text('var=secret-variable-value-42')).not.toContain('secret-variable-value-42')
  })

  it('in its URL-encoded and JSON-escaped forms', () => {
    const odd = 'p@ss "word"/+x'
    const q = createRedactor([odd])
    expect(q.text(`a=${encodeURIComponent(odd)}`)).not.toContain(encodeURIComponent(odd))
    expect(q.text(JSON.stringify({ v: odd }))).not.toContain(JSON.stringify(odd).slice(1, -1))
    expect(q.text(new URLSearchParams({ v: odd }).toString())).not.toContain('p%40ss')
  })

  it('extends with more values without losing the first ones', () => {
    const more = r.with([TOKEN])
    expect(more.text(`${TOKEN} ${REFRESH}`)).toBe('tpa-••••3f9a tpr-••••1234')
    expect(r.with([])).toBe(r)
    expect(r.with([TOKEN])).toBe(more)
  })

  it('masks a whole flow trace in one call', () => {
    const trace: FlowTrace = {
      id: 't',
      flow: 'refresh_token',
      startedAt: 0,
      steps: [
        {
          title: 'Refresh',
          explanation: 'x',
          request: {
            method: 'POST',
            url: 'https://h.example/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `grant_type=refresh_token&refresh_token=${REFRESH}`,
          },
          response: { status: 400, headers: {}, body: `bad ${SECRET}` },
          error: `failed with ${REFRESH}`,
          startedAt: 0,
          durationMs: 1,
        },
      ],
      error: `gave up on ${SECRET}`,
    }
    expect(JSON.stringify(r.trace(trace))).not.toMatch(/ZyXwVuTs|other-profile-secret/)
  })
})

describe('masking never throws (issue 13, item 2)', () => {
  it.each(['%ZZ', '100%', '50%', '%E0%A4%A', '%'])('keeps %s readable', (raw) => {
    expect(() => byName.url(`https://h.example/cb?code=x&note=${raw}&token=${raw}`)).not.toThrow()
    expect(() =>
      byName.body(`password=${raw}&a=${raw}`, 'application/x-www-form-urlencoded'),
    ).not.toThrow()
    expect(safeDecode(`a${raw}`)).toContain('a')
  })

  it('decodes the good escapes around a bad one', () => {
    expect(safeDecode('caf%C3%A9 100%')).toBe('café 100%')
  })

  it('masks a password in URL userinfo, in a URL and in an error message', () => {
    expect(byName.url('https://me:hunter2hunter2@h.example/x')).toBe('https://me:••••@h.example/x')
    expect(
      byName.message(
        'Request cannot be constructed from a URL that includes credentials: https://me:hunter2hunter2@h.example/x',
      ),
    ).not.toContain('hunter2')
  })

  it('cuts a hostile deeply nested value instead of overflowing', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(() => byName.value(deep)).not.toThrow()
  })
})
