import { client, unwrap } from '../api/client'

/**
 * Copies non-secret text (a masked trace, an export, a snippet) through the main process, which
 * owns the clipboard (the renderer's own clipboard access may be refused: every permission request
 * is denied). Secrets never come here: main copies them itself (`secrets:copy`).
 */
export async function copyText(text: string): Promise<void> {
  unwrap(await client().clipboardWriteText({ text }))
}
