/**
 * Which functions already have a powertune result on file (scan's
 * `never-tuned` signal): tune results and fleet results in a folder.
 *
 * @module cli/read-tuned-functions
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { functionNameOfArn, regionOfArn } from '../core/index.js';

const keyOf = (name: string, region: string | undefined): string =>
  `${functionNameOfArn(name) ?? name}@${region ?? regionOfArn(name) ?? ''}`;

/**
 * Reads every `*.json` in `dir` (and its direct subfolders); a missing folder
 * means nothing is on file. Returns a predicate over function name and region.
 *
 * @example
 * const isTuned = await readTunedFunctions('.powertune/results');
 * isTuned({ functionName: 'orders', region: 'eu-west-1' });
 */
const readTunedFunctions = async (dir: string): Promise<(fn: { functionName: string; region: string }) => boolean> => {
  const keys = new Set<string>();
  const files: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory() && depth > 0) await walk(join(folder, entry.name), depth - 1);
      else if (entry.isFile() && entry.name.endsWith('.json')) files.push(join(folder, entry.name));
    }
  };
  await walk(dir, 1);
  for (const file of files) {
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as {
        run?: { functionName?: string; region?: string };
        functions?: Array<{ functionName?: string; region?: string; status?: string }>;
      };
      if (typeof data.run?.functionName === 'string') keys.add(keyOf(data.run.functionName, data.run.region));
      for (const fn of Array.isArray(data.functions) ? data.functions : []) {
        if (fn.status === 'tuned' && typeof fn.functionName === 'string') keys.add(keyOf(fn.functionName, fn.region));
      }
    } catch {
      // Not a result: other JSON files may share the folder.
    }
  }
  return ({ functionName, region }) =>
    keys.has(keyOf(functionName, region)) || keys.has(keyOf(functionName, undefined));
};

export { readTunedFunctions };
