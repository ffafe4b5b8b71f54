/**
 * What an import will create, counted by kind, and what it leaves out: shown before anything is
 * written (the app's summary screen, the CLI's output).
 */
import type { ImportResult } from '../../shared/collection'
import type { ImportSummary, SummaryRequest } from '../../shared/import'
import { eachFolder, eachRequest } from './common'
import { FORMAT_LABELS } from './detect'

export type { ImportSummary, SummaryRequest }

export function summarise(result: ImportResult): ImportSummary {
  const requests: SummaryRequest[] = []
  const scripts: string[] = []
  const tree = result.collection
  for (const s of tree.scripts ?? []) scripts.push(`the collection: ${s.kind}`)
  let folders = 0
  eachFolder(tree.items, (folder, path) => {
    folders++
    for (const s of folder.scripts ?? []) scripts.push(`folder “${path}”: ${s.kind}`)
  })
  eachRequest(tree.items, (r, folder) => {
    requests.push({ name: r.name, folder, method: r.method, url: r.url, auth: r.auth.kind })
    for (const s of r.scripts ?? [])
      scripts.push(`“${folder ? `${folder} / ` : ''}${r.name}”: ${s.kind}`)
  })
  const notes = [...result.notes]
  if (scripts.length) {
    notes.push(
      `${scripts.length} script${scripts.length > 1 ? 's were' : ' was'} kept as text and will not be run.`,
    )
  }
  return {
    format: result.format,
    formatLabel: FORMAT_LABELS[result.format],
    name: tree.name,
    counts: {
      requests: requests.length,
      folders,
      environments: result.environments.length,
      variables:
        tree.variables.length + result.environments.reduce((n, e) => n + e.variables.length, 0),
      scripts: scripts.length,
    },
    requests,
    scripts,
    skipped: result.skipped,
    notes,
  }
}
