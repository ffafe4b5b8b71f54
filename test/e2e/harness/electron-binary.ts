import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const electronDir = join(import.meta.dirname, '../../../node_modules/electron')

/**
 * The Electron executable if it is installed, without triggering the `electron` package's
 * download-on-first-use (which cannot reach its host on machines without internet).
 */
export function installedElectron(): { path: string } | { missing: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const candidate = override ? join(override, relative) : join(electronDir, 'dist', relative)
  if (existsSync(candidate)) return { path: candidate }
  return {
    missing:
      `the Electron binary is not installed (${candidate} does not exist): the electron package ` +
      'downloads it on first launch from a host this machine cannot reach',
  }
}
