/**
 * Reads a saved `TuningResult` (from `tune --out` or `tune --json`) and checks
 * its shape enough that renderers never see garbage.
 *
 * @module cli/load-result
 */
import { resolve } from 'node:path';
import type { TuningResult } from '../core/index.js';
import { findShapeProblem, loadResultSchema } from './check-result-shape.js';
import { UsageError } from './errors.js';
import { readJsonFile } from './read-json-file.js';

/**
 * Loads and shape-checks a result file.
 *
 * @example
 * const result = await loadResult({ path: 'result.json', cwd: process.cwd(), field: 'RESULT' });
 */
const loadResult = async ({
  path,
  cwd,
  field,
}: {
  path: string;
  cwd: string;
  field: string;
}): Promise<TuningResult> => {
  const data = await readJsonFile({ path: resolve(cwd, path), field });
  const obj = data as Partial<TuningResult> | null;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new UsageError({
      field,
      message: `${field}: expected a powertune result JSON object; got ${JSON.stringify(data)?.slice(0, 40)} in ${path}`,
    });
  }
  if (!Array.isArray(obj.sizes) || typeof obj.run !== 'object' || typeof obj.recommendation !== 'object') {
    const hint = Array.isArray(obj.stats)
      ? 'it looks like the reference tool\'s output, which lacks per-size statistics; produce it with "powertune tune --out FILE"'
      : 'produce it with "powertune tune --out FILE"';
    throw new UsageError({
      field,
      message: `${field}: expected a powertune result with "sizes", "run" and "recommendation"; got none in ${path} (${hint})`,
    });
  }
  const problem = findShapeProblem({ value: obj, schema: loadResultSchema() });
  if (problem !== undefined) {
    throw new UsageError({
      field,
      message:
        `${field}: ${path} does not match the powertune result schema at ${problem.path}: expected ${problem.expected}; got ${problem.got} ` +
        '(was it edited by hand, or written by another tool? produce it with "powertune tune --out FILE")',
    });
  }
  return obj as TuningResult;
};

export { loadResult };
