import { describe, expect, it } from 'vitest';
import { getLambdaPrice, invocationCost, validateInput } from '../../../src/core/index.js';
import { runDryRun, runTuning } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import type { FakeLambda } from '../../helpers/fake-lambda-port.js';

const PRE = 'arn:aws:lambda:us-east-1:123456789012:function:pre';
const POST = 'arn:aws:lambda:us-east-1:123456789012:function:post';
const processors = { [PRE]: (payload: string) => ({ payload }), [POST]: () => ({ payload: 'null' }) };

const fake = (): FakeLambda =>
  createFakeLambdaPort({ memoryMB: 1024, durationModel: (power) => Math.max(5, (128 * 400) / power), processors });

/** What a real run on the fake did: function invocations (through the run's aliases), cold starts, processor invocations, versions. */
const countRun = async (
  options: Record<string, unknown>,
): Promise<{ invocations: number; coldStarts: number; processors: number; versions: number }> => {
  const lambda = fake();
  await runTuning({
    input: validateInput({ lambdaARN: 'my-fn', ...options }),
    lambda,
    runId: 'run1',
    sleep: async () => undefined,
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
  });
  const invokes = lambda.callsOf('invoke');
  const own = invokes.filter((c) => c.qualifier?.startsWith('pt-') === true);
  return {
    invocations: own.length,
    // Every environment the fake started began with a cold start, counted or not.
    coldStarts: lambda.coldStarts,
    processors: invokes.length - own.length,
    versions: lambda.callsOf('publishVersion').length,
  };
};

describe('Function: runDryRun — the estimate is the run', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the default run (6 sizes, num 10)', { num: 10 }],
    ['three sizes, num 5, two warm-ups', { num: 5, powerValues: [128, 512, 2048], warmup: 2 }],
    ['no warm-up', { num: 5, powerValues: [256, 1024], warmup: 0 }],
    ['parallel, num 6, concurrency 2', { num: 6, powerValues: [128, 1024], parallelInvocation: true, concurrency: 2 }],
    ['only cold starts', { num: 5, powerValues: [128, 256], onlyColdStarts: true }],
    [
      'pre- and post-processors, sequential order',
      { num: 5, powerValues: [128, 256], preProcessorARN: PRE, postProcessorARN: POST, invocationOrder: 'sequential' },
    ],
  ])('counts %s exactly as the run invokes it', async (_name, options) => {
    // Prepare
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, ...options }),
      lambda: fake(),
    });
    // Act
    const real = await countRun(options);
    // Assess
    expect(dry.plan.invocations).toBe(real.invocations);
    expect(dry.plan.processorInvocations).toBe(real.processors);
    expect(dry.plan.versions).toBe(real.versions);
    expect(dry.plan.coldStartsPerSize * dry.plan.powerValues.length).toBe(real.coldStarts);
  });

  it('states the search budget and counts the first pass of --power auto, which the search then never exceeds', async () => {
    // Prepare
    const options = { powerValues: 'auto', num: 'auto', maxInvocations: 120 };
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, ...options }),
      lambda: fake(),
    });
    // Act
    const real = await countRun(options);
    // Assess: the coarse sizes plus the current 1,024 MB (already one of them), 1 warm-up + 5 each.
    expect(dry.plan.search).toEqual({
      firstPassInvocations: dry.plan.invocations,
      maxInvocations: 120,
      defaultBudget: false,
      maxSamplesPerSize: 40,
    });
    expect(dry.plan.invocations).toBe(dry.plan.powerValues.length * 6);
    expect(real.invocations).toBeGreaterThanOrEqual(dry.plan.invocations);
    expect(real.invocations).toBeLessThanOrEqual(120);
    expect(dry.estimate.scope).toBe('first-pass');
  });

  it('states the default budget of --power auto, the six-size list at num 10, which the search then never exceeds', async () => {
    // Prepare: no maxInvocations
    const options = { powerValues: 'auto', num: 'auto' };
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, ...options }),
      lambda: fake(),
    });
    // Act
    const real = await countRun(options);
    // Assess: 6 × (10 + 1 warm-up)
    expect(dry.plan.search).toMatchObject({ maxInvocations: 66, defaultBudget: true });
    expect(real.invocations).toBeLessThanOrEqual(66);
  });

  it('prices each expected cold start with the billed INIT the invocation reported, and warm ones without it', async () => {
    // Prepare: a cold start whose Billed Duration includes Init Duration (100 ms + 400 ms INIT).
    const lambda = createFakeLambdaPort({
      memoryMB: 512,
      durationModel: () => 100,
      initDurationMs: 400,
      billInit: true,
    });
    // Act
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, num: 10, powerValues: [512] }),
      lambda,
    });
    // Assess: 10 warm at 100 ms and the warm-up's cold start at 500 ms.
    const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
    const at = (billedDurationMs: number): number =>
      invocationCost({ billedDurationMs, memoryMB: 512, price, includeRequestCharge: true });
    expect(dry.estimate.initBilledMs).toBe(400);
    expect(dry.estimate.assumingConstantDuration).toBeCloseTo(10 * at(100) + at(500), 15);
  });
});
