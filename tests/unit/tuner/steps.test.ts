import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import {
  analyzeRun,
  applyOptimal,
  cleanupRun,
  measureSize,
  planRun,
  prepareSize,
  resolvePayloads,
} from '../../../src/tuner/index.js';
import type { PreparedSize, RunPlan, SizeMeasurement } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

/** What a Step Functions state would pass on: JSON in, JSON out. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('Tuner steps, one per Step Functions state', () => {
  it('plan → prepare → measure → analyze → cleanup → apply work with JSON-serialised inputs and outputs', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ memoryMB: 1024, durationModel: (p) => 80_000 / p });
    const input = validateInput({
      lambdaARN: 'my-fn',
      num: 5,
      powerValues: [128, 512],
      strategy: 'speed',
      autoOptimize: true,
    });
    // Act
    const plan = throughJson(await planRun({ input, lambda, runId: 'sfn1' }));
    const payloads = await resolvePayloads({ input });
    const prepared: PreparedSize[] = [];
    for (const size of plan.sizes) prepared.push(throughJson(await prepareSize({ plan, power: size.power, lambda })));
    const measurements: SizeMeasurement[] = [];
    for (const p of prepared)
      measurements.push(throughJson(await measureSize({ plan, input, prepared: p, lambda, payloads })));
    const result = analyzeRun({
      plan,
      input,
      measurements,
      startedAt: 'a',
      finishedAt: 'b',
      backend: 'aws',
      stepFunctionsTransitions: 12,
    });
    const cleanup = await cleanupRun({ plan, lambda });
    const applied = await applyOptimal({ plan, input, lambda, power: result.power });
    // Assess
    expect(plan).toMatchObject({
      runId: 'sfn1',
      aliasPrefix: 'pt-sfn1-',
      warmup: 1,
      concurrency: 2,
      original: { memoryMB: 1024 },
    });
    expect(result.power).toBe(512);
    expect(result.stateMachine.executionCost).toBeGreaterThan(0);
    expect(cleanup).toMatchObject({
      deletedAliases: ['pt-sfn1-128', 'pt-sfn1-512'],
      deletedVersions: ['1', '2'],
      restored: true,
      complete: true,
    });
    expect(applied).toEqual({ memoryMB: 512 });
    expect(lambda.aliases.size).toBe(0);
    expect(lambda.latest.memoryMB).toBe(512);
  });

  it('cleanupRun without a ledger finds the run aliases from the plan (error path) and restores $LATEST', async () => {
    // Prepare: two sizes prepared, then the state machine fails.
    const lambda = createFakeLambdaPort({
      versions: [{ version: '1', memoryMB: 128 }],
      aliases: [{ name: 'live', version: '1' }],
    });
    const input = validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [256, 512, 1024] });
    const plan: RunPlan = await planRun({ input, lambda, runId: 'sfn2' });
    let latest = plan.original;
    for (const power of [256, 512]) latest = (await prepareSize({ plan, power, lambda, latest })).latest;
    // Act
    const report = await cleanupRun({ plan, lambda });
    // Assess
    expect(report).toMatchObject({
      deletedAliases: ['pt-sfn2-256', 'pt-sfn2-512'],
      deletedVersions: ['2', '3'],
      restored: true,
    });
    expect([...lambda.aliases.keys()]).toEqual(['live']);
    expect([...lambda.versions.keys()]).toEqual(['1']);
    expect(lambda.latest.memoryMB).toBe(128);
  });

  it('measureSize reports invocation-done events with index and total, warm-ups flagged', async () => {
    const lambda = createFakeLambdaPort();
    const input = validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128] });
    const plan = await planRun({ input, lambda, runId: 'ev' });
    const prepared = await prepareSize({ plan, power: 128, lambda });
    const events: unknown[] = [];
    await measureSize({
      plan,
      input,
      prepared,
      lambda,
      payloads: await resolvePayloads({ input }),
      onEvent: (e) => events.push(e),
    });
    const done = events.filter(
      (e): e is { type: string; index: number; total: number; warmup: boolean } =>
        (e as { type: string }).type === 'invocation-done',
    );
    expect(done.map((e) => [e.index, e.total, e.warmup])).toEqual([
      [0, 1, true],
      [0, 5, false],
      [1, 5, false],
      [2, 5, false],
      [3, 5, false],
      [4, 5, false],
    ]);
    expect(events.at(-1)).toEqual({ type: 'size-measured', power: 128, invocations: 5, coldStarts: 0 });
  });
});
