import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import type { TuningInput, TuningResult } from '../../../src/core/index.js';
import { RunInterruptedError, runTuning } from '../../../src/tuner/index.js';
import type { RunTuningOptions } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import type { FakeLambda } from '../../helpers/fake-lambda-port.js';

const RUN_ID = 'run1';
const SIZES = [128, 256, 512];

const makeInput = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: SIZES, ...overrides });

const run = async (
  lambda: FakeLambda,
  input: TuningInput,
  extra: Partial<RunTuningOptions> = {},
): Promise<{ result: TuningResult; sleeps: number[] }> => {
  const sleeps: number[] = [];
  const result = await runTuning({
    input,
    lambda,
    runId: RUN_ID,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    ...extra,
  });
  return { result, sleeps };
};

/** The memory size of every function invocation, in the order the fake received them (`pt-run1-256` → 256). */
const invokedSizes = (lambda: FakeLambda): number[] =>
  lambda
    .callsOf('invoke')
    .filter((c) => c.qualifier?.startsWith('pt-') === true)
    .map((c) => Number(c.qualifier?.split('-')[2]));

/** Position in the call log of the second invocation of a size (its first counted one after one warm-up). */
const secondInvocationOf = (lambda: FakeLambda, power: number): number => {
  const positions = lambda.calls.flatMap((c, i) =>
    c.op === 'invoke' && c.qualifier === `pt-run1-${power}` ? [i] : [],
  );
  return positions[1] ?? -1;
};

/** Position in the call log of the CreateAlias of a size. */
const aliasCreated = (lambda: FakeLambda, power: number): number =>
  lambda.calls.findIndex((c) => c.op === 'createAlias' && c.name === `pt-run1-${power}`);

/** Splits a list into consecutive chunks of `size`. */
const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** A deterministic duration per size, so both orders must give the same numbers. */
const durationModel = (power: number): number => Math.round((128 * 800) / power);

