#!/usr/bin/env node
/**
 * Makes sure the Electron binary is on disk, then (optionally) runs a command that launches it.
 *
 *   node build/scripts/electron.mjs                      only make sure of the binary
 *   node build/scripts/electron.mjs electron-vite preview
 *
 * Why this exists: since Electron 42 the `electron` package no longer downloads its binary when it
 * is installed; it does so on first use. electron-vite reads `node_modules/electron/path.txt`
 * directly and fails with a bare "Electron uninstall" when the file is missing, so `npm start`
 * would fail on every fresh machine. This step runs Electron's own installer (`install.js`) first.
 *
 * When the binary is already there it prints nothing and costs one file check. When the download
 * fails (offline, a proxy, a blocked host) it says why in one line and what to try, with no stack
 * trace, and exits 1.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const projectRoot = process.cwd()
const requireFromProject = createRequire(join(projectRoot, 'package.json'))
const electronDir = dirname(requireFromProject.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version

/** The executable inside an Electron distribution folder, as Electron's installer names it. */
function platformExecutable() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  return process.platform === 'win32' ? 'electron.exe' : 'electron'
}

function readPackageFile(file) {
  try {
    return readFileSync(join(electronDir, file), 'utf8').trim()
  } catch {
    return null
  }
}

/** Where the executable is, or null when Electron is not installed (the test install.js makes). */
function installedExecutable() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const executable = join(override, readPackageFile('path.txt') ?? platformExecutable())
    return existsSync(executable) ? executable : null
  }
  const relative = readPackageFile('path.txt')
  if (!relative) return null
  if (readPackageFile('dist/version')?.replace(/^v/, '') !== electronVersion) return null
  const executable = join(electronDir, 'dist', relative)
  return existsSync(executable) ? executable : null
}

/** The first line of what the installer printed that names an error, e.g. `getaddrinfo ENOTFOUND`. */
function reasonFrom(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const errorLine = lines.find((line) =>
    /error|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|status/i.test(line),
  )
  return (errorLine ?? lines[0] ?? 'the installer exited without saying why').slice(0, 300)
}

function explainFailure(reason) {
  process.stderr.write(
    [
      '',
      `The Electron ${electronVersion} binary could not be downloaded, so the app cannot start.`,
      `Reason: ${reason}`,
      '',
      'What to try:',
      '  - check the network connection and proxy settings (HTTPS_PROXY / npm proxy config);',
      '  - download from a mirror you can reach: ELECTRON_MIRROR=https://your-mirror/electron/ npm start',
      '  - use an Electron already on disk: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm start',
      '    (the folder that holds the `electron` executable).',
      '',
      'Without Electron, `npm run harness` shows the same app in a browser (Chromium).',
      '',
    ].join('\n'),
  )
}

/**
 * Electron's installer prints only `TypeError: fetch failed` when the host cannot be reached: the
 * cause (DNS, refused, proxy, TLS) sits on the error's `cause`, which it does not print. So, only
 * after a failure, ask the download host once more to name the cause in the message.
 */
async function networkCause() {
  const mirror = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/'
  try {
    await fetch(mirror, { method: 'HEAD', signal: AbortSignal.timeout(5_000) })
    return null
  } catch (error) {
    const cause = error.cause
    const detail = cause ? [cause.code, cause.message].filter(Boolean).join(': ') : error.message
    return `${new URL(mirror).host}: ${detail}`
  }
}

/** Runs Electron's own installer; resolves to null on success or to a one-line reason. */
function runInstaller() {
  process.stderr.write(
    `Downloading the Electron ${electronVersion} binary (about 110 MB, once; cached afterwards)…\n`,
  )
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error) => resolve(error.message))
    child.on('close', async (code) => {
      if (code === 0 && installedExecutable()) return resolve(null)
      const reason = reasonFrom(output)
      const cause = /fetch failed/i.test(reason) ? await networkCause() : null
      resolve(cause ? `${reason} (${cause})` : reason)
    })
  })
}

/** Runs the command with ELECTRON_EXEC_PATH set, so electron-vite uses the binary found here. */
function launch(command, executable) {
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, ELECTRON_EXEC_PATH: executable },
  })
  child.on('error', (error) => {
    process.stderr.write(`Could not run ${command[0]}: ${error.message}\n`)
    process.exit(1)
  })
  child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
}

async function main() {
  let executable = installedExecutable()
  if (!executable) {
    const failure = await runInstaller()
    executable = installedExecutable()
    if (failure || !executable) {
      explainFailure(failure ?? 'the installer finished but no executable was found')
      process.exit(1)
    }
  }
  const command = process.argv.slice(2)
  if (command.length > 0) launch(command, executable)
}

await main()
