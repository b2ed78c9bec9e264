/**
 * `powertune completion bash|zsh|fish` — prints a completion script built
 * from the same flag lists the commands parse, so it never drifts.
 *
 * @module cli/commands/completion
 */
import { ExitCode, UsageError } from '../errors.js';
import { formatHelp, GLOBAL_FLAGS } from '../format-help.js';
import { parseFlags } from '../parse-flags.js';
import type { FlagSpec } from '../parse-flags.js';
import { TUNE_FLAGS } from '../tune-flags.js';
import type { CommandContext } from '../types.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const FLAGS: FlagSpec[] = [{ name: 'help', short: 'h', type: 'boolean', description: 'Show this help' }];

/** One command as the scripts see it. */
interface CompletionCommand {
  name: string;
  summary: string;
  /** Words completed right after the command (`sfn run`, `completion bash`). */
  subcommands: string[];
  flags: FlagSpec[];
}

/** Every command with its flags (the modules are loaded only here). */
const loadCommands = async (): Promise<CompletionCommand[]> => {
  const { COMMANDS } = await import('../main.js');
  const flagsOf: Record<string, () => Promise<FlagSpec[]>> = {
    tune: async () => TUNE_FLAGS,
    report: async () => (await import('./report.js')).FLAGS,
    compare: async () => (await import('./compare.js')).FLAGS,
    check: async () => (await import('./check.js')).FLAGS,
    cleanup: async () => (await import('./cleanup.js')).FLAGS,
    sfn: async () => (await import('./sfn.js')).RUN_FLAGS,
    emulator: async () => (await import('./emulator.js')).FLAGS,
    completion: async () => FLAGS,
    scan: async () => (await import('./scan.js')).FLAGS,
    fleet: async () => (await import('./fleet.js')).FLAGS,
    apply: async () => (await import('./apply.js')).FLAGS,
  };
  const subcommands: Record<string, string[]> = { sfn: ['run', 'input'], completion: [...SHELLS] };
  return Promise.all(
    Object.entries(COMMANDS).map(async ([name, { summary }]) => ({
      name,
      summary,
      subcommands: subcommands[name] ?? [],
      flags: [...((await flagsOf[name]?.()) ?? []), ...GLOBAL_FLAGS],
    })),
  );
};

/** Text safe inside single quotes in every shell, without the characters zsh specs reserve. */
const plain = (text: string): string => text.replace(/['[\]:\\`$"]/g, '').replace(/\s+/g, ' ');

const bashScript = (commands: CompletionCommand[]): string => {
  const cases = commands
    .map((c) => {
      const words = [...c.subcommands, ...c.flags.map((f) => `--${f.name}`)].join(' ');
      return `    ${c.name}) words='${words}' ;;`;
    })
    .join('\n');
  return `# powertune completion for bash. Load it with:  source <(powertune completion bash)
_powertune() {
  local cur words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W '${[...commands.map((c) => c.name), 'help'].join(' ')} --help --version' -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    help) words='${commands.map((c) => c.name).join(' ')}' ;;
    *) words='' ;;
  esac
  if [[ "$cur" == -* || "$COMP_CWORD" -eq 2 ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  fi
}
complete -o default -o bashdefault -F _powertune powertune
`;
};

const zshScript = (commands: CompletionCommand[]): string => {
  const cases = commands
    .map((c) => {
      const specs = c.flags.map(
        (f) =>
          `'--${f.name}[${plain(f.description)}]${f.type === 'string' ? `:${plain(f.value ?? 'value')}:_files` : ''}'`,
      );
      const sub = c.subcommands.length === 0 ? [] : [`'1:subcommand:(${c.subcommands.join(' ')})'`];
      return `    ${c.name}) _arguments -s ${[...sub, ...specs, "'*:file:_files'"].join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef powertune
# powertune completion for zsh. Load it with:  source <(powertune completion zsh)
# (or save it as _powertune in a folder of your $fpath).
_powertune() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${plain(c.summary)}'`).join('\n')}
    'help:Show the help of a command'
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases}
    help) _describe 'command' commands ;;
  esac
}
if [ "$funcstack[1]" = "_powertune" ]; then _powertune "$@"; else compdef _powertune powertune; fi
`;
};

const fishScript = (commands: CompletionCommand[]): string => {
  const lines = [
    '# powertune completion for fish. Load it with:  powertune completion fish | source',
    '# (or save it as ~/.config/fish/completions/powertune.fish).',
    'complete -c powertune -f',
    ...commands.map((c) => `complete -c powertune -n __fish_use_subcommand -a ${c.name} -d '${plain(c.summary)}'`),
    "complete -c powertune -n __fish_use_subcommand -a help -d 'Show the help of a command'",
    ...commands.flatMap((c) => [
      ...c.subcommands.map((sub) => `complete -c powertune -n '__fish_seen_subcommand_from ${c.name}' -a ${sub}`),
      ...c.flags.map(
        (f) =>
          `complete -c powertune -n '__fish_seen_subcommand_from ${c.name}' -l ${f.name}${f.short === undefined ? '' : ` -s ${f.short}`}${f.type === 'string' ? ' -r -F' : ''} -d '${plain(f.description)}'`,
      ),
    ]),
  ];
  return `${lines.join('\n')}\n`;
};

const SCRIPTS: Record<Shell, (commands: CompletionCommand[]) => string> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
};

/**
 * Runs `powertune completion`.
 *
 * @example
 * await completion({ argv: ['bash'], ...context }); // prints the bash script
 */
const completion = async (context: CommandContext): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'completion',
  });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage: 'Usage: powertune completion bash|zsh|fish',
        description:
          'Prints a completion script for the shell on stdout: commands, subcommands and the flags of each command.',
        flags: FLAGS,
        examples: [
          'source <(powertune completion bash)   # in ~/.bashrc',
          'source <(powertune completion zsh)    # in ~/.zshrc',
          'powertune completion fish > ~/.config/fish/completions/powertune.fish',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  const shell = positionals[0];
  if (positionals.length !== 1 || !SHELLS.includes(shell as Shell)) {
    throw new UsageError({
      field: 'SHELL',
      message: `SHELL: expected one of ${SHELLS.join(', ')} (powertune completion bash|zsh|fish); got ${positionals.length === 0 ? 'nothing' : JSON.stringify(positionals.join(' '))}`,
    });
  }
  context.stdout.write(SCRIPTS[shell as Shell](await loadCommands()));
  return ExitCode.Success;
};

export { completion, SHELLS };
