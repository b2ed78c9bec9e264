/**
 * Builds a Node.js handler with esbuild: a TypeScript entry (and the local
 * modules it imports) into one JavaScript file with a source map, so errors
 * point at `.ts` lines; with `bundle`, npm packages go in as well, except
 * what the Lambda runtime provides (`@aws-sdk/*`), as SAM's esbuild builder
 * does.
 *
 * @module project/build-node-entry
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { Message } from 'esbuild';
import { BUNDLE_EXTERNALS } from './constants.js';
import { ProjectBuildError } from './errors.js';
import type { PackagedFile } from './types.js';

/** Lets bundled CommonJS code `require()` Node.js built-ins from an ES module. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __powertuneCreateRequire } from 'node:module'; const require = __powertuneCreateRequire(import.meta.url);";

/** Whether `.js` files next to `file` are ES modules (nearest package.json `"type": "module"`). */
const isEsmScope = (file: string): boolean => {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
};

/** ES module output unless the source is CommonJS (`.cjs`, `.cts`, or `.js` outside a module scope). */
const outputFormat = (entry: string): 'esm' | 'cjs' => {
  const ext = extname(entry);
  if (ext === '.cjs' || ext === '.cts') return 'cjs';
  if (ext === '.js') return isEsmScope(entry) ? 'esm' : 'cjs';
  return 'esm';
};

const formatMessage = ({
  message,
  cwd,
  codeRoot,
}: {
  message: Message;
  cwd: string;
  codeRoot: string;
}): { text: string; location: string | undefined } => {
  const at = message.location;
  if (at === null) return { text: message.text, location: undefined };
  const location = `${relative(cwd, join(codeRoot, at.file))}:${at.line}:${at.column + 1}`;
  return { text: `${location}: ${message.text}`, location };
};

interface BuiltEntry {
  files: PackagedFile[];
  /** Path of the built module in the package, without extension (`src/handler`). */
  moduleStem: string;
}

/**
 * Builds `entry` (absolute) inside `codeRoot`; the output keeps the entry's
 * folder and stem with `.mjs` or `.cjs`, so the handler setting is
 * `<stem>.<export>`.
 *
 * @example
 * const { files, moduleStem } = await buildNodeEntry({ entry: '/app/src/handler.ts', codeRoot: '/app', bundle: false, nodeMajor: 22 });
 */
const buildNodeEntry = async ({
  entry,
  codeRoot,
  bundle,
  nodeMajor,
  cwd = process.cwd(),
}: {
  entry: string;
  codeRoot: string;
  bundle: boolean;
  nodeMajor: number;
  cwd?: string;
}): Promise<BuiltEntry> => {
  const format = outputFormat(entry);
  const relativeEntry = relative(codeRoot, entry).split(sep).join('/');
  const moduleStem = relativeEntry.slice(0, relativeEntry.length - extname(relativeEntry).length);
  const outfile = join(codeRoot, `${moduleStem}${format === 'esm' ? '.mjs' : '.cjs'}`);
  // Loaded on use: only projects that need a build pay for esbuild.
  const { build } = await import('esbuild').catch((cause: unknown) => {
    throw new ProjectBuildError({
      message: `${relative(cwd, entry)}: building TypeScript or a --bundle needs esbuild, which is not installed here (npm install esbuild)`,
      cause,
    });
  });
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      absWorkingDir: codeRoot,
      outfile,
      bundle: true,
      // Without --bundle only the local modules are built in; npm packages
      // stay in node_modules, which is packaged beside the output.
      ...(bundle ? { external: [...BUNDLE_EXTERNALS] } : { packages: 'external' as const }),
      platform: 'node',
      target: `node${nodeMajor}`,
      format,
      sourcemap: 'linked',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
      ...(format === 'esm' && bundle ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    const first = errors[0];
    if (first === undefined)
      throw new ProjectBuildError({
        message: `${relative(cwd, entry)}: esbuild could not build the handler: ${(error as Error).message}`,
        cause: error,
      });
    const { text, location } = formatMessage({ message: first, cwd, codeRoot });
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    throw new ProjectBuildError({
      message: `the handler does not build: ${text}${more}`,
      ...(location === undefined ? {} : { location }),
      cause: error,
    });
  }
  const files = result.outputFiles.map((file) => ({
    path: relative(codeRoot, file.path).split(sep).join('/'),
    data: Buffer.from(file.contents),
  }));
  return { files, moduleStem };
};

export { buildNodeEntry, isEsmScope };
export type { BuiltEntry };
