/**
 * `--function ./src/handler.mjs[:export]` as a deploy tool sees it: the
 * handler's code root (the nearest folder with a package.json, or
 * `--code-root`), its local modules and files, its production
 * `node_modules` — or one esbuild bundle with `--bundle`. Python: the code
 * root (the handler's folder) plus the packages installed in it or in
 * `--packages-dir`. Nothing is installed.
 *
 * @module project/load-local-function
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { ENTRY_CANDIDATES, findEntryFile } from '../emulator/index.js';
import { buildNodeEntry } from './build-node-entry.js';
import { collectNodeModules } from './collect-node-modules.js';
import {
  DEFAULT_LOCAL_TIMEOUT_SECONDS,
  DEFAULT_RUNTIME_BY_EXTENSION,
  NODE_DEFAULT_HANDLER,
  PYTHON_DEFAULT_HANDLERS,
  TYPESCRIPT_EXTENSIONS,
} from './constants.js';
import { ProjectInputError } from './errors.js';
import { listCodeFiles } from './list-code-files.js';
import type { FunctionDefinition, LayerDefinition, PackagedFile, Packaging } from './types.js';

interface LoadLocalFunctionOptions {
  /** Handler file or folder (absolute or relative to `cwd`). */
  file: string;
  /** Exported handler name; default `handler` (Node.js) or `lambda_handler`, else `handler` (Python). */
  exportName?: string;
  /** Function name in the local service. */
  name: string;
  /** Folder whose contents Lambda gets (default: see the module comment). */
  codeRoot?: string;
  /** Bundle with esbuild instead of packaging `node_modules`. */
  bundle?: boolean;
  /** Python: a folder of installed packages to put beside the code. */
  packagesDir?: string;
  environment?: Record<string, string>;
  timeout?: number;
  memorySize?: number;
  runtime?: string;
  architecture?: 'x86_64' | 'arm64';
  layers?: LayerDefinition[];
  cwd?: string;
  /** The flag messages name (default `--function`). */
  field?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const HOST_NODE_MAJOR = Number(process.versions.node.split('.')[0]);

const toPackagePath = (root: string, file: string): string => relative(root, file).split(sep).join('/');

/** A folder never taken as a code root by walking up: packaging it would take unrelated files. */
const isTooBroad = (dir: string): boolean => dir === dirname(dir) || dir === homedir() || dir === tmpdir();

