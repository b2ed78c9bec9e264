import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageHandlerError } from '../../../src/emulator/errors.js';
import { packageHandlerFile } from '../../../src/emulator/package-handler.js';
import { readZip } from '../../../src/emulator/zip.js';

const work = mkdtempSync(join(tmpdir(), 'powertune-package-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('Function: packageHandlerFile', () => {
  it.each([
    ['handler.mjs', undefined, 'handler.handler', 'nodejs22.x'],
    ['app.cjs', 'main', 'app.main', 'nodejs22.x'],
    ['lambda_function.py', 'lambda_handler', 'lambda_function.lambda_handler', 'python3.12'],
  ])('returns handler and runtime for %s (export %s)', (file, exportName, handler, runtime) => {
    // Prepare
    const root = tree(`single-${file}`, { [file]: 'code', 'other.txt': 'not packaged' });

    // Act
    const packaged = packageHandlerFile({ file: join(root, file), ...(exportName ? { exportName } : {}) });

    // Assess
    expect(packaged).toMatchObject({ handler, runtime, entry: file });
    expect(readZip(packaged.zip).map((entry) => entry.path)).toEqual([file]);
  });

  it('includes the sibling package.json of a .js file so "type": "module" still applies', () => {
    const root = tree('js-module', { 'index.js': 'export const handler = 1;', 'package.json': '{"type":"module"}' });
    const packaged = packageHandlerFile({ file: 'index.js', cwd: root });
    expect(
      readZip(packaged.zip)
        .map((entry) => entry.path)
        .sort(),
    ).toEqual(['index.js', 'package.json']);
  });

  it('packages a whole folder and finds its entry file', () => {
    const root = tree('folder', {
      'index.mjs': 'import "./lib/util.mjs";',
      'lib/util.mjs': 'export {}',
      '.git/HEAD': 'ref',
    });
    const packaged = packageHandlerFile({ file: root });
    expect(packaged).toMatchObject({ handler: 'index.handler', runtime: 'nodejs22.x' });
    expect(
      readZip(packaged.zip)
        .map((entry) => entry.path)
        .sort(),
    ).toEqual(['index.mjs', 'lib/util.mjs']);
  });

  it('returns the same zip for the same files (same CodeSha256 on redeploy)', () => {
    const root = tree('stable', { 'index.mjs': 'export const handler = 1;' });
    expect(packageHandlerFile({ file: root }).zip.equals(packageHandlerFile({ file: root }).zip)).toBe(true);
  });

  it.each([
    ['a missing file', () => packageHandlerFile({ file: join(work, 'nope.mjs') }), /does not exist/],
    [
      'an unknown extension',
      () => packageHandlerFile({ file: join(tree('rb', { 'main.rb': 'x' }), 'main.rb') }),
      /Supported: \.mjs, \.js, \.cjs, \.py/,
    ],
    [
      'a folder without an entry',
      () => packageHandlerFile({ file: tree('empty', { 'readme.md': 'x' }) }),
      /no entry file/,
    ],
    [
      'an export name that is not an identifier',
      () => packageHandlerFile({ file: join(tree('bad', { 'a.mjs': 'x' }), 'a.mjs'), exportName: 'not-valid' }),
      /not a valid identifier/,
    ],
  ])('throws PackageHandlerError for %s', (_case, act, message) => {
    expect(act).toThrow(PackageHandlerError);
    expect(act).toThrow(message);
  });
});
