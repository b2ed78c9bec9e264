/**
 * Security end to end through the CLI against the emulator:
 * - `disablePayloadLogs` hides a payload that the function echoes in its
 *   error everywhere: console, error messages, every report format, the
 *   saved result and the journal (a control run without it shows the
 *   sentinel, so the check can fail);
 * - reports and the visualization URL carry no account ID, ARN or
 *   function name unless `--include-function-name` asks for the name.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import {
  ACCOUNT,
  deployUserFunction,
  MEMORY_SENSITIVE_HANDLER,
  REGION,
  startSafetyWorld,
} from './helpers/emulator-fixture.js';
import type { SafetyWorld } from './helpers/emulator-fixture.js';

const FUNCTION = 'payments-webhook';
const ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}`;

let world: SafetyWorld;
let workDir: string;

/** Every file under `dir`, concatenated (journals, reports, results). */
const readTree = async (dir: string): Promise<string> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
  );
  return texts.join('\n');
};

/**
 * Tunes the echoing function (it fails at 128 MB with the whole event in
 * its error message), then renders every report format from the saved
 * result. Returns all text the user could see or find on disk.
 */
const tuneAndRenderEverything = async ({
  sentinel,
  extra,
}: {
  sentinel: string;
  extra: string[];
}): Promise<{ code: number; everything: string; result: Record<string, unknown> }> => {
  const dir = await mkdtemp(join(workDir, 'run-'));
  const payload = JSON.stringify({ failBelowMB: 256, card: sentinel });
  const run = await runCli([
    'tune',
    '--function',
    ARN,
    '--endpoint-url',
    world.emulator.endpoint,
    '--num',
    '5',
    '--power-values',
    '128,256',
    '--payload',
    payload,
    '--state-dir',
    join(dir, 'state'),
    '--out',
    join(dir, 'result.json'),
    '--report',
    join(dir, 'report.html'),
    ...extra,
  ]);
  const resultPath = join(dir, 'result.json');
  const outputs = [run.stdout, run.stderr];
  for (const flags of [
    ['--markdown'],
    ['--csv'],
    ['--csv', '--per', 'invocation'],
    ['--html', join(dir, 'again.html')],
    [],
  ]) {
    const rendered = await runCli(['report', resultPath, ...flags]);
    expect(rendered.code).toBe(0);
    outputs.push(rendered.stdout, rendered.stderr);
  }
  return {
    code: run.code,
    everything: `${outputs.join('\n')}\n${await readTree(dir)}`,
    result: JSON.parse(await readFile(resultPath, 'utf8')) as Record<string, unknown>,
  };
};

beforeAll(async () => {
  world = await startSafetyWorld({ cpuMode: 'virtual-time' });
  workDir = await mkdtemp(join(tmpdir(), 'powertune-security-'));
  await deployUserFunction({ client: world.client, name: FUNCTION, file: MEMORY_SENSITIVE_HANDLER });
});

afterAll(async () => {
  await world?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
}, 30_000);

describe('Security: disablePayloadLogs', () => {
  it('keeps a payload the function echoes out of the console, errors, every report format, the result and the journal', async () => {
    // Prepare
    const sentinel = `SENTINEL-${randomUUID()}`;

    // Act
    const hidden = await tuneAndRenderEverything({ sentinel, extra: ['--disable-payload-logs'] });
    const control = await tuneAndRenderEverything({ sentinel, extra: [] });

    // Assess
    expect(hidden.code).toBe(0);
    expect(hidden.everything).toContain('128 MB failed: Error: refused input');
    expect(hidden.everything).toContain('<payload hidden>');
    expect(hidden.everything).not.toContain(sentinel);
    // Without the option the same run shows it: the check above can fail.
    expect(control.code).toBe(0);
    expect(control.everything).toContain(sentinel);
  });
});

describe('Security: reports carry no account ID, ARN or function name by default', () => {
  it('renders the terminal, HTML, Markdown and CSV reports and the visualization URL without them', async () => {
    // Act
    const { code, everything, result } = await tuneAndRenderEverything({ sentinel: 'x', extra: [] });
    const dir = (await readdir(workDir)).sort().at(-1) ?? '';
    const reports = [
      await readFile(join(workDir, dir, 'report.html'), 'utf8'),
      await readFile(join(workDir, dir, 'again.html'), 'utf8'),
    ];
    const rendered = await Promise.all(
      [['--markdown'], ['--csv'], ['--csv', '--per', 'invocation'], []].map((flags) =>
        runCli(['report', join(workDir, dir, 'result.json'), ...flags]),
      ),
    );
    const visualization = (result.stateMachine as { visualization: string }).visualization;

    // Assess
    expect(code).toBe(0);
    expect(everything.length).toBeGreaterThan(0);
    for (const text of [...reports, ...rendered.map((r) => r.stdout), visualization]) {
      expect(text).not.toContain(ACCOUNT);
      expect(text).not.toContain('arn:aws');
      expect(text).not.toContain(FUNCTION);
    }
  });

  it('shows the function name, but still no account ID or ARN, with --include-function-name', async () => {
    // Prepare
    const dir = await mkdtemp(join(workDir, 'named-'));

    // Act
    const run = await runCli([
      'tune',
      '--function',
      ARN,
      '--endpoint-url',
      world.emulator.endpoint,
      '--num',
      '5',
      '--power-values',
      '256,512',
      '--state-dir',
      join(dir, 'state'),
      '--report',
      join(dir, 'report.html'),
      '--include-function-name',
    ]);
    const html = await readFile(join(dir, 'report.html'), 'utf8');

    // Assess
    expect(run.code).toBe(0);
    expect(html).toContain(FUNCTION);
    expect(html).not.toContain(ACCOUNT);
    expect(html).not.toContain('arn:aws');
  });
});
