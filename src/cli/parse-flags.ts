/**
 * A thin, strict layer over `util.parseArgs`: declared flags only, one clear
 * message (with a did-you-mean) for anything else.
 *
 * @module cli/parse-flags
 */
import { parseArgs } from 'node:util';
import { suggestClosest } from '../core/index.js';
import { UsageError } from './errors.js';

/** One flag of a command. */
interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** `--flag VALUE` placeholder in help. */
  value?: string;
  description: string;
  multiple?: boolean;
}

type FlagValues = Record<string, string | boolean | string[] | undefined>;

/**
 * Parses argv for one command.
 *
 * @example
 * parseFlags({ argv: ['--num', '10'], flags: [{ name: 'num', type: 'string', description: '' }] });
 */
const parseFlags = ({
  argv,
  flags,
  allowPositionals = false,
  command,
}: {
  argv: string[];
  flags: FlagSpec[];
  allowPositionals?: boolean;
  command: string;
}): { values: FlagValues; positionals: string[] } => {
  const options = Object.fromEntries(
    flags.map((f) => [
      f.name,
      { type: f.type, ...(f.short === undefined ? {} : { short: f.short }), ...(f.multiple ? { multiple: true } : {}) },
    ]),
  );
  // `--sleep-between-runs-ms -5` would read "-5" as a flag; join negative
  // numbers to their string flag so validation can name the real problem.
  const stringFlags = new Set(
    flags
      .filter((f) => f.type === 'string')
      .flatMap((f) => [`--${f.name}`, ...(f.short === undefined ? [] : [`-${f.short}`])]),
  );
  const args: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (stringFlags.has(arg) && next !== undefined && /^-\d/.test(next)) {
      args.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i += 1;
    } else {
      args.push(arg);
    }
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const bare = unknown.replace(/^-+/, '').split('=')[0] ?? '';
      const closest = suggestClosest(
        bare,
        flags.map((f) => f.name),
      );
      const hint =
        closest === undefined ? ` Run "powertune ${command} --help" for the list.` : ` Did you mean "--${closest}"?`;
      throw new UsageError({
        field: unknown,
        message: `${unknown}: unknown option for "powertune ${command}".${hint}`,
      });
    }
    const missing = /Option '(-[^']+)' argument missing/.exec(message)?.[1];
    if (missing !== undefined) {
      const name = missing.split(',').pop()?.trim().replace(/^-+/, '').split(' ')[0] ?? missing;
      const spec = flags.find((f) => f.name === name);
      throw new UsageError({
        field: `--${name}`,
        message: `--${name}: expected a value${spec?.value === undefined ? '' : ` (${spec.value})`}; got nothing`,
      });
    }
    const positional = /Unexpected argument '([^']+)'/.exec(message)?.[1];
    if (positional !== undefined) {
      throw new UsageError({
        field: positional,
        message: `${positional}: unexpected argument for "powertune ${command}". Run "powertune ${command} --help".`,
      });
    }
    throw new UsageError({ field: command, message: `powertune ${command}: ${message}` });
  }
};

/** Renders the flag list for `--help`. */
const formatFlagHelp = (flags: FlagSpec[]): string => {
  const rows = flags.map((f) => {
    const left = `  ${f.short === undefined ? '    ' : `-${f.short}, `}--${f.name}${f.value === undefined ? '' : ` ${f.value}`}`;
    return { left, right: f.description };
  });
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return rows.map((r) => `${r.left.padEnd(width)}${r.right}`).join('\n');
};

export { formatFlagHelp, parseFlags };
export type { FlagSpec, FlagValues };
