/**
 * Reads a folder into package files: what a deploy tool copies from a code
 * root (everything but hidden files, `node_modules` and tool caches).
 *
 * @module project/list-code-files
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SKIPPED_NAMES } from './constants.js';
import type { PackagedFile } from './types.js';

const EXECUTABLE_MODE = 0o755;
const FILE_MODE = 0o644;

/**
 * Every file under `root`, sorted (a stable zip), as package files under `prefix`.
 * Hidden files (`.env`, `.git`) are never packaged: they hold secrets and tool state.
 *
 * @example
 * listCodeFiles({ root: '/app' }); // [{ path: 'index.mjs', data, mode: 0o644 }, …]
 */
const listCodeFiles = ({
  root,
  prefix = '',
  skip = SKIPPED_NAMES,
}: {
  root: string;
  prefix?: string;
  skip?: ReadonlySet<string>;
}): PackagedFile[] => {
  const found: PackagedFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || skip.has(name)) continue;
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        found.push({
          path: `${prefix}${relative(root, path).split(sep).join('/')}`,
          data: readFileSync(path),
          mode: info.mode & 0o111 ? EXECUTABLE_MODE : FILE_MODE,
        });
      }
    }
  };
  walk(root);
  return found;
};

export { listCodeFiles };
