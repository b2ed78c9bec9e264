/**
 * The production `node_modules` of a code root, as `npm ci --omit=dev`
 * would leave it: the `dependencies` (and optional and peer ones that are
 * installed) of its package.json, and theirs, found the way Node.js finds
 * them — walking up, so the hoisted packages of a workspace root count.
 * Nothing is installed: what is not on disk is reported.
 *
 * @module project/collect-node-modules
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ProjectInputError } from './errors.js';
import { listCodeFiles } from './list-code-files.js';
import type { PackagedFile } from './types.js';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): Manifest => {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return {};
  }
};

/** Where Node.js finds package `name` from `fromDir` (real path), or undefined. */
const resolvePackageDir = (name: string, fromDir: string): string | undefined => {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
};

/** Dependencies to follow: required ones, and optional/peer ones only when installed. */
const dependenciesOf = (manifest: Manifest): { name: string; required: boolean }[] => {
  const required = Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, required: true }));
  const optional = Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, required: false }));
  const peers = Object.keys(manifest.peerDependencies ?? {}).map((name) => ({ name, required: false }));
  return [...required, ...optional, ...peers];
};

interface CollectedModules {
  files: PackagedFile[];
  /** Package names placed, in order (`ms`, `@scope/pkg`). */
  packages: string[];
}

/**
 * Collects the production dependency tree of `codeRoot` into package files
 * under `node_modules/`. A package needed in two versions keeps the first at
 * the top and nests the other under its dependant, as npm does.
 *
 * @example
 * const { files, packages } = collectNodeModules({ codeRoot: '/app' });
 */
const collectNodeModules = ({ codeRoot }: { codeRoot: string }): CollectedModules => {
  const placedAtTop = new Map<string, string>();
  const files: PackagedFile[] = [];
  const packages: string[] = [];
  const visited = new Set<string>();
  const queue: { fromDir: string; zipDir: string; manifest: Manifest; owner: string }[] = [
    { fromDir: realpathSync(codeRoot), zipDir: '', manifest: readManifest(codeRoot), owner: 'package.json' },
  ];
  while (queue.length > 0) {
    const { fromDir, zipDir, manifest, owner } = queue.shift() as (typeof queue)[number];
    for (const { name, required } of dependenciesOf(manifest)) {
      const found = resolvePackageDir(name, fromDir);
      if (found === undefined) {
        if (!required) continue;
        throw new ProjectInputError({
          field: '--code-root',
          message: `--code-root: ${owner} depends on "${name}", which is not installed in ${join(codeRoot, 'node_modules')} or a folder above it. Install the dependencies first (npm ci); nothing is installed at tune time.`,
        });
      }
      const top = placedAtTop.get(name);
      let target: string;
      if (top === found) continue;
      if (top === undefined) {
        placedAtTop.set(name, found);
        target = `node_modules/${name}/`;
      } else {
        target = `${zipDir}node_modules/${name}/`;
      }
      const key = `${found}\u0000${target}`;
      if (visited.has(key)) continue;
      visited.add(key);
      packages.push(name);
      files.push(...listCodeFiles({ root: found, prefix: target, skip: new Set(['node_modules']) }));
      queue.push({ fromDir: found, zipDir: target, manifest: readManifest(found), owner: `${name}/package.json` });
    }
  }
  return { files, packages };
};

export { collectNodeModules };
export type { CollectedModules };
