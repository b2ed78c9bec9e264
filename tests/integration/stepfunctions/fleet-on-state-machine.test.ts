/**
 * `powertune fleet plan.json --state-machine-arn ARN`, offline: each entry
 * runs as an execution of the generated definition in aws-local-stepfunctions
 * with the real handlers in-process; an `auto` option the driver refuses is
 * refused up front for that entry only, and entries without a payload are
 * never started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { fleet } from '../../../src/cli/commands/fleet.js';
import type { FleetResult } from '../../../src/core/fleet/index.js';
import type { SfnSender } from '../../../src/stepfunctions/index.js';
import type { HandlerDeps } from '../../../src/stepfunctions/handlers/handler-deps.js';
import { analyzeStep } from '../../../src/stepfunctions/handlers/analyze.js';
import { cleanupOnError, cleanupStep } from '../../../src/stepfunctions/handlers/cleanup.js';
import { initialize } from '../../../src/stepfunctions/handlers/initialize.js';
import { measureBatch } from '../../../src/stepfunctions/handlers/measure.js';
import { optimizeStep } from '../../../src/stepfunctions/handlers/optimize.js';
import { prepareStep } from '../../../src/stepfunctions/handlers/prepare.js';
import { buildStateMachineDefinition } from '../../../src/stepfunctions/state-machine.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import { runLocalMachine } from './helpers/run-local-machine.js';
import type { LocalHandler } from './helpers/run-local-machine.js';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:powertune';
const cwd = mkdtempSync(join(tmpdir(), 'powertune-fleet-sfn-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A Step Functions client whose executions run the definition locally. */
const localSfn = (): SfnSender & { started: unknown[] } => {
  const lambda = createFakeLambdaPort({
    region: 'eu-west-1',
    memoryMB: 256,
    durationModel: (power: number) => 20 + 60_000 / Math.min(power, 1769),
  });
  const deps: HandlerDeps = {
    lambdaFor: () => lambda,
    payloadSourceFor: () => ({ fetch: async () => null }),
    env: { AWS_REGION: 'eu-west-1', POWERTUNE_HANDLER_TIMEOUT_SECONDS: '300' },
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  };
  const context = { getRemainingTimeInMillis: () => 300_000 };
  const handlers: Record<string, LocalHandler> = {
    Initialize: (event) => initialize(event as never, context, deps),
    Prepare: (event) => prepareStep(event as never, context, deps),
    MeasureBatch: (event) => measureBatch(event as never, context, deps, async () => {}),
    Cleanup: (event) => cleanupStep(event as never, deps),
    Analyze: async (event) => analyzeStep(event as never, deps),
    Optimize: (event) => optimizeStep(event as never, deps),
    CleanupOnError: (event) => cleanupOnError(event as never, deps),
  };
  const handlerArns = Object.fromEntries(
    (['initialize', 'prepare', 'measure', 'cleanup', 'analyze', 'optimize'] as const).map((name) => [
      name,
      `arn:aws:lambda:eu-west-1:123456789012:function:powertune-${name}`,
    ]),
  );
  const definition = buildStateMachineDefinition({ handlerArns });
  const runs = new Map<string, Awaited<ReturnType<typeof runLocalMachine>>>();
  const started: unknown[] = [];
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof StartExecutionCommand) {
      const input = JSON.parse(command.input.input ?? '{}') as unknown;
      started.push(input);
      const executionArn = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${runs.size}`;
      runs.set(executionArn, await runLocalMachine({ definition, input, handlers }));
      return { executionArn, startDate: new Date() };
    }
    if (command instanceof DescribeExecutionCommand) {
      const run = runs.get(command.input.executionArn ?? '');
      return { status: run?.status, output: JSON.stringify(run?.output), error: run?.error, cause: run?.cause };
    }
    if (command instanceof GetExecutionHistoryCommand) return { events: [] };
    throw new Error('unexpected command');
  };
  return { send: send as SfnSender['send'], started };
};

describe('Command: powertune fleet --state-machine-arn (offline)', () => {
  it('runs each entry with a payload as an execution, refuses the auto entry up front, and skips the one without a payload', async () => {
    // Prepare
    writeFileSync(
      join(cwd, 'plan.json'),
      JSON.stringify({
        defaults: { num: 5, powerValues: [128, 512, 1024, 2048], invocationsPerMonth: 1_000_000 },
        functions: [
          { function: FUNCTION_ARN, payload: { ping: true } },
          { function: 'arn:aws:lambda:eu-west-1:123456789012:function:auto-fn', payload: {}, powerValues: 'AUTO' },
          { function: 'arn:aws:lambda:eu-west-1:123456789012:function:no-payload' },
        ],
      }),
    );
    const sfnClient = localSfn();
    let stdout = '';
    // Act
    const code = await fleet(
      {
        argv: ['plan.json', '--state-machine-arn', STATE_MACHINE_ARN, '--json'],
        cwd,
        env: {},
        stdout: { write: (c: string) => ((stdout += c), true) },
        stderr: { write: () => true },
      },
      { sfnClient },
    );
    // Assess
    const result = JSON.parse(stdout) as FleetResult;
    expect(result.functions.map((f) => [f.functionName, f.status])).toEqual([
      ['my-fn', 'tuned'],
      ['auto-fn', 'failed'],
      ['no-payload', 'skipped'],
    ]);
    expect(result.functions[1]?.reason).toContain('not yet by the Step Functions driver');
    expect(sfnClient.started).toHaveLength(1);
    expect(result.functions[0]?.recommendedMemoryMB).toBe(result.functions[0]?.result?.power);
    expect(result.totals).toMatchObject({ tuned: 1, skipped: 1, failed: 1 });
    expect(code).toBe(1);
  });
});