describe('Function: runTuning — invocation order', () => {
  it('interleaves the counted invocations round-robin over the warm sizes by default, after every warm-up', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ durationModel });
    // Act
    await run(lambda, makeInput({ concurrency: 1 }));
    // Assess: three warm-ups, then five rounds of 128, 256, 512.
    const order = invokedSizes(lambda);
    expect(order.slice(0, 3)).toEqual(SIZES);
    expect(order.slice(3)).toEqual([...SIZES, ...SIZES, ...SIZES, ...SIZES, ...SIZES]);
  });

  it('makes no counted invocation before the last size is warm', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ durationModel });
    // Act
    await run(lambda, makeInput());
    // Assess: the second invocation of 128 MB (its first counted one) follows the alias of 512 MB.
    expect(secondInvocationOf(lambda, 128)).toBeGreaterThan(aliasCreated(lambda, 512));
  });

  it('measures each size as soon as it is ready with invocationOrder "sequential" (the reference order)', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ durationModel });
    // Act
    await run(lambda, makeInput({ invocationOrder: 'sequential' }));
    // Assess: 128 MB is measured while 512 MB is still being prepared.
    expect(invokedSizes(lambda)).toHaveLength(18);
    expect(secondInvocationOf(lambda, 128)).toBeLessThan(aliasCreated(lambda, 512));
  });

  it('starts a round only when the previous one has ended when the sizes run side by side (serial mode)', async () => {
    // Prepare: the default concurrency in serial mode is one invocation per size.
    const lambda = createFakeLambdaPort({ durationModel });
    // Act
    await run(lambda, makeInput());
    // Assess: after the warm-ups, every window of three counted invocations holds each size once.
    const counted = invokedSizes(lambda).slice(3);
    expect(counted).toHaveLength(15);
    for (const round of chunks(counted, 3)) expect([...round].sort((a, b) => a - b)).toEqual(SIZES);
  });

  it('queues parallel invocations round-robin across the sizes and keeps the concurrency cap', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    const lambda = createFakeLambdaPort({
      durationModel,
      onCall: (call) => {
        if (call.op !== 'invoke') return;
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setImmediate(() => {
          inFlight -= 1;
        });
      },
    });
    // Act
    await run(lambda, makeInput({ parallelInvocation: true, num: 6, concurrency: 4 }));
    // Assess: 4 warm-ups per size (a burst of the concurrency), then the counted ones round-robin.
    const order = invokedSizes(lambda);
    expect(order).toHaveLength(3 * (4 + 6));
    expect(order.slice(12)).toEqual(Array.from({ length: 6 }, () => SIZES).flat());
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('pauses sleepBetweenRunsMs between rounds, not between every size', async () => {
    const { sleeps } = await run(createFakeLambdaPort({ durationModel }), makeInput({ sleepBetweenRunsMs: 250 }));
    expect(sleeps).toEqual([250, 250, 250, 250]);
  });

  it('leaves a failed size out of the later rounds and measures the others to the end', async () => {
    // Prepare: 256 MB fails at its third invocation (the warm-up and two counted ones succeed).
    const lambda = createFakeLambdaPort({
      durationModel,
      functionErrorOn: (context) =>
        context.power === 256 && context.index === 2 ? { type: 'Boom', message: 'broken' } : undefined,
    });
    // Act
    const { result } = await run(lambda, makeInput({ concurrency: 1 }));
    // Assess
    const counted = invokedSizes(lambda).slice(3);
    expect(counted).toEqual([128, 256, 512, 128, 256, 512, 128, 512, 128, 512, 128, 512]);
    expect(result.sizes.map((s) => [s.value, s.status])).toEqual([
      [128, 'ok'],
      [256, 'failed'],
      [512, 'ok'],
    ]);
  });

  it('with onlyColdStarts invokes alias i of every size in round i, each alias once and cold', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ durationModel, initDurationMs: 400 });
    // Act
    const { result } = await run(lambda, makeInput({ onlyColdStarts: true, powerValues: [128, 256], concurrency: 1 }));
    // Assess
    expect(lambda.callsOf('invoke').map((c) => c.qualifier)).toEqual(
      [0, 1, 2, 3, 4].flatMap((i) => [`pt-run1-128-${i}`, `pt-run1-256-${i}`]),
    );
    expect(result.sizes.map((s) => s.coldStarts.count)).toEqual([5, 5]);
  });

  it('gives the same result in shape and numbers in both orders', async () => {
    // Act
    const interleaved = await run(createFakeLambdaPort({ durationModel }), makeInput());
    const sequential = await run(createFakeLambdaPort({ durationModel }), makeInput({ invocationOrder: 'sequential' }));
    // Assess
    expect(interleaved.result.sizes).toEqual(sequential.result.sizes);
    expect(interleaved.result.stats).toEqual(sequential.result.stats);
    expect(interleaved.result.power).toBe(sequential.result.power);
    expect(Object.keys(interleaved.result).sort()).toEqual(Object.keys(sequential.result).sort());
    expect(interleaved.result.run.totalInvocations).toBe(18);
  });

  it('stops the rounds, cleans up and throws RunInterruptedError when aborted between rounds', async () => {
    // Prepare: Ctrl-C at the fifth counted invocation.
    const controller = new AbortController();
    let invokes = 0;
    const lambda = createFakeLambdaPort({
      durationModel,
      onCall: (call) => {
        if (call.op === 'invoke' && (invokes += 1) === 3 + 5) controller.abort(new Error('SIGINT'));
      },
    });
    // Act
    const error = await run(lambda, makeInput({ concurrency: 1 }), { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(error).toBeInstanceOf(RunInterruptedError);
    expect((error as RunInterruptedError).cleanup?.complete).toBe(true);
    expect(invokedSizes(lambda)).toHaveLength(8);
    expect([...lambda.aliases.keys()].filter((n) => n.startsWith('pt-'))).toEqual([]);
    expect(lambda.latest.memoryMB).toBe(128);
  });
});
