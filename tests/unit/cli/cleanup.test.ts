import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '../../../src/cli/commands/cleanup.js';
import type { CommandContext } from '../../../src/cli/types.js';

const lambdaMock = mockClient(LambdaClient);
let stateDir: string;

/** Writes the journal of a crashed run that created one alias; `region` undefined leaves it out of the header. */
const writeJournal = async (region: string | undefined): Promise<void> => {
  await mkdir(join(stateDir, 'runs'), { recursive: true });
  const lines = [
    {
      type: 'run-started',
      runId: 'r1',
      functionName: 'my-fn',
      ...(region === undefined ? {} : { region }),
      aliasPrefix: 'pt-r1-',
      at: '2026-01-01T00:00:00Z',
    },
    { type: 'create-alias', functionName: 'my-fn', name: 'pt-r1-128', version: '7' },
  ];
  await writeFile(join(stateDir, 'runs', 'r1.jsonl'), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
};

const contextFor = (argv: string[]): CommandContext & { out: string[] } => {
  const out: string[] = [];
  return {
    argv,
    cwd: stateDir,
    env: process.env,
    stdout: { write: (chunk: string) => out.push(chunk) > 0 },
    stderr: { write: () => true },
    out,
  };
};

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'powertune-cleanup-'));
  lambdaMock.reset();
  lambdaMock.onAnyCommand().resolves({});
  vi.stubEnv('AWS_REGION', 'eu-central-1');
  vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', '');
  vi.stubEnv('AWS_ENDPOINT_URL', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(stateDir, { recursive: true, force: true });
});

describe('Command: cleanup', () => {
  it.each([
    ['the recorded region', 'eu-west-1', 'eu-west-1'],
    ["the SDK default chain's region when the journal has none", undefined, 'eu-central-1'],
    ['the SDK default chain\'s region for an older journal\'s "unknown"', 'unknown', 'eu-central-1'],
  ])('connects to %s', async (_, recorded, expected) => {
    // Prepare
    await writeJournal(recorded);

    // Act
    const code = await cleanup(contextFor(['--state-dir', stateDir]));

    // Assess
    expect(code).toBe(0);
    const deletes = lambdaMock.commandCalls(DeleteAliasCommand);
    expect(deletes.map((call) => call.args[0].input)).toEqual([{ FunctionName: 'my-fn', Name: 'pt-r1-128' }]);
    expect(await (deletes[0]?.thisValue as LambdaClient).config.region()).toBe(expected);
  });

  it('lists a run whose journal has no region as in region "unknown"', async () => {
    // Prepare
    await writeJournal(undefined);
    const context = contextFor(['--list', '--state-dir', stateDir]);

    // Act
    await cleanup(context);

    // Assess
    expect(context.out.join('')).toMatch(/^r1 {2}my-fn {2}unknown {2}started 2026-01-01T00:00:00Z/);
  });
});
