/**
 * `powertune report RESULT.json` — render a saved result.
 *
 * @module cli/commands/report
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildVisualizationUrl } from '../../core/index.js';
import {
  renderCsv,
  renderHtmlReport,
  renderMarkdownReport,
  renderTerminalReport,
  shouldUseColor,
} from '../../report/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { loadResult } from '../load-result.js';
import { parseFlags } from '../parse-flags.js';
import { formatHelp } from '../format-help.js';
import { checkOutputPath } from '../check-output-path.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';

const FLAGS: FlagSpec[] = [
  { name: 'html', type: 'string', value: 'FILE', description: 'Write a self-contained HTML report' },
  { name: 'markdown', type: 'boolean', description: 'Print Markdown (for a PR comment or $GITHUB_STEP_SUMMARY)' },
  { name: 'csv', type: 'boolean', description: 'Print CSV' },
  {
    name: 'per',
    type: 'string',
    value: 'size|invocation',
    description: 'CSV rows: one per size (default) or per invocation',
  },
  {
    name: 'visualization-url',
    type: 'string',
    value: 'BASE',
    description: 'Rebuild the visualization link against a self-hosted site',
  },
  { name: 'include-function-name', type: 'boolean', description: 'Show the function name in the HTML report' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

/**
 * Runs `powertune report`.
 *
 * @example
 * await report({ argv: ['result.json', '--markdown'], ...context });
 */
const report = async (context: CommandContext): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'report',
  });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage:
          'Usage: powertune report RESULT.json [--html FILE | --markdown | --csv]\n       powertune report RESULT.json --csv --per size|invocation',
        flags: FLAGS,
        examples: [
          'powertune report result.json',
          'powertune report result.json --html report.html',
          'powertune report result.json --markdown >> "$GITHUB_STEP_SUMMARY"',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  if (positionals.length !== 1) {
    throw new UsageError({
      field: 'RESULT',
      message: `RESULT: expected exactly one result file (from "powertune tune --out"); got ${positionals.length}`,
    });
  }
  const per = values.per ?? 'size';
  if (per !== 'size' && per !== 'invocation') {
    throw new UsageError({
      field: '--per',
      message: `--per: expected one of size, invocation; got ${JSON.stringify(per)}`,
    });
  }
  const formats = [values.markdown === true, values.csv === true].filter(Boolean).length;
  if (formats > 1) {
    throw new UsageError({
      field: '--markdown',
      message: '--markdown: expected one of --markdown or --csv on stdout; got both',
    });
  }
  if (typeof values.html === 'string')
    checkOutputPath({ path: values.html, cwd: context.cwd, field: '--html', kind: 'file' });
  let result = await loadResult({ path: positionals[0] ?? '', cwd: context.cwd, field: 'RESULT' });
  if (typeof values['visualization-url'] === 'string') {
    result = {
      ...result,
      stateMachine: {
        ...result.stateMachine,
        visualization: buildVisualizationUrl({
          points: result.stats,
          region: result.run.region,
          baseUrl: values['visualization-url'],
        }),
      },
    };
  }
  if (per === 'invocation' && values.csv === true && (result.samples === undefined || result.samples.length === 0)) {
    throw new UsageError({
      field: '--per',
      message: '--per: expected a result with per-invocation samples; got none (this result was saved without them)',
    });
  }
  if (typeof values.html === 'string') {
    const path = resolve(context.cwd, values.html);
    await writeFile(path, renderHtmlReport(result, { includeFunctionName: values['include-function-name'] === true }));
    if (context.quiet !== true) context.stderr.write(`HTML report: ${path}\n`);
  }
  if (values.markdown === true) context.stdout.write(renderMarkdownReport(result));
  else if (values.csv === true) context.stdout.write(renderCsv(result, { per }));
  else if (typeof values.html !== 'string') {
    const width = Math.max(60, Math.min(context.stdout.columns ?? 100, 120));
    context.stdout.write(
      renderTerminalReport(result, { width, color: shouldUseColor({ stream: context.stdout, env: context.env }) }),
    );
  }
  return ExitCode.Success;
};

export { report, FLAGS };
