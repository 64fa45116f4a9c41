import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'models/**/*.bin', 'bench/results', 'bench/.dist', '.gl', '.gpu-kit', 'public/tfjs-wasm'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@tensorflow/*'], message: 'UI code never imports tfjs: talk to the compute worker through src/ui/bridge.' },
        // A worker's script URL (`?worker&url`, a string, no code) is allowed: the UI starts workers by it.
        { regex: '(^|/)worker/(?!(.*/)?[^/]+\\.worker\\.ts\\?worker&url$)', message: 'UI code reaches the worker only through src/ui/bridge.' },
      ] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@tensorflow/*', 'react', 'react-dom', 'zustand'], message: 'src/shared is pure: no tfjs, no React, no store.' },
        { group: ['**/ui/**', '**/worker/**'], message: 'src/shared imports nothing from ui/ or worker/.' },
      ] }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'bench/**/*.{js,mjs,ts}', 'e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
