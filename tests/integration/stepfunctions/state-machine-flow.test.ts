/**
 * The generated definition, run by aws-local-stepfunctions, with the real
 * handlers in-process over an in-memory Lambda: data flows between states,
 * failures end FAILED after cleanup, and the states entered match
 * `countStateTransitions`.
 */
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import { LambdaApiError } from '../../../src/lambda/index.js';
import { countStateTransitions } from '../../../src/stepfunctions/count-state-transitions.js';
import { analyzeStep } from '../../../src/stepfunctions/handlers/analyze.js';
import { cleanupOnError, cleanupStep } from '../../../src/stepfunctions/handlers/cleanup.js';
import type { HandlerDeps } from '../../../src/stepfunctions/handlers/handler-deps.js';
import { initialize } from '../../../src/stepfunctions/handlers/initialize.js';
import { measureBatch } from '../../../src/stepfunctions/handlers/measure.js';
import { optimizeStep } from '../../../src/stepfunctions/handlers/optimize.js';
import { prepareStep } from '../../../src/stepfunctions/handlers/prepare.js';
import { toHandlerError } from '../../../src/stepfunctions/handlers/to-handler-error.js';
import { buildStateMachineDefinition } from '../../../src/stepfunctions/state-machine.js';
import { runTuning } from '../../../src/tuner/index.js';
import { createFakeLambdaPort, type FakeLambda, type FakeLambdaOptions } from '../../helpers/fake-lambda-port.js';
import { runLocalMachine, type LocalHandler } from './helpers/run-local-machine.js';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';
/** Duration ∝ 1/memory up to 1 vCPU, flat above: cheapest is not the smallest. */
const durationModel = (power: number): number => 20 + 60_000 / Math.min(power, 1769);

/** Throws like Lambda does: the error name becomes `Error`, the Lambda error JSON becomes `Cause`. */
const lambdaLike =
  (name: string, body: (event: never) => Promise<unknown>): LocalHandler =>
  async (event) => {
    try {
      return await body(event as never);
    } catch (error) {
      const wrapped = toHandlerError({ handler: name, error });
      const failure = new Error(wrapped.message);
      failure.name = wrapped.name;
      (failure as { cause?: unknown }).cause = JSON.stringify({
        errorType: wrapped.name,
        errorMessage: wrapped.message,
        trace: [],
      });
      throw failure;
    }
  };

const setup = ({ fake = {}, remainingMs = 300_000 }: { fake?: FakeLambdaOptions; remainingMs?: number } = {}) => {
  const lambda = createFakeLambdaPort({ region: 'eu-west-1', memoryMB: 256, durationModel, ...fake });
  const deps: HandlerDeps = {
    lambdaFor: () => lambda,
    payloadSourceFor: () => ({ fetch: async () => ({ from: 's3' }) }),
    env: { AWS_REGION: 'eu-west-1', POWERTUNE_HANDLER_TIMEOUT_SECONDS: '300' },
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  };
  const context = { getRemainingTimeInMillis: () => remainingMs };
  const handlers: Record<string, LocalHandler> = {
    Initialize: lambdaLike('initialize', (event) => initialize(event, context, deps)),
    Prepare: lambdaLike('prepare', (event) => prepareStep(event, context, deps)),
    MeasureBatch: lambdaLike('measure', (event) => measureBatch(event, context, deps, async () => {})),
    Cleanup: lambdaLike('cleanup', (event) => cleanupStep(event, deps)),
    Analyze: lambdaLike('analyze', async (event) => analyzeStep(event, deps)),
    Optimize: lambdaLike('optimize', (event) => optimizeStep(event, deps)),
    CleanupOnError: lambdaLike('cleanup', (event) => cleanupOnError(event, deps)),
  };
  return { lambda, handlers };
};

const handlerArns = Object.fromEntries(
  (['initialize', 'prepare', 'measure', 'cleanup', 'analyze', 'optimize'] as const).map((name) => [
    name,
    `arn:aws:lambda:eu-west-1:123456789012:function:powertune-${name}`,
  ]),
);

const run = (handlers: Record<string, LocalHandler>, input: unknown, maxConcurrency?: number) =>
  runLocalMachine({
    definition: buildStateMachineDefinition({
      handlerArns,
      ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
    }),
    input,
    handlers,
  });

/** Nothing the run created is left, and $LATEST is back to its original memory. */
const expectNothingLeft = (lambda: FakeLambda): void => {
  expect([...lambda.aliases.keys()]).toEqual([]);
  expect([...lambda.versions.keys()]).toEqual([]);
  expect(lambda.latest.memoryMB).toBe(256);
};

