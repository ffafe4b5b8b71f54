/**
 * Copies non-secret text (a masked trace, an export). Secrets never come here: they are copied by
 * main (`secrets:copy`). Falls back to a hidden textarea where the async clipboard is refused.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // fall through: the permission may be denied in a locked-down session
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  const done = document.execCommand('copy')
  area.remove()
  if (!done) throw new Error('The clipboard is not available.')
}
