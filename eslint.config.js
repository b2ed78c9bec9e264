// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer boundaries of ARCHITECTURE.md ("Layers"), as lint rules. Imports
 * are matched as written, so a relative import leaves a folder when it climbs
 * more `../` than the file sits deep in it; one block per folder and depth
 * says exactly that. (A later block replaces an earlier block's
 * `no-restricted-imports` for the same file, so each block carries the whole
 * rule.)
 */
const MAX_DEPTH = 5;
const NODE_BUILTINS = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: 'core/ is pure: no Node built-ins (I/O sits at the edges behind ports).' })),
  patterns: [{ group: ['node:*'], message: 'core/ is pure: no Node built-ins (I/O sits at the edges behind ports).' }],
};
const AWS_SDK = {
  group: ['@aws-sdk/*'],
  message: 'Only lambda/ (the AWS adapters) and stepfunctions/sfn-client.ts import an AWS SDK client.',
};

/** `../` repeated `n` times, as a regular expression. */
const up = (n) => `^(?:\\.\\./){${n}}`;

/**
 * One block per depth of `folder`: a file `depth` folders below `src/<folder>`
 * may leave the folder only towards `allowed` (other top-level folders of src/).
 */
const boundary = ({ folder, allowed, message, builtins = false, sdk = true }) =>
  Array.from({ length: MAX_DEPTH }, (_, depth) => {
    const leave = depth + 1;
    const towards = allowed.length === 0 ? '' : `(?!(?:${allowed.join('|')})/)`;
    return {
      files: [`src/${folder}/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            ...(builtins ? { paths: NODE_BUILTINS.paths } : {}),
            patterns: [
              ...(builtins ? NODE_BUILTINS.patterns : []),
              ...(sdk ? [AWS_SDK] : []),
              { regex: `${up(leave)}${towards}`, message },
              { regex: `${up(leave + 1)}`, message: 'Imports stay inside src/.' },
            ],
          },
        ],
      },
    };
  });

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-artifacts/',
      '**/*.generated.*',
      'examples/**/vendor/',
      'cdk.out/',
      // handlers bundled by `npm pack` (prepack) and `npm run verify:package`
      'deploy/sam/.build/',
    ],
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
    // Type-aware rules: a promise nobody awaits loses its error (and, in a run, its cleanup).
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // core/ is pure: no Node built-ins, no SDK, no other folder of ours.
  ...boundary({ folder: 'core', allowed: [], builtins: true, message: 'core/ imports nothing of ours outside core/.' }),
  // The AWS adapters build on core/ only.
  ...boundary({ folder: 'lambda', allowed: ['core'], sdk: false, message: 'lambda/ imports only core/.' }),
  // The tuner runs on ports: core/ and lambda/, never an SDK client.
  ...boundary({ folder: 'tuner', allowed: ['core', 'lambda'], message: 'tuner/ imports only core/ and lambda/.' }),
  // The emulator stands alone; it may use core/ (the REPORT-line format), nothing else.
  ...boundary({ folder: 'emulator', allowed: ['core'], message: 'emulator/ imports only core/.' }),
  // Renderers read a result: core/ only.
  ...boundary({ folder: 'report', allowed: ['core'], message: 'report/ imports only core/.' }),
  // The Step Functions driver runs tuner steps; only its client speaks to Step Functions.
  ...boundary({
    folder: 'stepfunctions',
    allowed: ['core', 'lambda', 'tuner'],
    message: 'stepfunctions/ imports only core/, lambda/ and tuner/.',
  }),
  {
    files: ['src/stepfunctions/sfn-client.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${up(1)}(?!(?:core|lambda|tuner)/)`,
              message: 'stepfunctions/ imports only core/, lambda/ and tuner/.',
            },
            { regex: up(2), message: 'Imports stay inside src/.' },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript that runs on Node as-is (handlers, bootstraps, scripts, fixtures).
    files: [
      'examples/**/*.{js,mjs,cjs}',
      'bench/functions/**/*.{js,mjs,cjs}',
      'src/emulator/runtime/**/*.{js,mjs,cjs}',
      'tests/**/*.{js,mjs,cjs}',
      'scripts/**/*.{js,mjs,cjs}',
    ],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'Buffer',
          'require',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'fetch',
          'URL',
          'TextEncoder',
          'TextDecoder',
          'AbortController',
          'performance',
          '__dirname',
          '__filename',
          'queueMicrotask',
          'structuredClone',
        ]
          .map((name) => [name, 'readonly'])
          .concat([
            ['module', 'writable'],
            ['exports', 'writable'],
          ]),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
