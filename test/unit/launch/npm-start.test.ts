/**
 * `npm start` on a fresh machine: the start script makes sure of the Electron binary (with
 * Electron's own installer) before electron-vite launches it. No network is used: a stand-in
 * executable plays Electron, and the offline case points the installer at a closed local port.
 *
 * Each case runs in a scratch copy of the project whose node_modules links to the real packages,
 * except `electron` (copied, so a stand-in can be installed into it) and `electron-vite` (copied,
 * so it resolves that `electron` rather than the real one). The real node_modules is never touched.
 */
import { spawn } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')
const realModules = join(repo, 'node_modules')
const electronVersion = JSON.parse(readFileSync(join(realModules, 'electron/package.json'), 'utf8'))
  .version as string
const COPIED = new Set(['electron', 'electron-vite', '.bin'])
const PROJECT_FILES = [
  'package.json',
  'electron.vite.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'electron',
  'renderer',
  'build',
]

const scratch: string[] = []
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A scratch project as described above; returns its folder. */
function scratchProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'tp-start-'))
  scratch.push(root)
  for (const file of PROJECT_FILES) symlinkSync(join(repo, file), join(root, file))
  const modules = join(root, 'node_modules')
  mkdirSync(join(modules, '.bin'), { recursive: true })
  for (const name of readdirSync(realModules)) {
    if (!COPIED.has(name)) symlinkSync(join(realModules, name), join(modules, name))
  }
  for (const name of ['electron', 'electron-vite']) {
    cpSync(join(realModules, name), join(modules, name), {
      recursive: true,
      filter: (source) => !source.startsWith(join(realModules, 'electron', 'dist')),
    })
    rmSync(join(modules, name, 'path.txt'), { force: true })
  }
  symlinkSync('../electron-vite/bin/electron-vite.js', join(modules, '.bin', 'electron-vite'))
  return root
}

/** Installs a shell script where Electron's path.txt points; it records how it was launched. */
function installStandIn(root: string): string {
  const electronDir = join(root, 'node_modules', 'electron')
  const record = join(root, 'launched.txt')
  mkdirSync(join(electronDir, 'dist'), { recursive: true })
  writeFileSync(join(electronDir, 'dist', 'version'), electronVersion)
  writeFileSync(join(electronDir, 'path.txt'), 'electron')
  const executable = join(electronDir, 'dist', 'electron')
  writeFileSync(
    executable,
    `#!/bin/sh\n{ echo "cwd=$PWD"; for a in "$@"; do echo "arg=$a"; done; } > '${record}'\n`,
  )
  chmodSync(executable, 0o755)
  return record
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(args[0]!, args.slice(1), {
      cwd,
      env: { ...process.env, ELECTRON_EXEC_PATH: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

/** A loopback port with nothing listening: the installer's download is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as { port: number }
  await new Promise<void>((ok) => server.close(() => ok()))
  return port
}

describe('npm start', () => {
  it('builds the app and launches the Electron binary with it', async () => {
    const root = scratchProject()
    const record = installStandIn(root)

    const result = await run(root, ['npm', 'start'])

    expect(result.stderr).not.toContain('Electron uninstall')
    expect(result.code).toBe(0)
    expect(existsSync(join(root, 'out', 'main', 'index.js'))).toBe(true)
    expect(existsSync(join(root, 'out', 'renderer', 'index.html'))).toBe(true)
    const launched = readFileSync(record, 'utf8').split('\n')
    expect(launched).toContain(`cwd=${root}`)
    expect(launched).toContain('arg=.')
  }, 180_000)

  it('prints nothing and succeeds at once when the binary is already there', async () => {
    const root = scratchProject()
    installStandIn(root)

    const result = await run(root, [process.execPath, 'build/scripts/electron.mjs'])

    expect(result).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('offline: says why, what to try and that the harness works, with no stack trace', async () => {
    const root = scratchProject()
    const mirror = `http://127.0.0.1:${await closedPort()}/`

    const result = await run(root, ['npm', 'start'], {
      ELECTRON_MIRROR: mirror,
      electron_config_cache: join(root, 'empty-cache'),
    })

    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(
      `The Electron ${electronVersion} binary could not be downloaded`,
    )
    expect(result.stderr).toMatch(/Reason: .*ECONNREFUSED/)
    expect(result.stderr).toContain('ELECTRON_MIRROR')
    expect(result.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH')
    expect(result.stderr).toContain('npm run harness')
    expect(result.stderr).not.toContain('Electron uninstall')
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    expect(existsSync(join(root, 'out'))).toBe(false)
  })

  it('uses an Electron already on disk through ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const root = scratchProject()
    const elsewhere = join(root, 'my-electron')
    mkdirSync(elsewhere)
    writeFileSync(join(elsewhere, 'electron'), '#!/bin/sh\n')
    chmodSync(join(elsewhere, 'electron'), 0o755)
    const record = join(root, 'exec-path.txt')

    const result = await run(
      root,
      [
        process.execPath,
        'build/scripts/electron.mjs',
        'sh',
        '-c',
        `echo "$ELECTRON_EXEC_PATH" > '${record}'`,
      ],
      { ELECTRON_OVERRIDE_DIST_PATH: elsewhere },
    )

    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(readFileSync(record, 'utf8').trim()).toBe(join(elsewhere, 'electron'))
  })
})
