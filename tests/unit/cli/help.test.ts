/**
 * Help, completion and global flags: what a user reads before the first run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_FLAGS } from '../../../src/cli/commands/sfn.js';
import { COMMANDS as COMMAND_TABLE } from '../../../src/cli/main.js';
import { DEFAULT_GROUP, FLAG_GROUPS, groupOf, wrapText } from '../../../src/cli/format-help.js';
import { TUNE_FLAGS } from '../../../src/cli/tune-flags.js';
import { runCli } from '../../helpers/run-cli.js';

const COMMANDS = Object.keys(COMMAND_TABLE);
const work = mkdtempSync(join(tmpdir(), 'powertune-help-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Command: powertune help <command>', () => {
  it.each(COMMANDS)('prints the help of %s, the same as "%s --help"', async (command) => {
    // Act
    const viaHelp = await runCli(['help', command]);
    const viaFlag = await runCli([command, '--help']);
    // Assess
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(new RegExp(`powertune ${command}`));
    expect(viaHelp.stdout).not.toMatch(/^Commands:/m);
  });

  it('prints the general help for "powertune help" alone', async () => {
    const run = await runCli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Commands:\n {2}tune {8}Measure/m);
    expect(run.stdout).toMatch(/powertune help <command>/);
  });
});

describe('Help text: sections, examples, width', () => {
  it('groups tune flags into Target, Measurement, Strategy & constraints, Output, AWS, Local service and General, in that order', async () => {
    // Act
    const { stdout } = await runCli(['tune', '--help']);
    // Assess
    const titles = [...stdout.matchAll(/^([A-Z][A-Za-z &]+):$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Target',
      'Measurement',
      'Strategy & constraints',
      'Output',
      'AWS',
      'Local service',
      'General',
      'Examples',
    ]);
    const section = (title: string): string => stdout.split(`\n${title}:\n`)[1]?.split('\n\n')[0] ?? '';
    expect(section('Target')).toMatch(/--function/);
    expect(section('Measurement')).toMatch(/--num[\s\S]*--payload-string/);
    expect(section('Strategy & constraints')).toMatch(/--strategy[\s\S]*--max-duration/);
    expect(section('Output')).toMatch(/--out[\s\S]*--report/);
    expect(section('AWS')).toMatch(/--profile[\s\S]*--endpoint-url[\s\S]*--allow-unknown-region/);
    expect(section('Local service')).toMatch(/--code-root[\s\S]*--bundle[\s\S]*--env[\s\S]*--packages-dir/);
    expect(section('General')).toMatch(/--quiet[\s\S]*--debug/);
    expect(section('Examples')).toMatch(/^ {2}powertune tune --function \.\/handler\.mjs$/m);
  });

  it.each([
    [undefined, 80],
    [60, 60],
    [80, 80],
    [200, 100],
  ])('wraps every help line to the terminal (columns %s → at most %i)', async (columns, width) => {
    for (const command of [[], ...COMMANDS.map((c) => [c])]) {
      // Act
      const { stdout } = await runCli([...command, '--help'], columns === undefined ? {} : { columns });
      // Assess: usage lines and examples are commands to copy, never broken; everything else fits.
      const long = stdout.split('\n').filter((line) => line.length > width && !/^(Usage: |\s+powertune )/.test(line));
      expect(long, `powertune ${command.join(' ')} --help`).toEqual([]);
    }
  });

  it('puts every flag of tune and sfn in a named section, and an unknown flag in the default one', () => {
    const missing = [...TUNE_FLAGS, ...RUN_FLAGS].map((f) => f.name).filter((name) => FLAG_GROUPS[name] === undefined);
    expect(missing).toEqual([]);
    expect(groupOf('a-flag-added-later')).toBe(DEFAULT_GROUP);
  });

  it('already places the flags other features add', () => {
    // Assess
    expect(
      Object.fromEntries(
        [
          'indifference-band',
          'cold-start-rate',
          'order',
          'cpu-model',
          'code-root',
          'bundle',
          'env',
          'env-file',
          'timeout',
          'handler',
          'template',
          'parameter-overrides',
        ].map((n) => [n, groupOf(n)]),
      ),
    ).toEqual({
      'indifference-band': 'Strategy & constraints',
      'cold-start-rate': 'Strategy & constraints',
      order: 'Measurement',
      'cpu-model': 'Local service',
      'code-root': 'Local service',
      bundle: 'Local service',
      env: 'Local service',
      'env-file': 'Local service',
      timeout: 'Local service',
      handler: 'Target',
      template: 'Target',
      'parameter-overrides': 'Target',
    });
  });

  it('wraps words without breaking them', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });
});

describe('Command: powertune sfn (help and defaults)', () => {
  it('offers only what sfn accepts: no local handler files, no "auto", no adaptive budgets', async () => {
    // Act
    const { stdout, code } = await runCli(['sfn', '--help']);
    // Assess
    expect(code).toBe(0);
    expect(stdout).not.toMatch(
      /handler file|handler\.mjs|"auto"|\|auto|power auto|adaptive|--granularity|--max-invocations|--max-tuning-cost/i,
    );
    expect(stdout).toMatch(/--num N +Counted invocations per memory size \(>= 5;\s+default 10\)/);
  });

  it('defaults --num as tune does', async () => {
    // Act
    const run = await runCli(['sfn', 'input', '--function', 'arn:aws:lambda:us-east-1:123456789012:function:demo']);
    // Assess
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { num: unknown }).num).toBe(10);
  });
});

describe('Command: powertune completion', () => {
  it('prints a bash script that bash accepts, with every command and the flags of each', async () => {
    // Act
    const run = await runCli(['completion', 'bash']);
    // Assess
    expect(run.code).toBe(0);
    const path = join(work, 'powertune.bash');
    writeFileSync(path, run.stdout);
    expect(() => execFileSync('bash', ['-n', path])).not.toThrow();
    for (const command of COMMANDS) expect(run.stdout).toContain(` ${command}`);
    expect(run.stdout).toMatch(/ {4}tune\) words='[^']*--function[^']*--payload-string[^']*--quiet[^']*--debug/);
    expect(run.stdout).toMatch(/ {4}sfn\) words='run input [^']*--state-machine-arn/);
    expect(run.stdout).toMatch(/ {4}completion\) words='bash zsh fish/);
    expect(run.stdout).toMatch(/^complete .*-F _powertune powertune$/m);
  });

  it('completes in bash: commands first, then the flags of the command', async () => {
    // Prepare
    const path = join(work, 'completion.bash');
    writeFileSync(path, (await runCli(['completion', 'bash'])).stdout);
    const complete = (words: string[]): string[] =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "${path}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _powertune; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter((w) => w !== '');
    // Act + Assess
    expect(complete(['powertune', 'tu'])).toEqual(['tune']);
    expect(complete(['powertune', 'tune', '--payl'])).toEqual([
      '--payload',
      '--payload-s3',
      '--payload-string',
      '--payload-file',
    ]);
    expect(complete(['powertune', 'completion', 'z'])).toEqual(['zsh']);
  });

  it('prints zsh and fish scripts with the commands and their flags', async () => {
    // Act
    const zsh = await runCli(['completion', 'zsh']);
    const fish = await runCli(['completion', 'fish']);
    // Assess
    expect(zsh.stdout).toMatch(/^#compdef powertune\n/);
    expect(zsh.stdout).toMatch(/^ {4}'tune:Measure a function/m);
    expect(zsh.stdout).toMatch(/tune\) _arguments -s .*'--function\[Function to tune/);
    expect(fish.stdout).toMatch(/^complete -c powertune -n __fish_use_subcommand -a tune -d 'Measure/m);
    expect(fish.stdout).toMatch(
      /^complete -c powertune -n '__fish_seen_subcommand_from tune' -l function -s f -r -F -d 'Function to tune/m,
    );
    expect(fish.stdout).toMatch(/^complete -c powertune -n '__fish_seen_subcommand_from sfn' -a run$/m);
  });
});

describe('Function: createProgressRenderer with --quiet', () => {
  it('drops progress and chatter but keeps warnings and failed sizes', async () => {
    // Prepare
    const { createProgressRenderer } = await import('../../../src/cli/progress.js');
    let text = '';
    const render = createProgressRenderer({
      stream: { write: (chunk: string) => ((text += chunk), true) },
      quiet: true,
    });
    // Act
    render({
      type: 'run-started',
      runId: 'r1',
      functionName: 'fn',
      powerValues: [128],
      plannedInvocations: 5,
    } as never);
    render({ type: 'cleanup-done', deletedAliases: 1, deletedVersions: 1, restored: true } as never);
    render({ type: 'warning', code: 'cleanup-incomplete', message: 'alias left behind' } as never);
    render({ type: 'size-failed', power: 128, reason: 'timeout' } as never);
    // Assess
    expect(text).toBe('  warning: alias left behind\n  128 MB failed: timeout\n');
  });
});
