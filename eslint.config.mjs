import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './scripts/lint/layering.mjs';
import { sqlInStorePlugin } from './scripts/lint/sql-in-store.mjs';

const NODE_ONLY = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'sharp',
  'chdb',
  'chdb/*',
  'onnxruntime-node',
  '@clickhouse/client',
  '@huggingface/transformers',
  'electron',
];

// Folders are process boundaries: the renderer is DOM only, the engine never touches Electron, and
// shared/ is the contract both sides import. local/layering (scripts/lint/layering.mjs) is the allow-list of
// which of our folders may import which; local/sql-in-store (scripts/lint/sql-in-store.mjs) keeps SQL in
// electron/engine/store/; the rules below keep Node packages out of the DOM side.
export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'fixtures/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    plugins: { local: { rules: { ...layeringPlugin.rules, ...sqlInStorePlugin.rules } } },
    rules: { 'local/layering': 'error', 'local/sql-in-store': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_ONLY, message: 'The renderer is DOM only: ask the engine through the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: NODE_ONLY, message: 'shared/ runs in the renderer too: no Node or Electron.' }],
        },
      ],
    },
  },
  {
    // Photos are read through /proc/self/fd/N, and libvips caches decodes by name: the engine gets sharp
    // from one place that sets it up for that (image/uncached-sharp.ts). Types are fine anywhere.
    files: ['electron/**/*.ts'],
    ignores: ['electron/engine/image/uncached-sharp.ts', '**/*.test.ts', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'sharp',
              allowTypeImports: true,
              message:
                "Import sharp from electron/engine/image/uncached-sharp (libvips' decode cache is set there).",
            },
          ],
        },
      ],
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
