// Layering is enforced here, like VS Code's `local/code-layering`: the folder tells the runtime.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'zlib',
  'http',
  'url',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test/fixtures/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Work code runs in plain Node (tests, CLI, browser mode): only the thin shell may touch Electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }],
          patterns: [
            { group: ['**/src-renderer/**'], message: 'main never imports renderer code.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is shared by main, preload and renderer: it imports no runtime.
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The contract imports no runtime.' },
            'vue',
            'pinia',
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The contract imports no runtime (no node:*).' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'The contract imports no process code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through the contract.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer never imports node:*.' },
            {
              group: ['**/src-main/**'],
              message: 'Engine results arrive as pixels over the contract.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
