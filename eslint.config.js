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
    files: ['examples/**/*.{js,mjs,cjs}', 'src/emulator/runtime/**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', fetch: 'readonly', URL: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
