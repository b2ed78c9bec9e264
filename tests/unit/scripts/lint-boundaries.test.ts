import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, run on probe text as if it were a
// file at `path` (nothing is written). Type-aware rules are switched off so
// the probe needs no TypeScript program; the boundary rules are untouched.
const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

const boundaryErrors = async (path: string, specifier: string): Promise<string[]> => {
  const [result] = await eslint.lintText(`import * as probe from '${specifier}';\nexport { probe };\n`, {
    filePath: resolve(ROOT, path),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('Lint: layer boundaries', () => {
  it.each([
    ['src/core/probe.ts', '@aws-sdk/client-lambda', /Only lambda\//],
    ['src/core/analysis/probe.ts', '@aws-sdk/client-lambda', /Only lambda\//],
    ['src/core/probe.ts', 'node:fs', /core\/ is pure/],
    ['src/core/search/probe.ts', 'node:fs', /core\/ is pure/],
    ['src/core/search/probe.ts', 'fs', /core\/ is pure/],
    ['src/core/analysis/probe.ts', '../../tuner/index.js', /core\/ imports nothing of ours/],
    ['src/core/probe.ts', '../lambda/index.js', /core\/ imports nothing of ours/],
    ['src/report/probe.ts', '../emulator/index.js', /report\/ imports only core\//],
    ['src/report/html/probe.ts', '../../emulator/index.js', /report\/ imports only core\//],
    ['src/report/terminal/probe.ts', '../../tuner/index.js', /report\/ imports only core\//],
    ['src/emulator/probe.ts', '../lambda/index.js', /emulator\/ imports only core\//],
    ['src/emulator/runtime/probe.ts', '../../report/index.js', /emulator\/ imports only core\//],
    ['src/tuner/probe.ts', '@aws-sdk/client-s3', /Only lambda\//],
    ['src/tuner/probe.ts', '../cli/main.js', /tuner\/ imports only core\/ and lambda\//],
    ['src/lambda/probe.ts', '../tuner/index.js', /lambda\/ imports only core\//],
    ['src/stepfunctions/handlers/probe.ts', '../../cli/main.js', /stepfunctions\/ imports only/],
  ])('fails lint when %s imports %s', async (path, specifier, message) => {
    // Act
    const errors = await boundaryErrors(path, specifier);
    // Assess
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['src/core/analysis/probe.ts', '../report/parse-report.js'],
    ['src/core/analysis/probe.ts', '../errors.js'],
    ['src/report/html/probe.ts', '../../core/index.js'],
    ['src/report/html/probe.ts', '../assets/chart-bundle.generated.js'],
    ['src/emulator/runtime/probe.ts', '../../core/errors.js'],
    ['src/lambda/probe.ts', '@aws-sdk/client-lambda'],
    ['src/lambda/probe.ts', '../core/index.js'],
    ['src/stepfunctions/sfn-client.ts', '@aws-sdk/client-sfn'],
    ['src/tuner/probe.ts', '../lambda/index.js'],
    ['src/cli/commands/probe.ts', '../../emulator/index.js'],
  ])('lets %s import %s (an arrow of the architecture)', async (path, specifier) => {
    expect(await boundaryErrors(path, specifier)).toEqual([]);
  });
});
