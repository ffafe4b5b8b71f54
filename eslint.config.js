// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/** The layer rule: pure layers never reach Electron, electron-store or the DOM. */
const electronImports = {
  paths: [
    { name: 'electron', message: 'Pure layers (core, shared, sandbox) must not import Electron.' },
    {
      name: 'electron-store',
      message: 'Pure layers must not import electron-store; use a KeyValueStore.',
    },
  ],
  patterns: [
    { group: ['electron/*', 'electron-store/*'], message: 'Pure layers must not import Electron.' },
  ],
}
/**
 * The import direction between layers: main -> core -> shared; sandbox -> shared; preload and
 * renderer -> shared. An import that names a layer folder it may not reach is an error.
 * (Relative imports: a path that climbs with `../` into a forbidden layer folder.)
 */
const layerImports = (layer, forbidden) => ({
  regex: `^(\\.\\./)+(electron/)?(${forbidden.join('|')})(/|$)`,
  message: `${layer} must not import ${forbidden.join(', ')}: main -> core -> shared; sandbox, preload and renderer -> shared only.`,
})
const LAYER_RULES = {
  'electron/core': layerImports('electron/core', ['sandbox', 'main', 'preload', 'renderer']),
  'electron/shared': layerImports('electron/shared', [
    'core',
    'sandbox',
    'main',
    'preload',
    'renderer',
  ]),
  'electron/sandbox': layerImports('electron/sandbox', ['core', 'main', 'preload', 'renderer']),
  'electron/preload': layerImports('electron/preload', ['core', 'sandbox', 'main', 'renderer']),
  renderer: layerImports('renderer', ['core', 'sandbox', 'main', 'preload']),
}

const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
].map((name) => ({ name, message: 'Pure layers must not use DOM globals.' }))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}', 'test/component/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...['electron/core', 'electron/shared', 'electron/sandbox'].map((layer) => ({
    files: [`${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronImports.paths,
          patterns: [...electronImports.patterns, LAYER_RULES[layer]],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  })),
  ...['electron/preload', 'renderer'].map((layer) => ({
    files: [`${layer}/**/*.{ts,vue}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [LAYER_RULES[layer]] }] },
  })),
  prettier,
)
