/**
 * `cli catalogue [--json]`: prints the endpoint catalogue. Text mode groups the entries as the
 * documentation does; `--json` prints one array of {id, name, group, method, host, path, auth}
 * with path parameters written `{name}`, for scripts and docs.
 */
import { parseArgs } from 'node:util'
import { ENDPOINT_GROUPS, ENDPOINTS, type Endpoint } from '../../shared/catalogue'

export const CATALOGUE_USAGE = `Usage: npm run cli -- catalogue [--json]
  Lists every endpoint of the catalogue, grouped as in Trustpilot's documentation.
  --json   one JSON array of {id, name, group, method, host, path, auth}
`

export interface CatalogueIo {
  stdout(text: string): void
  stderr(text: string): void
}

export function catalogueJson(endpoints: readonly Endpoint[] = ENDPOINTS): string {
  const rows = endpoints.map(({ id, name, group, method, host, path, auth }) => ({
    id,
    name,
    group,
    method,
    host,
    path,
    auth,
  }))
  return `${JSON.stringify(rows, null, 2)}\n`
}

const AUTH_LABEL: Record<Endpoint['auth'], string> = {
  bearer: 'token',
  apikey: 'apikey',
  none: 'none',
}

export function catalogueText(endpoints: readonly Endpoint[] = ENDPOINTS): string {
  const lines: string[] = []
  for (const group of ENDPOINT_GROUPS) {
    const inGroup = endpoints.filter((e) => e.group === group)
    if (inGroup.length === 0) continue
    lines.push(`${group} (${inGroup.length})`)
    for (const e of inGroup) {
      const host = e.host === 'invitations' ? 'invitations-api' : 'api'
      lines.push(
        `  ${e.method.padEnd(6)} ${`${host} ${e.path}`.padEnd(86)} ${AUTH_LABEL[e.auth].padEnd(6)} ${e.name}`,
      )
    }
    lines.push('')
  }
  const privateCount = endpoints.filter((e) => e.auth === 'bearer').length
  lines.push(
    `${endpoints.length} endpoints: ${privateCount} private (token), ${endpoints.length - privateCount} public (apikey).`,
  )
  return `${lines.join('\n')}\n`
}

/** Returns the exit code: 0, or 2 for wrong arguments. */
export function runCatalogueCommand(argv: string[], io: CatalogueIo): number {
  let json: boolean
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    })
    if (parsed.values.help) {
      io.stdout(CATALOGUE_USAGE)
      return 0
    }
    json = Boolean(parsed.values.json)
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n\n${CATALOGUE_USAGE}`)
    return 2
  }
  io.stdout(json ? catalogueJson() : catalogueText())
  return 0
}
