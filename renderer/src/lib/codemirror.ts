/**
 * CodeMirror 6 pieces shared by the body editor and the response viewer: a theme on the app's CSS
 * variables (so light and dark follow), JSON (and, loaded on demand, HTML) highlighting, and the
 * JSON lint source.
 */
import { json } from '@codemirror/lang-json'
import {
  bracketMatching,
  codeFolding,
  foldGutter,
  foldService,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language'
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { EditorState, type Extension } from '@codemirror/state'
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view'
import { tags as t } from '@lezer/highlight'
import { jsonProblem } from './request-draft'

const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: 'var(--syn-key)' },
  { tag: t.string, color: 'var(--syn-string)' },
  { tag: t.number, color: 'var(--syn-number)' },
  { tag: [t.bool, t.null], color: 'var(--syn-literal)' },
  { tag: [t.brace, t.squareBracket, t.separator, t.punctuation], color: 'var(--muted)' },
  { tag: [t.tagName, t.angleBracket], color: 'var(--syn-key)' },
  { tag: t.attributeName, color: 'var(--syn-number)' },
  { tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
])

export const appTheme = EditorView.theme({
  '&': {
    fontSize: '12.5px',
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--fg)',
    height: '100%',
  },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-soft)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--focus) 28%, transparent) !important',
  },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--warn) 30%, transparent)' },
  '.cm-searchMatch-selected': {
    backgroundColor: 'color-mix(in srgb, var(--warn) 60%, transparent)',
  },
  '.cm-panels': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg)' },
  '.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panel input, .cm-panel button': { fontSize: '12px' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--code-bg)',
    border: '1px solid var(--border)',
    color: 'var(--muted)',
  },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', border: '1px solid var(--border)' },
  '.cm-json-key': { color: 'var(--syn-key)' },
  '.cm-json-string': { color: 'var(--syn-string)' },
  '.cm-json-number': { color: 'var(--syn-number)' },
  '.cm-json-literal': { color: 'var(--syn-literal)' },
})

/** Lints a JSON body (with `{{variables}}` allowed) using the same check Send uses. */
export const jsonLint = linter(
  (view): Diagnostic[] => {
    const text = view.state.doc.toString()
    const problem = jsonProblem(text)
    if (!problem) return []
    const from = Math.min(problem.from, text.length)
    return [
      {
        from,
        to: Math.min(text.length, from + 1),
        severity: 'error',
        message: `${problem.message} (line ${problem.line}, column ${problem.column})`,
      },
    ]
  },
  { delay: 250 },
)

/** The editable body editor: JSON (linted) or plain text. */
export function editorExtensions(
  lang: 'json' | 'text',
  onChange: (text: string) => void,
): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    syntaxHighlighting(highlight),
    appTheme,
    EditorView.lineWrapping,
    ...(lang === 'json' ? [json(), jsonLint, lintGutter()] : []),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange(u.state.doc.toString())
    }),
  ]
}

/**
 * HTML highlighting and folding for the viewer, loaded on first use: the language (with the CSS
 * and JavaScript it embeds) is large, and most bodies are JSON.
 */
export async function htmlViewerLanguage(): Promise<Extension> {
  const { html } = await import('@codemirror/lang-html')
  return [html(), codeFolding(), foldGutter()]
}

const keyMark = Decoration.mark({ class: 'cm-json-key' })
const stringMark = Decoration.mark({ class: 'cm-json-string' })
const numberMark = Decoration.mark({ class: 'cm-json-number' })
const literalMark = Decoration.mark({ class: 'cm-json-literal' })

/**
 * Highlighting for large pretty-printed JSON without a parser: a pattern over the visible lines
 * only, so its cost does not grow with the body (the full parser would work through the whole
 * document in the background, in slices long enough to delay frames).
 */
const jsonTokens = new MatchDecorator({
  regexp: /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g,
  decorate: (add, from, _to, m) => {
    if (m[1] !== undefined) add(from, from + m[1].length, m[2] ? keyMark : stringMark)
    else add(from, from + m[0].length, m[3] !== undefined ? numberMark : literalMark)
  },
})

const lightJsonHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet
    constructor(view: EditorView) {
      this.decorations = jsonTokens.createDeco(view)
    }
    update(u: ViewUpdate) {
      this.decorations = jsonTokens.updateDeco(u, this.decorations)
    }
  },
  { decorations: (v) => v.decorations },
)

/** Lines a fold may span in a large document (its end is found by scanning down). */
export const INDENT_FOLD_MAX_LINES = 20_000

const indentOf = (text: string) => text.length - text.trimStart().length

/**
 * Folding by indentation for large pretty-printed JSON: a line ending in `{` or `[` folds up to
 * the line that closes it at the same indentation (blocks up to INDENT_FOLD_MAX_LINES lines).
 */
const indentFolding = foldService.of((state, lineStart, lineEnd) => {
  const line = state.doc.lineAt(lineStart)
  const last = line.text.trimEnd().at(-1)
  if (last !== '{' && last !== '[') return null
  const indent = indentOf(line.text)
  const end = Math.min(state.doc.lines, line.number + INDENT_FOLD_MAX_LINES)
  for (let n = line.number + 1; n <= end; n++) {
    const next = state.doc.line(n)
    if (next.text.trim() && indentOf(next.text) <= indent) {
      return n === line.number + 1 ? null : { from: lineEnd, to: next.from + indentOf(next.text) }
    }
  }
  return null
})

export type ViewerLanguage = 'json' | 'json-large' | 'text' | 'html'

/**
 * The read-only response viewer: folding and search. `json` highlights with the full parser (the
 * parser works in the background in time slices); `json-large` with the pattern above and folds
 * by indentation; html/text do not parse (raw JSON is plain text: its lines are thousands of
 * characters long, and marks on every token of them make scrolling slow).
 */
export function viewerExtensions(lang: ViewerLanguage): Extension[] {
  return [
    lineNumbers(),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    // Focusable, so the search keys and the cursor work in a read-only document.
    EditorView.contentAttributes.of({ tabindex: '0' }),
    drawSelection(),
    highlightActiveLine(),
    search({ top: true }),
    keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
    syntaxHighlighting(highlight),
    appTheme,
    ...(lang === 'json' ? [json(), codeFolding(), foldGutter()] : []),
    ...(lang === 'json-large'
      ? [lightJsonHighlight, indentFolding, codeFolding(), foldGutter()]
      : []),
  ]
}
