/** The parts of Bruno's published `.bru` parser (`@usebruno/lang`, CommonJS, untyped) the app uses. */
declare module '@usebruno/lang' {
  export interface BruRow {
    name: string
    value: string
    enabled: boolean
  }
  export interface BruParam extends BruRow {
    type: 'query' | 'path'
  }
  export interface BruMultipartRow {
    name: string
    value: string | string[]
    enabled: boolean
    type: 'text' | 'file'
    contentType?: string
  }
  export interface BruAuth {
    mode?: string
    bearer?: { token?: string }
    basic?: { username?: string; password?: string }
    apikey?: { key?: string; value?: string; placement?: string }
    [mode: string]: unknown
  }
  export interface BruRequestJson {
    meta?: { name?: string; type?: string; seq?: string | number }
    http?: { method?: string; url?: string; body?: string; auth?: string }
    params?: BruParam[]
    headers?: BruRow[]
    body?: {
      json?: string
      text?: string
      xml?: string
      sparql?: string
      graphql?: { query?: string; variables?: string }
      formUrlEncoded?: BruRow[]
      multipartForm?: BruMultipartRow[]
    }
    auth?: BruAuth
    vars?: { req?: BruRow[]; res?: BruRow[] }
    assertions?: BruRow[]
    script?: { req?: string; res?: string }
    tests?: string
    docs?: string
  }
  export interface BruEnvJson {
    variables: (BruRow & { secret: boolean })[]
  }
  export function bruToJsonV2(text: string): BruRequestJson
  export function jsonToBruV2(json: BruRequestJson): string
  export function collectionBruToJson(text: string): BruRequestJson
  export function jsonToCollectionBru(json: BruRequestJson, isFolder?: boolean): string
  export function bruToEnvJsonV2(text: string): BruEnvJson
  export function envJsonToBruV2(json: BruEnvJson): string
}
