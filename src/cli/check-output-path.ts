/**
 * Checks an output path (`--out`, `--report`, `--html`, `--state-dir`)
 * before a command changes anything, so a typo or a read-only folder is
 * found in the first second and not after a long run whose result is lost.
 * Nothing is created here: the nearest existing folder must be writable.
 *
 * @module cli/check-output-path
 */
import { accessSync, constants, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';

const statOrUndefined = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

const isWritable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Throws a `UsageError` (exit 2) naming `field` when `path` cannot be
 * written: a file path that is a folder (or ends in a slash), a folder path
 * that is a file, a parent that is a file, or no write permission on the
 * nearest existing folder. Returns the absolute path.
 *
 * @example
 * checkOutputPath({ path: 'out/result.json', cwd: process.cwd(), field: '--out', kind: 'file' });
 */
const checkOutputPath = ({
  path,
  cwd,
  field,
  kind,
}: {
  path: string;
  cwd: string;
  field: string;
  kind: 'file' | 'directory';
}): string => {
  const shown = JSON.stringify(path);
  const refuse = (problem: string, fix: string): never => {
    throw new UsageError({
      field,
      message: `${field}: expected a writable ${kind} path; got ${shown} (${problem}). ${fix}`,
    });
  };
  if (path.trim() === '') refuse('empty', `Give a ${kind} path.`);
  const absolute = resolve(cwd, path);
  if (kind === 'file' && /[\\/]$/.test(path))
    refuse(
      'it ends with a slash, so it names a folder',
      `Add a file name, e.g. ${JSON.stringify(`${path}result.json`)}.`,
    );
  const existing = statOrUndefined(absolute);
  if (existing !== undefined) {
    if (kind === 'file' && existing.isDirectory())
      refuse('it is a directory', `Add a file name, e.g. ${JSON.stringify(`${path}/result.json`)}.`);
    if (kind === 'directory' && !existing.isDirectory()) refuse('it is a file', 'Give a folder path.');
    if (!isWritable(absolute)) refuse('permission denied', 'Choose a path you can write to.');
    return absolute;
  }
  // The path does not exist yet: it is created at write time, so the
  // nearest existing ancestor must be a folder we may write into.
  let ancestor = dirname(absolute);
  for (;;) {
    const stats = statOrUndefined(ancestor);
    if (stats !== undefined) {
      if (!stats.isDirectory()) refuse(`${ancestor} is a file, not a folder`, 'Choose a path inside a folder.');
      if (!isWritable(ancestor)) refuse(`no permission to write in ${ancestor}`, 'Choose a path you can write to.');
      return absolute;
    }
    const parent = dirname(ancestor);
    if (parent === ancestor) return absolute;
    ancestor = parent;
  }
};

export { checkOutputPath };
