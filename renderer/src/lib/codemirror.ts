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
  drawSelection,
  EditorView,
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
 * The read-only response viewer: folding and search. `lang` json highlights (the parser works in
 * the background in time slices, so a large document stays responsive); html/text do not parse.
 */
/**
 * HTML highlighting and folding for the viewer, loaded on first use: the language (with the CSS
 * and JavaScript it embeds) is large, and most bodies are JSON.
 */
export async function htmlViewerLanguage(): Promise<Extension> {
  const { html } = await import('@codemirror/lang-html')
  return [html(), codeFolding(), foldGutter()]
}

export function viewerExtensions(lang: 'json' | 'text' | 'html'): Extension[] {
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
  ]
}
