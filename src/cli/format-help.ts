/**
 * `--help` text: flags grouped into sections by ONE name → group table
 * (flags missing from it land in "Options", so flags added later still
 * show), examples, and every line wrapped to the terminal.
 *
 * @module cli/format-help
 */
import type { FlagSpec } from './parse-flags.js';
import type { WritableLike } from './types.js';

/** Section titles, in the order they are printed. */
const HELP_GROUPS = [
  'Target',
  'Measurement',
  'Strategy & constraints',
  'Output',
  'AWS',
  'Local service',
  'Options',
  'General',
] as const;

type HelpGroup = (typeof HELP_GROUPS)[number];

/** Where a flag not listed in `FLAG_GROUPS` goes. */
const DEFAULT_GROUP: HelpGroup = 'Options';

/**
 * The one table that places every flag of every command in a section. It
 * names flags some branches do not have yet, so their help groups them
 * the moment they arrive.
 */
const FLAG_GROUPS: Readonly<Record<string, HelpGroup>> = {
  // Target: what is tuned.
  function: 'Target',
  'lambda-arn': 'Target',
  input: 'Target',
  'compare-function': 'Target',
  architectures: 'Target',
  'model-architectures': 'Target',
  'state-machine-arn': 'Target',
  handler: 'Target',
  template: 'Target',
  'parameter-overrides': 'Target',
  baseline: 'Target',
  // Measurement: how it is invoked and sampled.
  num: 'Measurement',
  'power-values': 'Measurement',
  power: 'Measurement',
  payload: 'Measurement',
  'payload-string': 'Measurement',
  'payload-file': 'Measurement',
  'payload-s3': 'Measurement',
  parallel: 'Measurement',
  concurrency: 'Measurement',
  'max-concurrency': 'Measurement',
  warmup: 'Measurement',
  order: 'Measurement',
  'only-cold-starts': 'Measurement',
  'pre-processor-arn': 'Measurement',
  'post-processor-arn': 'Measurement',
  'sleep-between-runs-ms': 'Measurement',
  'allowed-exceptions': 'Measurement',
  granularity: 'Measurement',
  'max-invocations': 'Measurement',
  'max-tuning-cost': 'Measurement',
  'dry-run': 'Measurement',
  // Strategy & constraints: what "best" means and what is allowed.
  strategy: 'Strategy & constraints',
  'balanced-weight': 'Strategy & constraints',
  'discard-top-bottom': 'Strategy & constraints',
  'indifference-band': 'Strategy & constraints',
  'max-duration': 'Strategy & constraints',
  percentile: 'Strategy & constraints',
  'max-cost-per-million': 'Strategy & constraints',
  'invocations-per-month': 'Strategy & constraints',
  'cold-start-rate': 'Strategy & constraints',
  'free-tier': 'Strategy & constraints',
  'no-request-charge': 'Strategy & constraints',
  'auto-optimize': 'Strategy & constraints',
  'auto-optimize-alias': 'Strategy & constraints',
  'max-cost-increase': 'Strategy & constraints',
  'max-duration-increase': 'Strategy & constraints',
  'allow-sweet-spot-move': 'Strategy & constraints',
  // Output: what is printed and written.
  json: 'Output',
  out: 'Output',
  report: 'Output',
  html: 'Output',
  markdown: 'Output',
  csv: 'Output',
  per: 'Output',
  'visualization-url': 'Output',
  'include-function-name': 'Output',
  'include-output-results': 'Output',
  'disable-payload-logs': 'Output',
  'state-dir': 'Output',
  'write-plan': 'Output',
  // AWS: where and as whom.
  region: 'AWS',
  profile: 'AWS',
  'endpoint-url': 'AWS',
  'allow-unknown-region': 'AWS',
  // Local service: the embedded or standalone emulator and the code it runs.
  'cpu-model': 'Local service',
  'no-bill-init': 'Local service',
  'code-root': 'Local service',
  bundle: 'Local service',
  env: 'Local service',
  'env-file': 'Local service',
  timeout: 'Local service',
  'packages-dir': 'Local service',
  port: 'Local service',
  host: 'Local service',
  functions: 'Local service',
  // General: every command.
  help: 'General',
  quiet: 'General',
  debug: 'General',
};

