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
  {
    files: ['electron/core/**/*.ts', 'electron/shared/**/*.ts', 'electron/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', electronImports],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  prettier,
)