/** The nearest folder at or above the handler's holding a package.json, stopping below the home and temp folders. */
const findPackageRoot = (fileDir: string): string | undefined => {
  for (let dir = fileDir; !isTooBroad(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
};

const kb = (files: readonly PackagedFile[]): string =>
  `${Math.max(1, Math.round(files.reduce((sum, f) => sum + f.data.length, 0) / 1024))} KB`;

/** Python's default handler: `lambda_handler`, else `handler` when only that one is defined. */
const pythonHandlerName = (source: string): string => {
  for (const name of PYTHON_DEFAULT_HANDLERS)
    if (new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`, 'm').test(source)) return name;
  return PYTHON_DEFAULT_HANDLERS[0];
};

const checkedDir = ({ dir, field, what }: { dir: string; field: string; what: string }): string => {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ProjectInputError({
      field,
      message: `${field}: expected ${what} folder; got ${JSON.stringify(dir)} (no such folder)`,
    });
  return dir;
};

/**
 * Reads a local handler into a function definition.
 *
 * @example
 * const fn = await loadLocalFunction({ file: './src/handler.ts', name: 'powertune-local-handler', environment: { STAGE: 'dev' } });
 * fn.handler;   // 'src/handler.handler'
 * fn.packaging; // 'node_modules'
 */
const loadLocalFunction = async (options: LoadLocalFunctionOptions): Promise<FunctionDefinition> => {
  const {
    name,
    bundle = false,
    environment = {},
    timeout = DEFAULT_LOCAL_TIMEOUT_SECONDS,
    cwd = process.cwd(),
    field = '--function',
    layers = [],
  } = options;
  let path = resolve(cwd, options.file);
  if (!existsSync(path))
    throw new ProjectInputError({
      field,
      message: `${field}: expected an existing handler file; got ${JSON.stringify(options.file)} (no such file)`,
    });
  if (statSync(path).isDirectory()) {
    const entry = findEntryFile(path);
    if (entry === undefined)
      throw new ProjectInputError({
        field,
        message: `${field}: ${options.file}: the folder has no entry file; expected one of ${ENTRY_CANDIDATES.join(', ')}. Add one or give the handler file itself.`,
      });
    path = join(path, entry);
  }
  const ext = extname(path);
  const runtime = options.runtime ?? (DEFAULT_RUNTIME_BY_EXTENSION as Record<string, string>)[ext];
  if (runtime === undefined) {
    throw new ProjectInputError({
      field,
      message: `${field}: expected a handler file ending in ${Object.keys(DEFAULT_RUNTIME_BY_EXTENSION).join(', ')}; got ${JSON.stringify(basename(path))}`,
    });
  }
  const python = runtime.startsWith('python');
  const exportName =
    options.exportName ?? (python ? pythonHandlerName(readFileSync(path, 'utf8')) : NODE_DEFAULT_HANDLER);
  if (!IDENTIFIER.test(exportName))
    throw new ProjectInputError({
      field: '--handler',
      message: `--handler: expected the name of the exported handler function, e.g. handler; got ${JSON.stringify(exportName)}`,
    });

  const given =
    options.codeRoot === undefined
      ? undefined
      : checkedDir({ dir: resolve(cwd, options.codeRoot), field: '--code-root', what: 'an existing' });
  const codeRoot = given ?? (python ? dirname(path) : (findPackageRoot(dirname(path)) ?? dirname(path)));
  if (relative(codeRoot, path).startsWith('..')) {
    throw new ProjectInputError({
      field: '--code-root',
      message: `--code-root: expected a folder that holds the handler ${relative(cwd, path)}; got ${JSON.stringify(relative(cwd, codeRoot) || '.')}`,
    });
  }
  const base = {
    name,
    runtime,
    timeout,
    environment,
    layers,
    codeRoot,
    ...(options.memorySize === undefined ? {} : { memorySize: options.memorySize }),
    ...(options.architecture === undefined ? {} : { architecture: options.architecture }),
  };
  const shown = relative(cwd, path) || basename(path);

  if (python) {
    const packagesDir =
      options.packagesDir === undefined
        ? undefined
        : checkedDir({ dir: resolve(cwd, options.packagesDir), field: '--packages-dir', what: 'an existing' });
    const files = [
      ...(packagesDir === undefined ? [] : listCodeFiles({ root: packagesDir })),
      ...listCodeFiles({ root: codeRoot }),
    ];
    const stem = toPackagePath(codeRoot, path).slice(0, -ext.length);
    return {
      ...base,
      handler: `${stem}.${exportName}`,
      files: dedupe(files),
      packaging: 'files',
      summary: `${shown}: code root ${relative(cwd, codeRoot) || '.'}${packagesDir === undefined ? '' : ` + ${relative(cwd, packagesDir)}`} (${kb(files)})`,
    };
  }

  const typescript = (TYPESCRIPT_EXTENSIONS as readonly string[]).includes(ext);
  const nodeMajor = Math.min(Number(/^nodejs(\d+)/.exec(runtime)?.[1] ?? HOST_NODE_MAJOR), HOST_NODE_MAJOR);
  if (bundle) {
    const built = await buildNodeEntry({ entry: path, codeRoot, bundle: true, nodeMajor, cwd });
    return {
      ...base,
      handler: `${built.moduleStem}.${exportName}`,
      files: built.files,
      packaging: 'bundle',
      summary: `${shown}: one esbuild bundle, @aws-sdk/* from the runtime (${kb(built.files)})`,
    };
  }
  const modules = collectNodeModules({ codeRoot });
  let files = listCodeFiles({ root: codeRoot });
  let stem = toPackagePath(codeRoot, path).slice(0, -ext.length);
  if (typescript) {
    const built = await buildNodeEntry({ entry: path, codeRoot, bundle: false, nodeMajor, cwd });
    files = dedupe([...files, ...built.files]);
    stem = built.moduleStem;
  }
  const packaging: Packaging = modules.packages.length > 0 ? 'node_modules' : 'files';
  const deps =
    modules.packages.length === 0
      ? 'no production dependencies'
      : `node_modules with ${modules.packages.length} production package${modules.packages.length === 1 ? '' : 's'}`;
  const all = [...files, ...modules.files];
  return {
    ...base,
    handler: `${stem}.${exportName}`,
    files: all,
    packaging,
    summary: `${shown}: code root ${relative(cwd, codeRoot) || '.'}${typescript ? ' (TypeScript built with esbuild, source maps on)' : ''}, ${deps} (${kb(all)})`,
  };
};

/** Later files win over earlier ones with the same path. */
const dedupe = (files: readonly PackagedFile[]): PackagedFile[] => [
  ...new Map(files.map((file) => [file.path, file])).values(),
];

export { loadLocalFunction };
export type { LoadLocalFunctionOptions };
