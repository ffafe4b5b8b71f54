/**
 * `import PATH [--format bruno|postman|openapi|curl] [--json]` and
 * `export COLLECTION --format postman|bruno --out PATH [--folder "A/B"]`: the same importers and
 * exporters as the app. Import prints the normalised collection (nothing is written); exit code 2
 * when the input cannot be read, naming why.
 */
import { parseArgs } from 'node:util'
import type { CollectionTree, ImportResult } from '../../shared/collection'
import {
  EXPORT_FORMATS,
  exportCollection,
  folderAsCollection,
  type ExportFormat,
} from '../export/index'
import {
  importFromPath,
  ImportError,
  REQUESTED_FORMATS,
  summarise,
  type RequestedFormat,
} from '../import/index'
import type { ImportSummary } from '../import/summary'
import type { CliIo } from './run'

export const TRANSFER_USAGE = `Import and export:
  npm run cli -- import PATH [--format bruno|postman|openapi|curl] [--json]
      reads a Bruno folder, a Postman collection or environment, an OpenAPI 3 file or a file
      holding a cURL command (the format is detected when not given) and prints the collection;
      nothing is written. --json prints {"name", "requests": [{"name", "folder", "method", "url",
      "auth"}], "skipped": [{"what", "why"}]}, URLs as written.
  npm run cli -- export COLLECTION --format postman|bruno --out PATH [--folder "A/B"]
      COLLECTION is anything import reads; postman writes one JSON file, bruno a new folder.
Exit codes: 0 done, 2 unreadable input or wrong arguments.
`

/** How `export` reads its COLLECTION argument (the integrator may pass the collection store). */
export type LoadCollection = (path: string) => Promise<CollectionTree>

const defaultLoad: LoadCollection = async (path) => (await importFromPath(path)).collection

const AUTH_LABEL: Record<string, string> = {
  'profile-token': 'profile token',
  'profile-apikey': 'profile API key',
  none: 'no auth',
  inherit: 'inherited',
  bearer: 'bearer',
  basic: 'basic',
  header: 'header',
}

/** The one `--json` object of `import`. */
export function importJson(summary: ImportSummary) {
  return {
    name: summary.name,
    requests: summary.requests.map((r) => ({
      name: r.name,
      folder: r.folder,
      method: r.method,
      url: r.url,
      auth: r.auth,
    })),
    skipped: summary.skipped.map((s) => ({ what: s.what, why: s.why })),
  }
}

export function importText(result: ImportResult): string {
  const s = summarise(result)
  const c = s.counts
  const lines = [
    `${s.formatLabel} “${s.name}”: ${c.requests} request${c.requests === 1 ? '' : 's'}, ${c.folders} folder${c.folders === 1 ? '' : 's'}, ${c.environments} environment${c.environments === 1 ? '' : 's'}, ${c.variables} variable${c.variables === 1 ? '' : 's'}, ${c.scripts} script${c.scripts === 1 ? '' : 's'} (kept as text)`,
    '',
  ]
  let folder: string | undefined
  for (const r of s.requests) {
    if (r.folder !== folder) {
      folder = r.folder
      if (folder) lines.push(`${folder}/`)
    }
    lines.push(`  ${r.method.padEnd(7)} ${r.name}  ${r.url}  [${AUTH_LABEL[r.auth] ?? r.auth}]`)
  }
  for (const e of result.environments) {
    lines.push(
      '',
      `Environment “${e.name}”: ${e.variables.map((v) => (v.secret ? `${v.name} (secret)` : v.name)).join(', ') || 'no variables'}`,
    )
  }
  if (s.skipped.length)
    lines.push('', 'Not imported:', ...s.skipped.map((k) => `  - ${k.what}: ${k.why}`))
  if (s.notes.length) lines.push('', 'Notes:', ...s.notes.map((n) => `  - ${n}`))
  return `${lines.join('\n')}\n`
}

class TransferUsageError extends Error {}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new TransferUsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`)
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        folder: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new TransferUsageError(error instanceof Error ? error.message : String(error))
  }
}

async function runImport(
  rest: string[],
  values: ReturnType<typeof parse>['values'],
  io: CliIo,
): Promise<number> {
  if (rest.length !== 1)
    throw new TransferUsageError('import needs one PATH (a file or a Bruno folder).')
  const format = oneOf<RequestedFormat>('format', values.format, REQUESTED_FORMATS)
  const result = await importFromPath(rest[0]!, format)
  io.stdout(
    values.json
      ? `${JSON.stringify(importJson(summarise(result)), null, 2)}\n`
      : importText(result),
  )
  return 0
}

async function runExport(
  rest: string[],
  values: ReturnType<typeof parse>['values'],
  io: CliIo,
  load: LoadCollection,
): Promise<number> {
  if (rest.length !== 1) throw new TransferUsageError('export needs one COLLECTION path.')
  const format = oneOf<ExportFormat>('format', values.format, EXPORT_FORMATS)
  if (!format) throw new TransferUsageError('export needs --format postman or --format bruno.')
  if (!values.out) throw new TransferUsageError('export needs --out PATH.')
  let tree = await load(rest[0]!)
  if (values.folder) {
    try {
      tree = folderAsCollection(
        tree,
        values.folder
          .split('/')
          .map((p) => p.trim())
          .filter(Boolean),
      )
    } catch (error) {
      throw new TransferUsageError((error as Error).message)
    }
  }
  await exportCollection(tree, format, values.out)
  io.stderr(
    `Exported “${tree.name}” as ${format === 'postman' ? 'Postman Collection v2.1' : 'a Bruno folder'} to ${values.out} (no secret values).\n`,
  )
  return 0
}

/** `import …` / `export …`; returns the exit code. */
export async function runTransferCommand(
  argv: string[],
  io: CliIo,
  load: LoadCollection = defaultLoad,
): Promise<number> {
  try {
    const { values, positionals } = parse(argv)
    const [command, ...rest] = positionals
    if (values.help) {
      io.stdout(TRANSFER_USAGE)
      return 0
    }
    return command === 'import'
      ? await runImport(rest, values, io)
      : await runExport(rest, values, io, load)
  } catch (error) {
    if (error instanceof TransferUsageError) {
      io.stderr(`Error: ${error.message}\n\n${TRANSFER_USAGE}`)
      return 2
    }
    if (error instanceof ImportError) {
      io.stderr(`Error: ${error.message}\n`)
      return 2
    }
    if (error instanceof Error && /already exists|EACCES|ENOENT|EEXIST/.test(error.message)) {
      io.stderr(`Error: ${error.message}\n`)
      return 2
    }
    throw error
  }
}