/** Flags every command accepts (main strips them before a command parses its own). */
const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: 'quiet',
    short: 'q',
    type: 'boolean',
    description: 'No progress or chatter on stderr (errors are still shown)',
  },
  {
    name: 'debug',
    type: 'boolean',
    description:
      'Log each AWS call (operation, region, attempt, time, HTTP status; no secrets, no payloads) and show stacks of errors',
  },
];

const MIN_WIDTH = 40;
const DEFAULT_WIDTH = 80;
const MAX_WIDTH = 100;
/** Flag column cap: longer flags put their description on the next line. */
const MAX_FLAG_COLUMN = 32;

/**
 * The width help is wrapped to: the terminal's, 80 when unknown, never
 * more than 100 (long lines are hard to read).
 *
 * @example
 * helpWidth({ columns: 200 }); // 100
 */
const helpWidth = (stream: Pick<WritableLike, 'columns'>): number =>
  Math.max(MIN_WIDTH, Math.min(stream.columns ?? DEFAULT_WIDTH, MAX_WIDTH));

/** Splits `text` into lines of at most `width` characters (a longer word gets a line of its own). */
const wrapText = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length === 0 ? [''] : lines;
};

/** Wraps each paragraph (blank-line separated) and keeps the blank lines. */
const wrapParagraphs = (text: string, width: number): string =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => wrapText(paragraph, width).join('\n'))
    .join('\n\n');

/** The section a flag is shown in. */
const groupOf = (name: string): HelpGroup => FLAG_GROUPS[name] ?? DEFAULT_GROUP;

/**
 * Renders flags as titled sections, descriptions wrapped to `width`.
 *
 * @example
 * formatGroupedFlags({ flags: TUNE_FLAGS, width: 80 });
 */
const formatGroupedFlags = ({ flags, width }: { flags: FlagSpec[]; width: number }): string => {
  const left = (f: FlagSpec): string =>
    `  ${f.short === undefined ? '    ' : `-${f.short}, `}--${f.name}${f.value === undefined ? '' : ` ${f.value}`}`;
  // A narrow terminal gives descriptions more room than flags.
  const column = Math.min(MAX_FLAG_COLUMN, Math.floor(width * 0.4), Math.max(...flags.map((f) => left(f).length)) + 2);
  const descriptionWidth = Math.max(20, width - column);
  const sections: string[] = [];
  for (const group of HELP_GROUPS) {
    const members = flags.filter((f) => groupOf(f.name) === group);
    if (members.length === 0) continue;
    const rows = members.flatMap((f) => {
      const head = left(f);
      const lines = wrapText(f.description, descriptionWidth);
      const indent = ' '.repeat(column);
      if (head.length + 2 > column) return [head, ...lines.map((l) => `${indent}${l}`)];
      return lines.map((l, i) => (i === 0 ? `${head.padEnd(column)}${l}` : `${indent}${l}`));
    });
    sections.push(`${group}:\n${rows.join('\n')}`);
  }
  return sections.join('\n\n');
};

/**
 * A command's whole help: usage, a wrapped description, grouped flags
 * (plus `--quiet`/`--debug`), examples and a footer.
 *
 * @example
 * context.stdout.write(formatHelp({ usage: 'powertune report RESULT.json', flags: FLAGS, stream: context.stdout }));
 */
const formatHelp = ({
  usage,
  description,
  flags,
  examples = [],
  footer,
  stream,
}: {
  usage: string;
  description?: string;
  flags: FlagSpec[];
  examples?: string[];
  footer?: string;
  stream: Pick<WritableLike, 'columns'>;
}): string => {
  const width = helpWidth(stream);
  const names = new Set(flags.map((f) => f.name));
  const parts = [
    usage,
    ...(description === undefined ? [] : [wrapParagraphs(description, width)]),
    formatGroupedFlags({ flags: [...flags, ...GLOBAL_FLAGS.filter((f) => !names.has(f.name))], width }),
    ...(examples.length === 0 ? [] : [`Examples:\n${examples.map((e) => `  ${e}`).join('\n')}`]),
    ...(footer === undefined ? [] : [wrapParagraphs(footer, width)]),
  ];
  return `${parts.join('\n\n')}\n`;
};

export {
  DEFAULT_GROUP,
  FLAG_GROUPS,
  formatGroupedFlags,
  formatHelp,
  GLOBAL_FLAGS,
  groupOf,
  HELP_GROUPS,
  helpWidth,
  wrapText,
};
export type { HelpGroup };
