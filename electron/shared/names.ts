/**
 * Channel names are `domain:action` in kebab case; the renderer sees one camelCase function per
 * channel (`auth:get-token` -> `authGetToken`) and one `onX` subscriber per event
 * (`token:changed` -> `onTokenChanged`). Type and runtime versions are kept side by side.
 */
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S

export type MethodName<C extends string> = C extends `${infer D}:${infer A}`
  ? `${D}${Capitalize<Camel<A>>}`
  : never

export type EventMethodName<E extends string> = `on${Capitalize<MethodName<E>>}`

const camel = (s: string): string => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export function methodName(channel: string): string {
  const [domain, action] = channel.split(':')
  if (!domain || !action) throw new Error(`bad channel name: ${channel}`)
  return `${camel(domain)}${cap(camel(action))}`
}

export function eventMethodName(event: string): string {
  return `on${cap(methodName(event))}`
}
