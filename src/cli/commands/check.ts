/**
 * `powertune check RESULT.json --baseline PREVIOUS.json` — a CI gate.
 *
 * @module cli/commands/check
 */
import { checkRegression } from '../../core/index.js';
import { ExitCode, ExitError, UsageError } from '../errors.js';
import { loadResult } from '../load-result.js';
import { parseFlags } from '../parse-flags.js';
import { formatHelp } from '../format-help.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';

const FLAGS: FlagSpec[] = [
  {
    name: 'baseline',
    short: 'b',
    type: 'string',
    value: 'FILE',
    description: 'The result to compare against (e.g. from the main branch)',
  },
  {
    name: 'max-cost-increase',
    type: 'string',
    value: 'PCT',
    description:
      "Allowed rise of the cost per invocation, e.g. 10% (default 10% on AWS, 40% for emulator results); a rise fails only beyond it AND outside both runs' 95% intervals",
  },
  {
    name: 'max-duration-increase',
    type: 'string',
    value: 'PCT',
    description:
      'Allowed rise of the average duration, e.g. 10% (default 10% on AWS, 40% for emulator results); same rule',
  },
  {
    name: 'allow-sweet-spot-move',
    type: 'boolean',
    description: 'Do not fail when the recommended size moved significantly (a move inside a tie band never fails)',
  },
  { name: 'json', type: 'boolean', description: 'Print the check as JSON' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

/** Parses `10%` or `10` (percent; `0.1`-style is ambiguous); undefined when not given (the check's default applies). */
const parsePercent = (value: unknown, field: string): number | undefined => {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text);
  if (match?.[1] === undefined) {
    throw new UsageError({
      field,
      message: `${field}: expected a percentage such as 10%; got ${JSON.stringify(value)}`,
    });
  }
  return Number(match[1]) / 100;
};

/**
 * Runs `powertune check`; exit 1 when the change regressed.
 *
 * @example
 * await check({ argv: ['new.json', '--baseline', 'old.json', '--max-cost-increase', '5%'], ...context });
 */
const check = async (context: CommandContext): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'check',
  });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage: 'Usage: powertune check RESULT.json --baseline PREVIOUS.json [options]',
        flags: FLAGS,
        examples: [
          'powertune check result.json --baseline main.json',
          'powertune check result.json -b main.json --max-cost-increase 5% --allow-sweet-spot-move',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  if (positionals.length !== 1) {
    throw new UsageError({
      field: 'RESULT',
      message: `RESULT: expected one result file to check; got ${positionals.length}`,
    });
  }
  if (typeof values.baseline !== 'string') {
    throw new UsageError({
      field: '--baseline',
      message: '--baseline: expected the previous result file; got nothing',
    });
  }
  const maxCostIncrease = parsePercent(values['max-cost-increase'], '--max-cost-increase');
  const maxDurationIncrease = parsePercent(values['max-duration-increase'], '--max-duration-increase');
  const limits = {
    ...(maxCostIncrease === undefined ? {} : { maxCostIncrease }),
    ...(maxDurationIncrease === undefined ? {} : { maxDurationIncrease }),
    failOnSweetSpotMove: values['allow-sweet-spot-move'] !== true,
  };
  const current = await loadResult({ path: positionals[0] ?? '', cwd: context.cwd, field: 'RESULT' });
  const baseline = await loadResult({ path: values.baseline, cwd: context.cwd, field: '--baseline' });
  const result = checkRegression({ current, baseline, limits });
  if (values.json === true) context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.passed) throw new ExitError(result.summary, ExitCode.RunFailed);
  if (values.json !== true) context.stdout.write(`${result.summary}\n`);
  return ExitCode.Success;
};

export { check, FLAGS };
