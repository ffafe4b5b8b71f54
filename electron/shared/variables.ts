/**
 * The one `{{variable}}` scanner, for main (resolving a request) and the renderer (highlighting,
 * previews). A plain scan, no regex: `{{ name }}` is trimmed; `{{a {{b}}` holds only `{{b}}`;
 * braces inside the name make it no variable.
 */
export function eachVariable(
  text: string,
  visit: (name: string, start: number, end: number) => void,
): void {
  let from = 0
  for (;;) {
    const start = text.indexOf('{{', from)
    if (start < 0) return
    const close = text.indexOf('}}', start + 2)
    if (close < 0) return
    const inner = text.slice(start + 2, close)
    const nested = inner.lastIndexOf('{{')
    if (nested >= 0) {
      from = start + 2 + nested
      continue
    }
    if (!inner.includes('{') && !inner.includes('}')) visit(inner.trim(), start, close + 2)
    from = close + 2
  }
}

/** The variable names in `text`, in order of appearance (repeats included). */
export function variableNames(text: string): string[] {
  const names: string[] = []
  if (text.includes('{{')) eachVariable(text, (name) => names.push(name))
  return names
}
