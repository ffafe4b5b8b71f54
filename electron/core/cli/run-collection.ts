/**
 * `npm run cli -- run PATH [--folder NAME] [--request NAME] [--var NAME=VALUE]… [--env …] [--json]`:
 * runs saved requests with the same core as the app (variables, captures, checks, one token for
 * the run through the token manager: refreshed when due, one retry after a 401).
 * Exit codes: 0 all passed, 1 any failed, 2 wrong arguments.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunItemResult, StoredItem } from '../../shared/collections-api'
import type { Profile } from '../../shared/profile'
import { CollectionPathError, loadCollectionFrom, type LoadedCollection } from '../collections/load'
import { runRequests, type RunSender } from '../collections/runner'
import { scopeOf } from '../collections/variables'
import { OAuthError } from '../oauth-error'
import { createRedactor } from '../redact'
import { HttpError } from '../http/http-error'
import { BodyStore } from '../workbench/body-store'
import { HistoryStore } from '../workbench/history'
import { RequestRunner } from '../workbench/request-runner'
import { parseCliArgs, UsageError, type CliArgs } from './args'
import { obtainToken, resolveTarget, type CliIo, type Target } from './run'

export const RUN_USAGE = `Running saved requests:
  npm run cli -- run PATH [options]   PATH is a collection folder (the one holding collection.yaml)
  --folder NAME          run only this folder (its name or path inside the collection)
  --request NAME         run only this request (within --folder if given)
  --var NAME=VALUE       a profile-scope variable (repeatable); secret collection variables
                         have no value outside the app, so give them here
  --env, credentials and --json as for the other commands (TP_BUSINESS_UNIT_ID and
  TP_BUSINESS_USER_ID fill {{businessUnitId}} and {{businessUserId}} outside the sandbox)
  Prints one line per request, or with --json {"results":[…],"passed":N,"failed":N}.
  Exit codes: 0 all passed, 1 any failed, 2 wrong arguments.
`

interface RunArgs {
  path: string
  folder?: string
  request?: string
  vars: Record<string, string>
  json: boolean
  base: CliArgs
}

const takesValue = (flag: string) => ['--folder', '--request', '--var'].includes(flag)

/** Splits off this command's own flags; the rest (environment, credentials) go to the shared parser. */
export function parseRunArgs(argv: string[], env: Record<string, string | undefined>): RunArgs {
  const [path, ...rest] = argv
  if (!path || path.startsWith('-'))
    throw new UsageError('run needs PATH: the collection folder, e.g. run ./my-collection')
  const out: Omit<RunArgs, 'base'> = { path, vars: {}, json: false }
  const shared: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (!takesValue(flag)) {
      if (arg === '--json') out.json = true
      shared.push(arg)
      continue
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i]
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`)
    if (flag === '--folder') out.folder = value
    else if (flag === '--request') out.request = value
    else {
      const at = value.indexOf('=')
      if (at <= 0) throw new UsageError(`--var must look like NAME=VALUE (got "${value}").`)
      out.vars[value.slice(0, at)] = value.slice(at + 1)
    }
  }
  return { ...out, base: parseCliArgs(['token', ...shared], env) }
}

/** The path inside the collection to run: '' (all), a folder, or one request. */
export function selectPath(items: StoredItem[], folder?: string, request?: string): string {
  const all = (list: StoredItem[]): StoredItem[] =>
    list.flatMap((i) => (i.type === 'folder' ? [i, ...all(i.items)] : [i]))
  let scope = items
  let path = ''
  if (folder) {
    const found = all(items).filter(
      (i) => i.type === 'folder' && (i.name === folder || i.path === folder),
    )
    if (found.length !== 1) {
      throw new UsageError(
        found.length
          ? `More than one folder is named "${folder}": give its path.`
          : `No folder "${folder}" in the collection.`,
      )
    }
    const f = found[0]!
    scope = f.type === 'folder' ? f.items : []
    path = f.path
  }
  if (request) {
    const found = all(scope).filter(
      (i) => i.type === 'request' && (i.name === request || i.path === request),
    )
    if (found.length !== 1) {
      const where = folder ? ` in folder "${folder}"` : ''
      throw new UsageError(
        found.length
          ? `More than one request is named "${request}"${where}: give --folder or its path.`
          : `No request "${request}"${where}.`,
      )
    }
    path = found[0]!.path
  }
  return path
}

function cliProfile(
  args: CliArgs,
  target: Target,
  env: Record<string, string | undefined>,
): Profile {
  return {
    id: 'cli',
    name: 'Command line',
    environment: { kind: args.env === 'sandbox' ? 'sandbox' : 'trustpilot' },
    apiKey: target.apiKey ?? '',
    username: target.username ?? '',
    redirectUri: '',
    businessUnitId: target.ids.businessUnitId ?? env.TP_BUSINESS_UNIT_ID ?? '',
    businessUserId: target.ids.businessUserId ?? env.TP_BUSINESS_USER_ID ?? '',
    clientAuth: args.clientAuth,
    defaultGrant: 'client_credentials',
    rememberLogin: false,
  }
}

function line(r: RunItemResult): string {
  const mark = r.ok ? 'PASS' : 'FAIL'
  const where = r.folder ? `${r.folder} / ${r.name}` : r.name
  const status = r.status === undefined ? '---' : String(r.status)
  const out = [`${mark} ${status} ${r.method.padEnd(6)} ${where}  ${r.ms} ms  ${r.url}`]
  if (r.error) out.push(`     ${r.error}`)
  for (const c of r.checks)
    if (!c.ok) out.push(`     check failed: ${c.label}${c.detail ? ` (${c.detail})` : ''}`)
  for (const p of r.problems) out.push(`     ${p}`)
  return `${out.join('\n')}\n`
}

async function execute(
  run: RunArgs,
  collection: LoadedCollection,
  io: CliIo,
): Promise<RunItemResult[]> {
  const path = selectPath(collection.items, run.folder, run.request)
  const fetch = io.fetch ?? globalThis.fetch
  const target = await resolveTarget(run.base, io.sandbox)
  const historyDir = await mkdtemp(join(tmpdir(), 'tp-cli-run-'))
  const history = new HistoryStore(join(historyDir, 'history.jsonl'))
  try {
    const { manager } = await obtainToken(run.base, target, io, fetch)
    const profile = cliProfile(run.base, target, io.env)
    const base = [target.apiSecret, target.password].filter((s): s is string => !!s)
    const bodies = new BodyStore()
    const sender: RunSender = {
      send: (draft, secrets, requestId) =>
        new RequestRunner({
          context: async () => ({
            profile,
            env: target.env,
            manager,
            redactor: createRedactor([...base, ...secrets]),
          }),
          fetch,
          bodies,
          history,
        }).send(draft, requestId),
      bodyText: async (s) => s.body ?? (await bodies.get(s.responseId))?.text,
      cancel: () => undefined,
    }
    return await runRequests(
      {
        profileId: 'cli',
        ...(collection.auth ? { collectionAuth: collection.auth } : {}),
        items: collection.items,
        path,
        collectionScope: scopeOf('collection', collection.variables),
        profileScope: { scope: 'profile', values: run.vars },
        requestSecrets: async () => ({}),
      },
      sender,
      {
        onProgress: (done, _total, results) =>
          !run.json && done > 0 && io.stdout(line(results[done - 1]!)),
      },
    )
  } finally {
    await history.dispose().catch(() => undefined)
    await rm(historyDir, { recursive: true, force: true })
    await target.close?.()
  }
}

export async function runCollectionCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RUN_USAGE)
    return 0
  }
  let collection: LoadedCollection
  let run: RunArgs
  try {
    run = parseRunArgs(argv, io.env)
    collection = await loadCollectionFrom(run.path)
  } catch (err) {
    if (err instanceof UsageError || err instanceof CollectionPathError) {
      io.stderr(`Error: ${err.message}\n\n${RUN_USAGE}`)
      return 2
    }
    throw err
  }
  for (const d of collection.damaged) io.stderr(`Skipped damaged file ${d.file}: ${d.reason}\n`)
  let results: RunItemResult[]
  try {
    results = await execute(run, collection, io)
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`Error: ${err.message}\n\n${RUN_USAGE}`)
      return 2
    }
    if (err instanceof OAuthError || err instanceof HttpError) {
      io.stderr(`Error: ${err.message}\n`)
      return err instanceof OAuthError && err.code === 'config' ? 2 : 1
    }
    throw err
  }
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  if (run.json) {
    const rows = results.map(({ name, folder, method, url, status, ok, ms }) => ({
      name,
      folder,
      method,
      url,
      status: status ?? null,
      ok,
      ms,
    }))
    io.stdout(`${JSON.stringify({ results: rows, passed, failed }, null, 2)}\n`)
  } else io.stdout(`${passed} passed, ${failed} failed\n`)
  return failed > 0 || results.length === 0 ? 1 : 0
}
