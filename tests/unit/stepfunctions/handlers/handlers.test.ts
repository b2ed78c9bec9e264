import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/core/index.js';
import { LambdaApiError } from '../../../../src/lambda/index.js';
import { describeCaughtError, describeError } from '../../../../src/stepfunctions/handlers/describe-error.js';
import type { HandlerDeps } from '../../../../src/stepfunctions/handlers/handler-deps.js';
import { initialize } from '../../../../src/stepfunctions/handlers/initialize.js';
import { measureBatch } from '../../../../src/stepfunctions/handlers/measure.js';
import { prepareStep } from '../../../../src/stepfunctions/handlers/prepare.js';
import {
  toHandlerError,
  UnexpectedHandlerError,
  withHandlerErrors,
} from '../../../../src/stepfunctions/handlers/to-handler-error.js';
import { RunTooLargeError } from '../../../../src/stepfunctions/errors.js';
import { createFakeLambdaPort, type FakeLambda, type FakeLambdaOptions } from '../../../helpers/fake-lambda-port.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';

const depsFor = (
  lambda: FakeLambda,
  { env = {}, clock }: { env?: Record<string, string>; clock?: () => number } = {},
): HandlerDeps => ({
  lambdaFor: () => lambda,
  payloadSourceFor: () => ({ fetch: async () => null }),
  env,
  now: () => new Date(clock?.() ?? 0),
});

const plenty = { getRemainingTimeInMillis: () => 300_000 };

const fake = (options: FakeLambdaOptions = {}): FakeLambda =>
  createFakeLambdaPort({ region: 'eu-west-1', memoryMB: 256, durationModel: (p) => 10_000 / p, ...options });

describe('Function: initialize', () => {
  it('plans the run, splits it into batches, and changes nothing', async () => {
    // Prepare
    const lambda = fake();

    // Act
    const out = await initialize(
      { input: { lambdaARN: ARN, num: 10, powerValues: [128, 512] }, startTime: '2026-01-01T00:00:00Z' },
      plenty,
      depsFor(lambda),
    );

    // Assess
    expect(out.items.map(({ power, count }) => ({ power, count }))).toEqual([
      { power: 128, count: 10 },
      { power: 512, count: 10 },
    ]);
    expect(out.run).toMatchObject({ maxConcurrency: 10, startedAt: '2026-01-01T00:00:00Z', options: { num: 10 } });
    expect(out.prepare).toMatchObject({ next: 0, done: false, loops: 0 });
    expect(
      lambda.calls.map((call) => call.op).filter((op) => !['getConfiguration', 'listVersions', 'invoke'].includes(op)),
    ).toEqual([]);
  });

  it.each([
    [{ maxConcurrency: 3 }, {}, 3],
    [{}, { POWERTUNE_MAX_CONCURRENCY: '25' }, 25],
    [{ maxConcurrency: 0 }, { POWERTUNE_MAX_CONCURRENCY: '25' }, 0],
  ])('takes the Map concurrency from the input %j or the deployment %j', async (extra, env, expected) => {
    // Act
    const out = await initialize({ input: { lambdaARN: ARN, num: 5, ...extra } }, plenty, depsFor(fake(), { env }));

    // Assess
    expect(out.run.maxConcurrency).toBe(expected);
  });

  it('uses the deployment default power values when the input has none', async () => {
    // Act
    const out = await initialize(
      { input: { lambdaARN: ARN, num: 5 } },
      plenty,
      depsFor(fake(), { env: { POWERTUNE_DEFAULT_POWER_VALUES: '256,128' } }),
    );

    // Assess
    expect(out.run.options.powerValues).toEqual([128, 256]);
  });

  it.each([
    [
      { lambdaARN: ARN, num: 5, maxConcurrency: 'lots' },
      'maxConcurrency: must be an integer >= 0 (0 = no limit); got "lots"',
    ],
    [{ lambdaARN: ARN, num: 5, balanceWeight: 0.3 }, 'balanceWeight: unknown option; did you mean "balancedWeight"?'],
  ])('throws an InputError before any AWS call for %j', async (input, message) => {
    // Prepare
    const lambda = fake();

    // Act
    const run = initialize({ input }, plenty, depsFor(lambda));

    // Assess
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(message);
    expect(lambda.calls).toEqual([]);
  });

  it('refuses an onlyColdStarts plan too large for the execution state, before any change', async () => {
    // Prepare
    const lambda = fake();

    // Act
    const run = initialize(
      { input: { lambdaARN: ARN, num: 1000, onlyColdStarts: true, powerValues: 'ALL' } },
      plenty,
      depsFor(lambda),
    );

    // Assess
    await expect(run).rejects.toThrow(RunTooLargeError);
    await expect(run).rejects.toThrow(/lower num or tune fewer power values\. Nothing was changed\./);
    expect(lambda.callsOf('publishVersion')).toEqual([]);
  });
});

