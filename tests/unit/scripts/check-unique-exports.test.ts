import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/check-unique-exports.mjs');
let work = '';
afterEach(() => rmSync(work, { recursive: true, force: true }));

const tree = (files: Record<string, string>): string => {
  work = mkdtempSync(join(tmpdir(), 'powertune-exports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  return work;
};

const check = (root: string): { status: number | null; stderr: string } => {
  const run = spawnSync(process.execPath, [SCRIPT, root], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
};

describe('Script: check-unique-exports', () => {
  it('fails and names both files when two files export a function of the same name', () => {
    // Prepare
    const root = tree({
      'core/format.ts': 'const formatMemory = (mb: number): string => `${mb} MB`;\nexport { formatMemory };\n',
      'report/format.ts': 'export function formatMemory(mb: number): string { return String(mb); }\n',
    });
    // Act
    const run = check(root);
    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/formatMemory: .*core\/format\.ts, .*report\/format\.ts/);
  });

  it('passes re-exports, aliases to other names, and same-named non-functions', () => {
    // Prepare
    const root = tree({
      'core/format.ts': 'const formatMemory = (mb: number): string => `${mb} MB`;\nexport { formatMemory };\n',
      'core/index.ts': "export { formatMemory } from './format.js';\n",
      'report/format.ts':
        'const formatMemory = (mb: number): string => `${mb}`;\nexport { formatMemory as formatMemoryCell };\n',
      'report/constants.ts': 'export const formatDuration = 3;\n',
      'cli/x.ts': 'const formatDuration = (): string => "";\nexport { formatDuration };\n',
    });
    // Act
    const run = check(root);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
