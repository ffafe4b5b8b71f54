/**
 * Import and export as the renderer sees them: the summary shown before anything is written, the
 * outcome of choosing or pasting something, and the imported requests ready to open in a tab.
 * No Node, no DOM.
 */
import { z } from 'zod'
import type { ImportFormat, SavedAuth, SkippedItem } from './collection'
import type { ProfileView } from './profile'
import type { DraftRequest } from './workbench'

export interface SummaryRequest {
  name: string
  /** Folder path, "A / B", or "" at the top. */
  folder: string
  method: string
  /** As written in the source, variables unresolved. */
  url: string
  auth: SavedAuth['kind']
}

/** What an import will create, counted by kind, and what it leaves out. */
export interface ImportSummary {
  format: ImportFormat
  formatLabel: string
  name: string
  counts: {
    requests: number
    folders: number
    environments: number
    variables: number
    scripts: number
  }
  requests: SummaryRequest[]
  /** Scripts kept as text, never run: where each one is. */
  scripts: string[]
  skipped: SkippedItem[]
  notes: string[]
}

/** A summary waiting for the user's Confirm or Cancel (main keeps the parsed collection). */
export interface ImportPreview extends ImportSummary {
  previewId: string
  /** Environment names and their variables' names (values stay in main). */
  environments: { name: string; variables: string[] }[]
}

/** What choosing or pasting something led to. */
export type ImportOutcome =
  | { kind: 'collection'; preview: ImportPreview }
  /** A profile export of this app: imported as profiles straight away (they hold no secret). */
  | { kind: 'profiles'; added: ProfileView[] }
  /** The user closed the file dialog. */
  | { kind: 'cancelled' }

/** A request as the workbench opens it in a tab (the active profile is added when sending). */
export type TabRequest = Omit<DraftRequest, 'profileId'>

export interface ImportedRequest extends SummaryRequest {
  draft: TabRequest
}

export interface ImportedCollection {
  /** The collection's id in the collection store. */
  id: string
  name: string
  requests: ImportedRequest[]
  notes: string[]
}

export const previewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a preview id')
export const importFormatSchema = z.enum(['bruno', 'postman', 'openapi', 'curl'])
export const exportFormatSchema = z.enum(['postman', 'bruno'])
