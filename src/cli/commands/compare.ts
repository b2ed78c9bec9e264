/**
 * `powertune compare A.json B.json` — two runs side by side.
 *
 * @module cli/commands/compare
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compareResults, renderComparisonHtml } from '../../report/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { loadResult } from '../load-result.js';
import { parseFlags } from '../parse-flags.js';
import { formatHelp } from '../format-help.js';
import { checkOutputPath } from '../check-output-path.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';

const FLAGS: FlagSpec[] = [
  { name: 'html', type: 'string', value: 'FILE', description: 'Write a self-contained HTML comparison' },
  {
    name: 'label-a',
    type: 'string',
    value: 'TEXT',
    description: 'Legend of the first run (default: its architecture or file name)',
  },
  { name: 'label-b', type: 'string', value: 'TEXT', description: 'Legend of the second run' },
  { name: 'json', type: 'boolean', description: 'Print the comparison as JSON' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

/**
 * Runs `powertune compare`.
 *
 * @example
 * await compare({ argv: ['x86.json', 'arm.json', '--html', 'cmp.html'], ...context });
 */
const compare = async (context: CommandContext): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'compare',
  });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage: 'Usage: powertune compare A.json B.json [--html FILE]',
        flags: FLAGS,
        examples: [
          'powertune compare x86.json arm.json',
          'powertune compare before.json after.json --html comparison.html',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  if (positionals.length !== 2) {
    throw new UsageError({
      field: 'RESULTS',
      message: `RESULTS: expected two result files to compare; got ${positionals.length}`,
    });
  }
  if (typeof values.html === 'string')
    checkOutputPath({ path: values.html, cwd: context.cwd, field: '--html', kind: 'file' });
  const [pathA = '', pathB = ''] = positionals;
  const a = await loadResult({ path: pathA, cwd: context.cwd, field: 'A' });
  const b = await loadResult({ path: pathB, cwd: context.cwd, field: 'B' });
  const defaultLabel = (r: typeof a, path: string, other: typeof a): string =>
    r.run.architecture !== other.run.architecture
      ? r.run.architecture
      : path.replace(/^.*\//, '').replace(/\.json$/, '');
  const labelA = typeof values['label-a'] === 'string' ? values['label-a'] : defaultLabel(a, pathA, b);
  const labelB = typeof values['label-b'] === 'string' ? values['label-b'] : defaultLabel(b, pathB, a);
  const comparison = compareResults({ a, b, labelA, labelB });
  if (typeof values.html === 'string') {
    const path = resolve(context.cwd, values.html);
    await writeFile(path, renderComparisonHtml({ a, b, labelA, labelB }));
    if (context.quiet !== true) context.stderr.write(`HTML comparison: ${path}\n`);
  }
  if (values.json === true) context.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else context.stdout.write(`${comparison.sentences.join('\n')}\n`);
  return ExitCode.Success;
};

export { compare, FLAGS };