describe('State machine flow (aws-local-stepfunctions, in-process handlers)', () => {
  it('recommends what runTuning recommends, leaves nothing behind, and enters 8 + items states', async () => {
    // Prepare
    const input = { lambdaARN: FUNCTION_ARN, num: 10, powerValues: [128, 512, 1024, 2048], strategy: 'cost' };
    const { lambda, handlers } = setup();
    const local = createFakeLambdaPort({ region: 'eu-west-1', memoryMB: 256, durationModel });
    const expected = await runTuning({ input: validateInput(input), lambda: local });

    // Act
    const result = await run(handlers, input);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as typeof expected;
    expect(output.power).toBe(expected.power);
    expect(output.stats).toEqual(expected.stats);
    expect(output.stateMachine.executionCost).toBeGreaterThan(0);
    expect(output.samples).toBeUndefined();
    expectNothingLeft(lambda);
    const items = result.entered.filter((name) => name === 'MeasureBatch').length;
    expect(items).toBe(4);
    expect(result.entered.length + 1).toBe(countStateTransitions({ powerValues: 4, mapItems: items, prepareLoops: 1 }));
  });

  it('loops Prepare when the sizes do not fit in one invocation, and still counts its transitions exactly', async () => {
    // Prepare: the handler always seems close to its timeout, so each Prepare does one size
    const { lambda, handlers } = setup({ remainingMs: 10_001 });
    let clock = 0;
    handlers.Prepare = lambdaLike('prepare', async (event) => {
      const { prepareStep: step } = await import('../../../src/stepfunctions/handlers/prepare.js');
      return step(
        event,
        { getRemainingTimeInMillis: () => 10_001 },
        {
          lambdaFor: () => lambda,
          payloadSourceFor: () => ({ fetch: async () => null }),
          env: {},
          now: () => new Date((clock += 10)),
        },
      );
    });

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 5, powerValues: [128, 256, 512] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const loops = result.entered.filter((name) => name === 'Prepare').length;
    expect(loops).toBe(3);
    const items = result.entered.filter((name) => name === 'MeasureBatch').length;
    expect(result.entered.length + 1).toBe(
      countStateTransitions({ powerValues: 3, mapItems: items, prepareLoops: loops }),
    );
    expectNothingLeft(lambda);
  });

  it('reports a size whose function fails as failed and recommends among the others (the run goes on)', async () => {
    // Prepare
    const { lambda, handlers } = setup({
      fake: {
        functionErrorOn: ({ power }) =>
          power === 128 ? { type: 'Runtime.OutOfMemory', message: 'signal: killed' } : undefined,
      },
    });

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 5, powerValues: [128, 512, 1024] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as { power: number; sizes: Array<{ value: number; status: string }> };
    expect(output.sizes.find((size) => size.value === 128)?.status).toBe('failed');
    expect(output.power).not.toBe(128);
    // The failing size stopped at its first error: no wasted invocations
    expect(lambda.callsOf('invoke').filter((call) => call.qualifier?.endsWith('-128')).length).toBeLessThanOrEqual(2);
    expectNothingLeft(lambda);
  });

  it('ends FAILED with the input error and changes nothing when the input is invalid', async () => {
    // Prepare
    const { lambda, handlers } = setup();

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 3 });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InputError');
    expect(result.cause).toBe('num: must be an integer >= 5; got 3 Nothing had been changed yet.');
    expect(lambda.calls).toEqual([]);
  });

  it('applies constraints and prices the monthly bill exactly as runTuning does', async () => {
    // Prepare: 128 MB (≈ 490 ms) is the cheapest but too slow for a 200 ms limit.
    const input = {
      lambdaARN: FUNCTION_ARN,
      num: 10,
      powerValues: [128, 512, 1024, 2048],
      strategy: 'cost',
      maxDuration: 200,
      invocationsPerMonth: 5_000_000,
    };
    const { lambda, handlers } = setup();
    const expected = await runTuning({
      input: validateInput(input),
      lambda: createFakeLambdaPort({ region: 'eu-west-1', memoryMB: 256, durationModel }),
    });

    // Act
    const result = await run(handlers, input);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as typeof expected;
    expect(expected.recommendation.constraints?.satisfied).toBe(true);
    expect(output.power).toBe(expected.power);
    expect(output.power).not.toBe(128);
    expect(output.recommendation).toEqual(expected.recommendation);
    expect(output.sizes.map((size) => size.monthly)).toEqual(expected.sizes.map((size) => size.monthly));
    expect(output.sizes[0]?.monthly?.invocationsPerMonth).toBe(5_000_000);
    expectNothingLeft(lambda);
  });

  it('leaves the function as it was when no size meets the constraints, even with autoOptimize', async () => {
    const { lambda, handlers } = setup();

    const result = await run(handlers, {
      lambdaARN: FUNCTION_ARN,
      num: 5,
      powerValues: [128, 512],
      maxDuration: 1,
      autoOptimize: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    expect(
      (result.output as { recommendation: { constraints?: { satisfied: boolean } } }).recommendation.constraints
        ?.satisfied,
    ).toBe(false);
    expect(lambda.callsOf('updateConfiguration').map((call) => call.memoryMB)).toEqual([128, 512, 256]);
    expectNothingLeft(lambda);
  });

  it('ends FAILED with a clear message, changing nothing, for an extension only the CLI runs (adaptive search)', async () => {
    const { lambda, handlers } = setup();
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 10, powerValues: 'AUTO' });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InputError');
    expect(result.cause).toMatch(
      /^powerValues: is supported by "powertune tune" but not yet by the Step Functions driver/,
    );
    expect(lambda.calls).toEqual([]);
  });

  it('ends FAILED after cleaning up when an invocation fails for an infrastructure reason', async () => {
    // Prepare: Invoke of the 512 MB alias is denied
    const { lambda, handlers } = setup({
      fake: {
        failOn: (call) =>
          call.op === 'invoke' && call.qualifier?.endsWith('-512') === true
            ? new LambdaApiError({
                operation: 'Invoke',
                functionName: 'my-fn',
                code: 'AccessDeniedException',
                message: 'Grant lambda:InvokeFunction on my-fn',
              })
            : undefined,
      },
    });

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 5, powerValues: [128, 512] });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('LambdaApiError');
    expect(result.cause).toMatch(
      /^Grant lambda:InvokeFunction on my-fn Cleanup deleted 2 aliases and 2 versions and restored \$LATEST to 256 MB\.$/,
    );
    expect(result.entered).toContain('CleanupOnError');
    expect(result.entered.at(-1)).toBe('Failed');
    expectNothingLeft(lambda);
  });

  it('ends FAILED after cleaning up what was published when preparing the second size fails', async () => {
    // Prepare
    let publishes = 0;
    const { lambda, handlers } = setup({
      fake: {
        failOn: (call) =>
          call.op === 'publishVersion' && ++publishes === 2
            ? new LambdaApiError({
                operation: 'PublishVersion',
                functionName: 'my-fn',
                code: 'ServiceException',
                message: 'PublishVersion failed',
              })
            : undefined,
      },
    });

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 5, powerValues: [128, 512, 1024] });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('LambdaApiError');
    expect(result.cause).toMatch(
      /PublishVersion failed .*Cleanup deleted 1 aliases and 1 versions and restored \$LATEST to 256 MB/,
    );
    expect(result.entered).not.toContain('Measure');
    expectNothingLeft(lambda);
  });

  it('ends FAILED with every reason when every size fails', async () => {
    // Prepare
    const { lambda, handlers } = setup({ fake: { functionErrorOn: () => ({ type: 'Boom', message: 'always' }) } });

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, num: 5, powerValues: [128, 256] });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('AllSizesFailedError');
    expect(result.cause).toMatch(/128 MB: Boom: always; 256 MB: Boom: always/);
    expectNothingLeft(lambda);
  });

  it('returns the dry-run estimate and publishes nothing for dryRun', async () => {
    // Prepare
    const { lambda, handlers } = setup();

    // Act
    const result = await run(handlers, { lambdaARN: FUNCTION_ARN, dryRun: true, powerValues: [128, 256] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ dryRun: true, plan: { powerValues: [128, 256] } });
    expect(lambda.callsOf('publishVersion')).toEqual([]);
    expect(result.entered).not.toContain('Measure');
  });

  it('splits a size into several batches when its invocations do not fit one executor, with the same result', async () => {
    // Prepare: 1.2 s per invocation at 128 MB (probe ×2 safety) and a 20 s handler budget → several batches
    const slow = (power: number): number => 600 * (1024 / power);
    const { lambda, handlers } = setup({ fake: { durationModel: slow, memoryMB: 1024 } });
    const input = { lambdaARN: FUNCTION_ARN, num: 20, powerValues: [128, 1024] };
    handlers.Initialize = lambdaLike('initialize', (event) =>
      initialize(
        event,
        { getRemainingTimeInMillis: () => 20_000 },
        {
          lambdaFor: () => lambda,
          payloadSourceFor: () => ({ fetch: async () => null }),
          env: { POWERTUNE_HANDLER_TIMEOUT_SECONDS: '30' },
          now: () => new Date(0),
        },
      ),
    );
    const expected = await runTuning({
      input: validateInput(input),
      lambda: createFakeLambdaPort({ region: 'eu-west-1', memoryMB: 1024, durationModel: slow }),
    });

    // Act
    const result = await run(handlers, input, 2);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.entered.filter((name) => name === 'MeasureBatch').length).toBeGreaterThan(2);
    expect((result.output as typeof expected).power).toBe(expected.power);
    expect((result.output as typeof expected).sizes.map((s) => s.invocations)).toEqual(
      expected.sizes.map((s) => s.invocations),
    );
    expect([...lambda.aliases.keys()]).toEqual([]);
  });
});
