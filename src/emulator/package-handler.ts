/**
 * Zips a handler file (or a whole folder) for CreateFunction, and derives
 * the `Handler` and `Runtime` settings from it. The zip is deterministic, so
 * redeploying the same files gives the same `CodeSha256`.
 *
 * @module emulator/package-handler
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { ENTRY_CANDIDATES, RUNTIME_BY_EXTENSION, ZIP } from './constants.js';
import { PackageHandlerError } from './errors.js';
import type { HandlerRuntime, PackagedHandler } from './types.js';
import { createZip } from './zip.js';
import type { ZipFile } from './zip.js';

interface PackageHandlerFileOptions {
  /** A `.mjs`, `.js`, `.cjs` or `.py` file, or a folder holding an entry file (`index.mjs`, `lambda_function.py`, …). */
  file: string;
  /** The exported function (default `handler`). */
  exportName?: string;
  /** Base of a relative `file` (default `process.cwd()`). */
  cwd?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUPPORTED = Object.keys(RUNTIME_BY_EXTENSION).join(', ');

function runtimeOf(path: string): HandlerRuntime | undefined {
  return (RUNTIME_BY_EXTENSION as Record<string, HandlerRuntime>)[extname(path)];
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o111 ? ZIP.executableFileMode : ZIP.defaultFileMode;
}

/** Every file under `root` except hidden ones (`.git`, `.env`…), sorted for a stable zip. */
function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) found.push(path);
    }
  };
  walk(root);
  return found;
}

/**
 * Folder of a deployment package that holds its layers' content. The local
 * service has no PublishLayerVersion: local layers travel inside the
 * function's package, and the runtime bootstraps treat this folder as
 * Lambda's `/opt` (Node.js `NODE_PATH` = `/opt/nodejs/node_modules` …,
 * Python `sys.path` += `/opt/python` …; stack traces show `/opt/…`).
 */
const LAYERS_FOLDER = '.powertune-opt';

/**
 * Zips a function's files with its layers' content under `LAYERS_FOLDER`,
 * later layers over earlier ones, as Lambda extracts them into `/opt`.
 *
 * @example
 * const zip = zipWithLayers({ files: [{ path: 'index.js', data }], layers: [{ files: [{ path: 'nodejs/node_modules/x/index.js', data: x }] }] });
 */
function zipWithLayers({
  files,
  layers = [],
}: {
  files: readonly ZipFile[];
  layers?: readonly { files: readonly ZipFile[] }[];
}): Buffer {
  const opt = new Map<string, ZipFile>();
  for (const layer of layers)
    for (const file of layer.files) opt.set(file.path, { ...file, path: `${LAYERS_FOLDER}/${file.path}` });
  return createZip([...files, ...opt.values()]);
}

/**
 * The entry file of a handler folder (`index.mjs`, `lambda_function.py`, …,
 * in the order of `ENTRY_CANDIDATES`), or undefined. The one list every
 * caller (the CLI's `--function DIR`, `emulator --functions DIR`) uses.
 *
 * @example
 * findEntryFile('/app'); // 'index.mjs'
 */
function findEntryFile(dir: string): string | undefined {
  return ENTRY_CANDIDATES.find((candidate) => existsSync(join(dir, candidate)));
}

/**
 * Packages a handler for CreateFunction.
 *
 * @example
 * const { zip, handler, runtime } = packageHandlerFile({ file: './handler.mjs' });
 * // handler 'handler.handler', runtime 'nodejs22.x'
 */
function packageHandlerFile({
  file,
  exportName = 'handler',
  cwd = process.cwd(),
}: PackageHandlerFileOptions): PackagedHandler {
  const path = resolve(cwd, file);
  if (!existsSync(path))
    throw new PackageHandlerError({
      message: `${file}: the handler file does not exist (looked at ${path}). Check the path.`,
      file,
    });
  const isFolder = statSync(path).isDirectory();
  const entry = isFolder ? findEntryFile(path) : basename(path);
  if (entry === undefined) {
    throw new PackageHandlerError({
      message: `${file}: the folder has no entry file; expected one of ${ENTRY_CANDIDATES.join(', ')}. Add one or give the file itself.`,
      file,
    });
  }
  const runtime = runtimeOf(entry);
  if (runtime === undefined) {
    throw new PackageHandlerError({
      message: `${file}: unsupported handler file extension ${JSON.stringify(extname(entry))}. Supported: ${SUPPORTED}.`,
      file,
    });
  }
  const pattern = runtime.startsWith('python') ? PYTHON_IDENTIFIER : IDENTIFIER;
  if (!pattern.test(exportName)) {
    throw new PackageHandlerError({
      message: `${file}: export name ${JSON.stringify(exportName)} is not a valid identifier. Give the name of the exported handler function, e.g. handler.`,
      file,
    });
  }

  let files: ZipFile[];
  if (isFolder) {
    files = listFiles(path).map((full) => ({
      path: relative(path, full).split(sep).join('/'),
      data: readFileSync(full),
      mode: modeOf(full),
    }));
  } else {
    files = [{ path: entry, data: readFileSync(path), mode: modeOf(path) }];
    // A .js file is ESM or CommonJS depending on the nearest package.json "type".
    const packageJson = join(dirname(path), 'package.json');
    if (extname(entry) === '.js' && existsSync(packageJson))
      files.push({ path: 'package.json', data: readFileSync(packageJson), mode: ZIP.defaultFileMode });
  }
  const stem = entry.slice(0, entry.length - extname(entry).length);
  return { zip: createZip(files), handler: `${stem}.${exportName}`, runtime, entry };
}

export { findEntryFile, LAYERS_FOLDER, packageHandlerFile, zipWithLayers };
export type { PackageHandlerFileOptions };
