import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLocalFunction, ProjectBuildError, ProjectInputError } from '../../../src/project/index.js';

let work: string;

const write = (path: string, text: string): void => {
  const full = join(work, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
};

const pkg = (name: string, deps: Record<string, string> = {}, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name, version: '1.0.0', dependencies: deps, ...extra });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'powertune-project-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const paths = (files: { path: string }[]): string[] => files.map((f) => f.path).sort();

describe('Function: loadLocalFunction (Node.js)', () => {
  it('packages the code root with its production node_modules, hoisted workspace ones included, and no dev ones', async () => {
    // Prepare: a workspace; the function's package hoists `a` (which needs `b`) to the root.
    write('package.json', pkg('root', {}, { workspaces: ['packages/*'] }));
    write('node_modules/a/package.json', pkg('a', { b: '1' }));
    write('node_modules/a/index.js', 'module.exports = 1;');
    write('node_modules/b/package.json', pkg('b'));
    write('node_modules/b/index.js', 'module.exports = 2;');
    write('node_modules/dev-only/package.json', pkg('dev-only'));
    write('packages/fn/package.json', pkg('fn', { a: '1' }, { type: 'module', devDependencies: { 'dev-only': '1' } }));
    write(
      'packages/fn/src/handler.mjs',
      "import a from 'a'; import { x } from './lib.mjs'; export const handler = () => a + x;",
    );
    write('packages/fn/src/lib.mjs', 'export const x = 1;');
    write('packages/fn/.env', 'SECRET=1');
    write('packages/fn/node_modules/.bin/x', '');
    // Act
    const fn = await loadLocalFunction({ file: join(work, 'packages/fn/src/handler.mjs'), name: 'fn', cwd: work });
    // Assess
    expect(fn.handler).toBe('src/handler.handler');
    expect(fn.runtime).toBe('nodejs22.x');
    expect(fn.packaging).toBe('node_modules');
    expect(paths(fn.files)).toEqual([
      'node_modules/a/index.js',
      'node_modules/a/package.json',
      'node_modules/b/index.js',
      'node_modules/b/package.json',
      'package.json',
      'src/handler.mjs',
      'src/lib.mjs',
    ]);
  });

  it('nests a second version of a package under its dependant, as npm does', async () => {
    // Prepare
    write('package.json', pkg('app', { a: '1', c: '1' }));
    write('handler.js', 'exports.handler = () => 1;');
    write('node_modules/c/package.json', pkg('c'));
    write('node_modules/a/package.json', pkg('a', { c: '2' }));
    write('node_modules/a/node_modules/c/package.json', JSON.stringify({ name: 'c', version: '2.0.0' }));
    // Act
    const fn = await loadLocalFunction({ file: join(work, 'handler.js'), name: 'app', cwd: work });
    // Assess
    expect(paths(fn.files)).toContain('node_modules/a/node_modules/c/package.json');
    expect(fn.files.find((f) => f.path === 'node_modules/a/node_modules/c/package.json')?.data.toString()).toContain(
      '2.0.0',
    );
  });

  it('follows a symlinked (workspace-linked) package to its real folder', async () => {
    write('package.json', pkg('app', { shared: '1' }));
    write('handler.cjs', 'exports.handler = () => 1;');
    write('libs/shared/package.json', pkg('shared'));
    write('libs/shared/index.js', 'module.exports = 1;');
    mkdirSync(join(work, 'node_modules'));
    symlinkSync(join(work, 'libs/shared'), join(work, 'node_modules/shared'));
    const fn = await loadLocalFunction({ file: join(work, 'handler.cjs'), name: 'app', cwd: work });
    expect(paths(fn.files)).toContain('node_modules/shared/index.js');
  });

  it('refuses a dependency that is not installed, saying nothing is installed at tune time', async () => {
    write('package.json', pkg('app', { missing: '1' }));
    write('handler.mjs', 'export const handler = () => 1;');
    await expect(loadLocalFunction({ file: join(work, 'handler.mjs'), name: 'app', cwd: work })).rejects.toThrow(
      /package\.json depends on "missing", which is not installed .*nothing is installed at tune time/,
    );
  });

  it('builds a TypeScript handler and its local .ts modules into one module with a source map', async () => {
    // Prepare
    write('package.json', pkg('app', {}, { type: 'module' }));
    write(
      'src/handler.ts',
      "import { twice } from './lib';\nexport const handler = async (): Promise<number> => twice(2);\n",
    );
    write('src/lib.ts', 'export const twice = (n: number): number => n * 2;\n');
    // Act
    const fn = await loadLocalFunction({ file: join(work, 'src/handler.ts'), name: 'app', cwd: work });
    // Assess
    expect(fn.handler).toBe('src/handler.handler');
    const built = fn.files.find((f) => f.path === 'src/handler.mjs')?.data.toString() ?? '';
    expect(built).toContain('n * 2');
    expect(built).toContain('//# sourceMappingURL=handler.mjs.map');
    expect(paths(fn.files)).toContain('src/handler.mjs.map');
    expect(fn.summary).toMatch(/TypeScript built with esbuild/);
  });

  it('reports a TypeScript syntax error as file:line:col', async () => {
    write('package.json', pkg('app'));
    write('src/handler.ts', 'export const handler = async () => {\n  const x: number = ;\n};\n');
    const loading = loadLocalFunction({ file: join(work, 'src/handler.ts'), name: 'app', cwd: work });
    await expect(loading).rejects.toThrow(ProjectBuildError);
    await expect(loadLocalFunction({ file: join(work, 'src/handler.ts'), name: 'app', cwd: work })).rejects.toThrow(
      /src\/handler\.ts:2:21: /,
    );
  });

  it('bundles with --bundle, leaving @aws-sdk/* to the runtime', async () => {
    write('package.json', pkg('app', { dep: '1' }, { type: 'module' }));
    write('node_modules/dep/package.json', pkg('dep'));
    write('node_modules/dep/index.js', 'module.exports = "from-dep";');
    write(
      'index.mjs',
      "import dep from 'dep';\nimport { LambdaClient } from '@aws-sdk/client-lambda';\nexport const handler = () => [dep, typeof LambdaClient];\n",
    );
    const fn = await loadLocalFunction({ file: join(work, 'index.mjs'), name: 'app', cwd: work, bundle: true });
    expect(fn.packaging).toBe('bundle');
    expect(paths(fn.files)).toEqual(['index.mjs', 'index.mjs.map']);
    const bundle = fn.files.find((f) => f.path === 'index.mjs')?.data.toString() ?? '';
    expect(bundle).toContain('from-dep');
    expect(bundle).toMatch(/from "@aws-sdk\/client-lambda"/);
  });

  it.each([
    [{ codeRoot: 'nowhere' }, /--code-root: expected an existing folder; got ".*nowhere" \(no such folder\)/],
    [{ codeRoot: 'other' }, /--code-root: expected a folder that holds the handler/],
    [{ exportName: 'not-valid' }, /--handler: expected the name of the exported handler function/],
  ])('refuses bad options %j', async (options, message) => {
    write('package.json', pkg('app'));
    write('app/handler.mjs', 'export const handler = () => 1;');
    mkdirSync(join(work, 'other'));
    await expect(loadLocalFunction({ file: 'app/handler.mjs', name: 'app', cwd: work, ...options })).rejects.toThrow(
      message,
    );
  });

  it('refuses a missing handler file and an unknown extension as input errors', async () => {
    write('handler.rb', '');
    await expect(loadLocalFunction({ file: 'gone.mjs', name: 'x', cwd: work })).rejects.toThrow(ProjectInputError);
    await expect(loadLocalFunction({ file: 'handler.rb', name: 'x', cwd: work })).rejects.toThrow(
      /expected a handler file ending in \.mjs/,
    );
  });
});

describe('Function: loadLocalFunction (Python)', () => {
  it.each([
    ['def lambda_handler(event, context):\n    return 1\n', 'app.lambda_handler'],
    ['def handler(event, context):\n    return 1\n', 'app.handler'],
    ['def handler(e, c):\n    pass\ndef lambda_handler(e, c):\n    pass\n', 'app.lambda_handler'],
  ])('picks lambda_handler, else handler', async (source, handler) => {
    write('app.py', source);
    const fn = await loadLocalFunction({ file: join(work, 'app.py'), name: 'py', cwd: work });
    expect(fn.handler).toBe(handler);
    expect(fn.runtime).toBe('python3.12');
  });

  it('packages the code root and a --packages-dir beside it', async () => {
    write('fn/app.py', 'import dep\ndef lambda_handler(e, c):\n    return dep.X\n');
    write('fn/__pycache__/app.cpython-312.pyc', '');
    write('site/dep/__init__.py', 'X = 1\n');
    const fn = await loadLocalFunction({ file: join(work, 'fn/app.py'), name: 'py', cwd: work, packagesDir: 'site' });
    expect(paths(fn.files)).toEqual(['app.py', 'dep/__init__.py']);
  });
});
