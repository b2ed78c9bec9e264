import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputPath } from '../../../src/cli/check-output-path.js';

const cwd = mkdtempSync(join(tmpdir(), 'powertune-outpath-'));
mkdirSync(join(cwd, 'existing-dir'));
writeFileSync(join(cwd, 'existing-file'), 'x');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('Function: checkOutputPath', () => {
  it.each([
    ['a new file in the working folder', 'result.json', 'file'],
    ['a new file in folders still to create', 'a/b/c/result.json', 'file'],
    ['an existing file to overwrite', 'existing-file', 'file'],
    ['an existing folder', 'existing-dir', 'directory'],
    ['a folder still to create', 'state/runs', 'directory'],
  ] as const)('accepts %s and creates nothing', (_name, path, kind) => {
    // Act
    const absolute = checkOutputPath({ path, cwd, field: '--out', kind });
    // Assess
    expect(absolute).toBe(join(cwd, path));
    expect(readdirSync(cwd).sort()).toEqual(['existing-dir', 'existing-file']);
    expect(existsSync(join(cwd, 'a'))).toBe(false);
  });

  it.each([
    [
      'a folder for a file',
      'existing-dir',
      'file',
      /--out: expected a writable file path; got "existing-dir" \(it is a directory\)\. Add a file name, e\.g\. "existing-dir\/result\.json"\./,
    ],
    [
      'a trailing slash for a file',
      'new/',
      'file',
      /--out: expected a writable file path; got "new\/" \(it ends with a slash/,
    ],
    [
      'a file for a folder',
      'existing-file',
      'directory',
      /--out: expected a writable directory path; got "existing-file" \(it is a file\)/,
    ],
    ['a path through a file', 'existing-file/x.json', 'file', /--out: .*\(.*existing-file is a file, not a folder\)/],
    ['an empty path', ' ', 'file', /--out: expected a writable file path; got " " \(empty\)/],
  ] as const)('refuses %s', (_name, path, kind, message) => {
    expect(() => checkOutputPath({ path, cwd, field: '--out', kind })).toThrow(message);
  });
});
