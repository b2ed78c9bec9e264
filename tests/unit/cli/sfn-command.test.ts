import { readFileSync } from 'node:fs';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput, StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import type { CliRun } from '../../helpers/run-cli.js';

const STATE_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:powertune';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:api';
const sfn = mockClient(SFNClient);
const result = JSON.parse(readFileSync(new URL('../../fixtures/results/cpu-bound.json', import.meta.url), 'utf8')) as {
  power: number;
};

/** Runs `powertune sfn run` (state machine, function, --num) with `flags` after those. */
const runSfnRun = ({
  stateMachineArn = STATE_MACHINE,
  functionName = 'api',
  num = '10',
  flags = [],
}: { stateMachineArn?: string; functionName?: string; num?: string; flags?: string[] } = {}): Promise<CliRun> =>
  runCli(['sfn', 'run', '--state-machine-arn', stateMachineArn, '--function', functionName, '--num', num, ...flags]);

/** Mocks an execution of STATE_MACHINE named `id` that starts, has no history, and ends as `described`. */
const mockExecution = ({ id, described }: { id: string; described: Partial<DescribeExecutionCommandOutput> }): void => {
  sfn
    .on(StartExecutionCommand)
    .resolves({ executionArn: `${STATE_MACHINE.replace('stateMachine', 'execution')}:${id}`, startDate: new Date(0) });
  sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
  sfn.on(DescribeExecutionCommand).resolves(described);
};

/** The request of the first StartExecution the CLI sent (undefined when none). */
const firstStartedExecution = (): StartExecutionCommandInput | undefined =>
  sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;

afterEach(() => sfn.reset());

describe('Command: powertune sfn', () => {
  it('builds the reference input JSON from flags with validated, normalised power values', async () => {
    // Act
    const run = await runCli([
      'sfn',
      'input',
      '--function',
      FUNCTION_ARN,
      '--num',
      '20',
      '--power-values',
      '1024,128,512',
      '--strategy',
      'speed',
    ]);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      lambdaARN: FUNCTION_ARN,
      num: 20,
      powerValues: [128, 512, 1024],
      strategy: 'speed',
    });
  });

  it('refuses invalid input before starting any execution', async () => {
    // Act
    const run = await runSfnRun({ num: '2' });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/num: must be an integer >= 5; got 2/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('refuses a malformed state machine ARN', async () => {
    // Act
    const run = await runSfnRun({ stateMachineArn: 'powertune' });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--state-machine-arn: expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME; got "powertune"/,
    );
  });

  it('starts the execution with the input, waits, and prints the result JSON', async () => {
    // Prepare
    mockExecution({ id: 'x', described: { status: 'SUCCEEDED', output: JSON.stringify(result) } });
    // Act
    const run = await runSfnRun({ functionName: FUNCTION_ARN, flags: ['--json'] });
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).power).toBe(result.power);
    const started = firstStartedExecution();
    expect(started?.stateMachineArn).toBe(STATE_MACHINE);
    expect(JSON.parse(started?.input ?? '{}')).toMatchObject({
      lambdaARN: FUNCTION_ARN,
      num: 10,
    });
  });

  it('passes constraints and the monthly bill to the execution, and exits 1 with the table when no size met the constraints', async () => {
    // Prepare
    const unmet = {
      ...result,
      recommendation: {
        ...(result as unknown as { recommendation: object }).recommendation,
        constraints: { satisfied: false, reasons: ['128 MB: p95 duration 480 ms is above the 200 ms limit'] },
      },
    };
    mockExecution({ id: 'z', described: { status: 'SUCCEEDED', output: JSON.stringify(unmet) } });
    // Act
    const run = await runSfnRun({ flags: ['--max-duration', '200', '--invocations-per-month', '1000000'] });
    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/128 MB/);
    const started = JSON.parse(firstStartedExecution()?.input ?? '{}') as Record<string, unknown>;
    expect(started).toMatchObject({ maxDuration: 200, invocationsPerMonth: 1_000_000 });
  });

  it('exits 1 with the execution error and cause when the execution fails', async () => {
    // Prepare
    mockExecution({
      id: 'y',
      described: {
        status: 'FAILED',
        error: 'AllSizesFailedError',
        cause: 'every memory size failed: 128 MB: Sandbox.Timedout',
      },
    });
    // Act
    const run = await runSfnRun();
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/AllSizesFailedError/);
    expect(run.stderr).toMatch(/every memory size failed/);
  });
});

describe('Command: powertune sfn (CLI-only extensions)', () => {
  it.each([
    [
      ['--power', 'auto'],
      /powerValues: is supported by "powertune tune" but not yet by the Step Functions driver.*got "AUTO"/,
    ],
    [['--num', 'auto'], /num: is supported by "powertune tune" but not yet by the Step Functions driver.*got "auto"/],
  ])('refuses %j instead of silently ignoring it, before any execution starts', async (flags, message) => {
    // Act
    const run = await runSfnRun({ flags });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