describe('Function: prepareStep', () => {
  it('returns a failure as data with the ledger of what it created before failing', async () => {
    // Prepare
    let publishes = 0;
    const lambda = fake({
      failOn: (call) =>
        call.op === 'publishVersion' && ++publishes === 2
          ? new LambdaApiError({
              operation: 'PublishVersion',
              functionName: 'my-fn',
              code: 'AccessDeniedException',
              message: 'Grant lambda:PublishVersion',
            })
          : undefined,
    });
    const { run, prepare } = await initialize(
      { input: { lambdaARN: ARN, num: 5, powerValues: [128, 256, 512] } },
      plenty,
      depsFor(lambda),
    );

    // Act
    const state = await prepareStep({ run, prepare }, plenty, depsFor(lambda));

    // Assess
    expect(state.failure).toEqual({ error: 'LambdaApiError', cause: 'Grant lambda:PublishVersion' });
    expect(state.done).toBe(false);
    expect(state.next).toBe(1);
    expect(state.ledger.aliases).toHaveLength(1);
    expect(state.ledger.versions).toHaveLength(1);
  });

  it('stops between sizes when the next one would not fit in the remaining time, and resumes there', async () => {
    // Prepare: each size takes 2.5 s on the clock; with 13 s left and a 10 s safety margin, 3 s < 1.5 × 2.5 s
    const lambda = fake();
    let now = 0;
    const deps = depsFor(lambda, { clock: () => (now += 2500) });
    const { run, prepare } = await initialize(
      { input: { lambdaARN: ARN, num: 5, powerValues: [128, 256, 512] } },
      plenty,
      deps,
    );
    const tight = { getRemainingTimeInMillis: () => 13_000 };

    // Act
    const first = await prepareStep({ run, prepare }, tight, deps);
    const second = await prepareStep({ run, prepare: first }, plenty, deps);

    // Assess
    expect(first).toMatchObject({ next: 1, done: false, loops: 1 });
    expect(second).toMatchObject({ next: 3, done: true, loops: 2 });
    expect(second.ledger.aliases).toHaveLength(3);
  });
});

describe('Function: measureBatch', () => {
  it('stops a serial batch when the remaining time cannot fit another invocation, and reports the shortfall', async () => {
    // Prepare
    const lambda = fake();
    const deps = depsFor(lambda);
    const { run, prepare } = await initialize({ input: { lambdaARN: ARN, num: 10, powerValues: [128] } }, plenty, deps);
    await prepareStep({ run, prepare }, plenty, deps);
    let remaining = 30_000;
    let now = 0;
    const timed: HandlerDeps = { ...deps, now: () => new Date((now += 4000)) };
    const context = { getRemainingTimeInMillis: () => (remaining -= 4000) };

    // Act
    const summary = await measureBatch(
      { run, item: { power: 128, batch: 0, start: 0, count: 10, warmup: 0 }, input: {} },
      context,
      timed,
      async () => {},
    );

    // Assess
    expect(summary.invocations).toBeGreaterThan(0);
    expect(summary.invocations).toBeLessThan(10);
    expect(summary.shortfall).toBe(10 - summary.invocations);
  });
});

describe('Function: describeError / describeCaughtError / toHandlerError', () => {
  it.each([
    [
      {
        Error: 'InputError',
        Cause: JSON.stringify({
          errorType: 'InputError',
          errorMessage: 'num: must be an integer >= 5; got 3',
          trace: [],
        }),
      },
      { error: 'InputError', cause: 'num: must be an integer >= 5; got 3' },
    ],
    [
      { Error: 'States.Timeout', Cause: 'Task timed out after 300 seconds' },
      { error: 'States.Timeout', cause: 'Task timed out after 300 seconds' },
    ],
    [
      { Error: 'Lambda.Unknown' },
      { error: 'Lambda.Unknown', cause: 'The step failed with Lambda.Unknown and no further detail.' },
    ],
    [undefined, { error: 'States.Unknown', cause: 'The step failed with States.Unknown and no further detail.' }],
  ])('reads the caught error %j', (caught, expected) => {
    // Act + Assess
    expect(describeCaughtError(caught)).toEqual(expected);
  });

  it('keeps our error names and wraps anything else as UnexpectedHandlerError', async () => {
    // Prepare
    const ours = new InputError({ field: 'num', expected: 'must be an integer >= 5', got: '3' });
    const handler = withHandlerErrors('measure', async () => {
      throw new TypeError('x is undefined');
    });

    // Act + Assess
    expect(toHandlerError({ handler: 'prepare', error: ours })).toBe(ours);
    await expect(handler({}, {})).rejects.toBeInstanceOf(UnexpectedHandlerError);
    await expect(handler({}, {})).rejects.toThrow(/The measure step failed unexpectedly \(TypeError: x is undefined\)/);
    expect(describeError(new RangeError('boom'))).toEqual({
      error: 'UnexpectedHandlerError',
      cause: expect.stringContaining('RangeError: boom'),
    });
  });
});
