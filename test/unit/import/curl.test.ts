import { describe, expect, it } from 'vitest'
import { curlToRequest, importCurl } from '../../../electron/core/import/curl'
import { ImportError } from '../../../electron/core/import/import-error'
import { shellWords } from '../../../electron/core/import/shell-words'

const SANDBOX = { profileBases: ['http://127.0.0.1:4010/v1'] }

describe('shellWords', () => {
  it('handles quotes, escapes, $’…’ and line continuations', () => {
    expect(shellWords(`curl 'a b' "c \\"d\\" \\$e" f\\ g $'h\\ni\\'j' \\\n  -X`)).toEqual([
      'curl',
      'a b',
      'c "d" $e',
      'f g',
      "h\ni'j",
      '-X',
    ])
    expect(shellWords(`it'''s' "x"'y'`)).toEqual(['its', 'xy'])
    expect(() => shellWords(`curl 'open`)).toThrow(/unclosed single quote/)
    // Pasted into a one-line box, the newline after a continuation is gone.
    expect(shellWords(`curl 'u' \\   -H 'a: b'`)).toEqual(['curl', 'u', '-H', 'a: b'])
  })
})

describe('cURL import', () => {
  it('reads method, URL, query, headers and a JSON body', () => {
    const { request } = curlToRequest(
      `curl -X PATCH 'https://partner.example.test/items/7?expand=all&x=1' \\
        -H 'Content-Type: application/json' \\
        -H "X-Note: it's \\"quoted\\"" \\
        --data-raw '{"name":"O'\\''Brien"}'`,
    )
    expect(request).toMatchObject({
      method: 'PATCH',
      url: 'https://partner.example.test/items/7',
      query: [
        { name: 'expand', value: 'all', enabled: true },
        { name: 'x', value: '1', enabled: true },
      ],
      headers: [
        { name: 'Content-Type', value: 'application/json', enabled: true },
        { name: 'X-Note', value: `it's "quoted"`, enabled: true },
      ],
      body: { kind: 'json', text: `{"name":"O'Brien"}` },
      auth: { kind: 'none' },
    })
  })

  it('makes a bearer token aimed at the profile’s host the profile’s token, storing none', () => {
    const { request, notes } = curlToRequest(
      `curl http://127.0.0.1:4010/v1/private/reviews/r1 -H 'Authorization: Bearer tpa-SECRET123'`,
      SANDBOX,
    )
    expect(request.auth).toEqual({ kind: 'profile-token' })
    expect(request.headers).toEqual([])
    expect(JSON.stringify(request)).not.toContain('tpa-SECRET123')
    expect(notes.join(' ')).toMatch(/profile’s own token/)
  })

  it('does not keep a token aimed elsewhere when importing, but does in the URL box', () => {
    const line = `curl https://other.example.test/x -H 'Authorization: Bearer abc.def'`
    const imported = curlToRequest(line, SANDBOX)
    expect(imported.request.auth).toEqual({ kind: 'bearer', token: '{{token}}' })
    expect(imported.skipped[0]!.why).toMatch(/never stored/)
    expect(curlToRequest(line, { ...SANDBOX, keepForeignSecrets: true }).request.auth).toEqual({
      kind: 'bearer',
      token: 'abc.def',
    })
  })

  it('reads form data, --data-urlencode, -G, -u and --json', () => {
    expect(curlToRequest(`curl https://h.test/f -d 'a=1' -d 'b=two words'`).request).toMatchObject({
      method: 'POST',
      body: {
        kind: 'form',
        fields: [
          { name: 'a', value: '1', enabled: true },
          { name: 'b', value: 'two words', enabled: true },
        ],
      },
    })
    expect(
      curlToRequest(`curl -G https://h.test/s --data-urlencode 'q=a&b c' -d n=2`).request,
    ).toMatchObject({
      method: 'GET',
      query: [
        { name: 'q', value: 'a&b c' },
        { name: 'n', value: '2' },
      ],
    })
    expect(curlToRequest(`curl -u 'me:{{pw}}' https://h.test/`).request.auth).toEqual({
      kind: 'basic',
      username: 'me',
      password: '{{pw}}',
    })
    const json = curlToRequest(`curl --json '{"a":1}' https://h.test/j`).request
    expect(json).toMatchObject({
      method: 'POST',
      body: { kind: 'json', text: '{"a":1}' },
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'application/json' },
      ],
    })
    expect(
      curlToRequest(`curl -sSL -XPUT https://h.test/m -F 'title=Hi' -F 'n=2'`).request,
    ).toMatchObject({
      method: 'PUT',
      body: {
        kind: 'form',
        fields: [
          { name: 'title', value: 'Hi' },
          { name: 'n', value: '2' },
        ],
      },
    })
  })

  it('reads a browser’s “Copy as cURL” with $’…’ quoting', () => {
    const { request } = curlToRequest(
      `curl 'https://h.test/api' -H 'accept: */*' --data-raw $'{"note":"it\\'s fine"}' --compressed`,
    )
    expect(request.body).toEqual({ kind: 'json', text: '{"note":"it\'s fine"}' })
  })

  it('names an unsupported option', () => {
    const error = (() => {
      try {
        curlToRequest(`curl --proxy http://p:8080 https://h.test/`)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).message).toBe('The cURL option --proxy is not supported.')
    expect(() => curlToRequest(`curl -d @body.json https://h.test/`)).toThrow(
      /-d @file reads a file/,
    )
    expect(() => curlToRequest(`curl -Z https://h.test/`)).toThrow(/option -Z is not supported/)
    expect(() => curlToRequest(`curl -H`)).toThrow(/-H needs a value/)
    expect(() => curlToRequest(`curl -X GET`)).toThrow(/has no URL/)
  })

  it('imports as a collection of one request', () => {
    const result = importCurl(
      `curl https://api.trustpilot.com/v1/business-units/find?name=x -H 'apikey: KEY'`,
    )
    expect(result.format).toBe('curl')
    expect(result.collection.items).toHaveLength(1)
    expect(result.collection.items[0]).toMatchObject({
      name: 'GET find',
      auth: { kind: 'profile-apikey' },
    })
  })
})
