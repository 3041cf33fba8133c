import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_ONLY = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'sharp', 'chdb', 'chdb/*',
  'onnxruntime-node', '@clickhouse/client', '@huggingface/transformers', 'electron'];

// Folders are process boundaries: the renderer is DOM only, the engine never touches Electron, and
// shared/ is the contract both sides import. These rules make crossing one a lint error.
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'fixtures/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: NODE_ONLY, message: 'The renderer is DOM only: ask the engine through the contract.' },
        { group: ['**/electron/**'], message: 'The renderer may import shared/ only.' },
      ] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: NODE_ONLY, message: 'shared/ runs in the renderer too: no Node or Electron.' },
        { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing of ours.' },
      ] }],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine runs without Electron (utility process, serve, CLI).' }],
        patterns: [{ group: ['**/renderer/**', '**/electron/main/**'], message: 'The engine does not know its hosts.' }] }],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.config.{ts,mts,mjs}', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
