// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', '**/*.generated.*', 'examples/**/vendor/', 'cdk.out/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // core/ is pure: no I/O, no SDK, no clock (DESIGN.md).
      'no-restricted-imports': ['error', { patterns: ['node:*', '@aws-sdk/*', '../lambda/*', '../tuner/*', '../cli/*', '../report/*', '../emulator/*'] }],
    },
  },
  {
    // Plain JavaScript that runs on Node as-is (handlers, bootstraps, scripts, fixtures).
    files: ['examples/**/*.{js,mjs,cjs}', 'src/emulator/runtime/**/*.{js,mjs,cjs}', 'tests/**/*.{js,mjs,cjs}', 'scripts/**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'require', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'fetch', 'URL', 'TextEncoder', 'TextDecoder', 'AbortController', 'performance', '__dirname', '__filename', 'queueMicrotask', 'structuredClone']
          .map((name) => [name, 'readonly'])
          .concat([['module', 'writable'], ['exports', 'writable']]),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
