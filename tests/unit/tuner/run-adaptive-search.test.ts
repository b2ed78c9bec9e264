import { describe, expect, it } from 'vitest';
import { createSeededRandom, validateInput } from '../../../src/core/index.js';
import type { TuningInput, TuningResult } from '../../../src/core/index.js';
import { planRun, runAdaptiveSearch, runTuning } from '../../../src/tuner/index.js';
import type { RunTuningOptions, TuningEvent } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import type { FakeLambda, FakeLambdaOptions, InvokeContext } from '../../helpers/fake-lambda-port.js';

const RUN_ID = 'run1';
/** An exhaustive 64 MB sweep: 159 sizes (128..10,240 MB) × (10 counted + 1 warm-up). */
const EXHAUSTIVE_64MB_SWEEP = 159 * 11;
const ONE_VCPU_MB = 1769;

/** Deterministic ±3% noise from the invocation index. */
const noise = ({ index }: InvokeContext): number => 1 + 0.03 * Math.sin(index * 12.9898);

/** Single-threaded CPU-bound work: 4 s at 1 vCPU-second, no faster above one vCPU. */
const cpuSingleThread = (power: number, context: InvokeContext): number =>
  ((4_000 * ONE_VCPU_MB) / Math.min(power, ONE_VCPU_MB)) * noise(context) * (128 / ONE_VCPU_MB) + 20;

/** Faster than ∝ 1/memory up to 700 MB (less paging), flat above: a sharp cost minimum at 700 MB, between the coarse sizes. */
const sharpKnee = (power: number, context: InvokeContext): number =>
  3_000 * (128 / Math.min(power, 700)) ** 1.5 * noise(context);

/** The same with ±15% noise: deciding between close sizes takes more than one round. */
const noisyKnee = (power: number, context: InvokeContext): number =>
  3_000 * (128 / Math.min(power, 700)) ** 1.5 * (1 + 0.15 * Math.sin(context.index * 12.9898));

/** Network-bound: 300 ms whatever the size. */
const networkFlat = (_power: number, context: InvokeContext): number => 300 * noise(context);

const makeInput = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({ lambdaARN: 'my-fn', powerValues: 'AUTO', ...overrides });

const run = async (
  options: FakeLambdaOptions,
  input: TuningInput,
  extra: Partial<RunTuningOptions> = {},
): Promise<{ lambda: FakeLambda; result: TuningResult; events: TuningEvent[] }> => {
  const lambda = createFakeLambdaPort(options);
  const events: TuningEvent[] = [];
  const result = await runTuning({
    input,
    lambda,
    runId: RUN_ID,
    onEvent: (event) => events.push(event),
    sleep: async () => undefined,
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    ...extra,
  });
  return { lambda, result, events };
};

const functionInvocations = (lambda: FakeLambda): number => lambda.callsOf('invoke').length;
const createdAliases = (lambda: FakeLambda): string[] => lambda.callsOf('createAlias').map((call) => call.name ?? '');

describe('Function: runAdaptiveSearch', () => {
  it("leaves the caller's plan unchanged when the search adds sizes", async () => {
    // Prepare
    const input = makeInput({ strategy: 'cost', maxInvocations: 400 });
    const lambda = createFakeLambdaPort({ durationModel: sharpKnee });
    const plan = await planRun({ input, lambda, runId: RUN_ID });
    const before = structuredClone(plan);

    // Act
    const { measurements } = await runAdaptiveSearch({
      plan,
      input,
      lambda,
      payloads: ['{}'],
      emit: () => undefined,
      signal: new AbortController().signal,
      sleep: async () => undefined,
    });

    // Assess
    expect(measurements.some((m) => !before.sizes.some((size) => size.power === m.power))).toBe(true);
    expect(plan).toEqual(before);
  });
});

describe('Function: runTuning (adaptive search)', () => {
  it('recommends a size with far fewer invocations than a 64 MB sweep and leaves nothing behind', async () => {
    // Prepare
    const input = makeInput({ maxInvocations: 400 });
    // Act
    const { lambda, result } = await run({ durationModel: cpuSingleThread, memoryMB: 1024 }, input);
    // Assess
    expect(functionInvocations(lambda)).toBeLessThanOrEqual(400);
    expect(functionInvocations(lambda)).toBeLessThan(EXHAUSTIVE_64MB_SWEEP / 4);
    expect(result.run.search?.mode).toBe('adaptive');
    expect(result.run.search?.invocations).toBe(functionInvocations(lambda));
    expect(result.run.totalInvocations).toBe(functionInvocations(lambda));
    expect(result.run.search?.phases[0]?.phase).toBe('coarse');
    expect(result.run.search?.exhaustiveEquivalent).toBeGreaterThan(functionInvocations(lambda));
    // Every alias and version of every round is gone, $LATEST is back as it was.
    expect([...lambda.aliases.keys()]).toEqual([]);
    expect([...lambda.versions.keys()]).toEqual([]);
    expect(lambda.latest.memoryMB).toBe(1024);
    expect(lambda.latest.description).toBe('original');
  });

  it('lists every measured size with the invocations it got, and prepares each size once across rounds', async () => {
    // Act
    const { lambda, result } = await run({ durationModel: noisyKnee }, makeInput({ maxInvocations: 300 }));
    // Assess
    const measured = result.sizes.map((size) => size.value);
    expect(measured).toEqual([...measured].sort((a, b) => a - b));
    expect(createdAliases(lambda)).toEqual([...new Set(createdAliases(lambda))]);
    expect(
      createdAliases(lambda)
        .map((name) => Number(name.replace('pt-run1-', '')))
        .sort((a, b) => a - b),
    ).toEqual(measured);
    for (const size of result.sizes) {
      const counted = lambda.callsOf('invoke').filter((call) => call.qualifier === `pt-run1-${size.value}`).length;
      // one uncounted warm-up per size; the rest are counted samples
      expect(size.invocations).toBe(counted - 1);
    }
    expect(result.sizes.some((size) => size.invocations > 5)).toBe(true);
  });

  it('refines around the best region beyond the coarse pass when the optimum lies between coarse sizes', async () => {
    // Act
    const { result } = await run({ durationModel: sharpKnee }, makeInput({ strategy: 'cost', maxInvocations: 400 }));
    // Assess: the cost optimum is at 700 MB; sizes off the coarse grid were tried.
    const coarse = [128, 256, 512, 1024, 1769, 3538, 5307, 7076, 8845, 10240];
    expect(result.sizes.some((size) => !coarse.includes(size.value))).toBe(true);
    expect(result.run.search?.phases.map((phase) => phase.phase)).toContain('refine');
    expect(result.power).toBeGreaterThan(512);
    expect(result.power).toBeLessThan(1024);
  });

  it('stops without refining on the plateau of a single-threaded function and says the sizes left are tied', async () => {
    // Act: above one vCPU every size runs equally fast
    const { result } = await run(
      { durationModel: cpuSingleThread },
      makeInput({ strategy: 'speed', maxInvocations: 400 }),
    );
    // Assess
    expect(result.run.search?.stopReason).toBe('tied-within-band');
    expect(result.run.search?.stopExplanation).toBe(
      'the sizes still in the race are tied with the best within 2% (none can beat it by more)',
    );
    expect(result.run.search?.phases.map((phase) => phase.phase)).not.toContain('refine');
    expect(result.power).toBe(1769);
    expect(result.recommendation.tiedWith?.length).toBeGreaterThan(0);
    expect(result.recommendation.pattern).toBe('cpu-single-thread');
  });

  it('stops at the invocation budget, warm-ups included', async () => {
    // Prepare: 40 invocations cannot even finish the coarse pass (10 sizes × (1 warm-up + 5)).
    const input = makeInput({ maxInvocations: 40 });
    // Act
    const { lambda, result } = await run({ durationModel: networkFlat }, input);
    // Assess
    expect(functionInvocations(lambda)).toBeLessThanOrEqual(40);
    expect(result.sizes.length).toBeLessThan(10);
    expect(result.run.search?.stopReason).toBe('budget-invocations');
    expect([...lambda.aliases.keys()]).toEqual([]);
  });

  it('makes no more invocations than the six-size list by default, and says when that budget stopped it', async () => {
    // Prepare: a flat curve with ±20% noise per invocation, which no affordable number of invocations settles within 2%
    const random = createSeededRandom(3);
    const flatNoisy = (power: number): number =>
      ((400 * ONE_VCPU_MB) / Math.min(power, ONE_VCPU_MB)) * (1 + 0.2 * (2 * random() - 1));
    // Act: no maxInvocations
    const { lambda, result, events } = await run({ durationModel: flatNoisy }, makeInput({ strategy: 'cost' }));
    // Assess: 6 sizes × (10 + 1 warm-up), which the progress bar counts down from too
    expect(functionInvocations(lambda)).toBeLessThanOrEqual(66);
    expect(events.find((event) => event.type === 'run-started')).toMatchObject({ plannedInvocations: 66 });
    expect(result.run.search).toMatchObject({ maxInvocations: 66, defaultBudget: true });
    expect(result.run.search?.stopReason).toBe('budget-invocations');
    expect(result.run.search?.stopExplanation).toMatch(/default invocation budget ran out: 66, what the six-size list/);
  });

  it('takes the budget the user sets instead of the default', async () => {
    // Act
    const { lambda, result } = await run({ durationModel: networkFlat }, makeInput({ maxInvocations: 90 }));
    // Assess
    expect(functionInvocations(lambda)).toBeLessThanOrEqual(90);
    expect(result.run.search).toMatchObject({ maxInvocations: 90, defaultBudget: false });
  });

  it('includes the current size in the first pass so the monthly saving can be stated', async () => {
    // Act
    const { result } = await run(
      { durationModel: networkFlat, memoryMB: 2048 },
      makeInput({ maxInvocations: 200, invocationsPerMonth: 10_000_000 }),
    );
    // Assess
    expect(result.sizes.map((size) => size.value)).toContain(2048);
    expect(result.recommendation.monthly?.currentMemoryMB).toBe(2048);
    expect(result.recommendation.monthly?.saving).toBeGreaterThan(0);
    expect(result.recommendation.sentence).toMatch(/saves \$[\d,]+\.\d\d\/month vs 2,048 MB at 10M invocations\/month/);
  });

  it('measures only the listed sizes with num "auto", racing the contenders to more samples', async () => {
    // Prepare
    const random = createSeededRandom(7);
    // Act
    const { lambda, result } = await run(
      // 512 and 1,024 MB are 4% apart under ±15% noise: only more samples can tell them apart.
      { durationModel: (power) => (power === 256 ? 300 : power === 512 ? 150 : 144) * (1 + 0.3 * (random() - 0.5)) },
      makeInput({ powerValues: [256, 512, 1024], num: 'auto', strategy: 'speed' }),
    );
    // Assess
    expect(result.sizes.map((size) => size.value)).toEqual([256, 512, 1024]);
    expect(result.run.search?.exhaustiveEquivalent).toBeUndefined();
    expect(result.sizes.find((size) => size.value === 256)?.invocations).toBe(5);
    expect(Math.max(...result.sizes.map((size) => size.invocations))).toBeGreaterThan(5);
    expect([...lambda.aliases.keys()]).toEqual([]);
  });

  it('never recommends a size whose invocations fail, and says why it failed', async () => {
    // Prepare: out of memory below 1,024 MB
    const options: FakeLambdaOptions = {
      durationModel: networkFlat,
      functionErrorOn: ({ power }) =>
        power < 1024
          ? { type: 'Runtime.OutOfMemory', message: 'Runtime exited with error: signal: killed' }
          : undefined,
    };
    // Act
    const { result } = await run(options, makeInput({ maxInvocations: 250 }));
    // Assess
    expect(result.power).toBeGreaterThanOrEqual(1024);
    const failed = result.sizes.filter((size) => size.status === 'failed');
    expect(failed.map((size) => size.value)).toEqual(expect.arrayContaining([128, 256, 512]));
    expect(failed[0]?.memoryWarning).toMatch(/ran out of memory/);
  });

  it('says no size satisfies the constraints, and why, when none does', async () => {
    // Act
    const { result } = await run({ durationModel: networkFlat }, makeInput({ maxInvocations: 120, maxDuration: 100 }));
    // Assess
    expect(result.recommendation.constraints?.satisfied).toBe(false);
    expect(result.recommendation.sentence).toMatch(
      /^No memory size meets the constraints: 128 MB: p95 duration \d+\.\d ms is above the 100 ms limit/,
    );
    expect(result.recommendation.explanation).toBeUndefined();
  });

  it('reports progress of every search round', async () => {
    // Act
    const { events, result } = await run({ durationModel: networkFlat }, makeInput({ maxInvocations: 100 }));
    // Assess
    const steps = events.filter((event) => event.type === 'search-step');
    expect(steps.length).toBe(result.run.search?.phases.length);
    expect(events.some((event) => event.type === 'search-done')).toBe(true);
  });
});

describe('Function: runTuning (constraints and auto-optimize)', () => {
  it('leaves the function unchanged with --auto-optimize when no size meets the constraints', async () => {
    // Act
    const { lambda, result, events } = await run(
      { durationModel: networkFlat, memoryMB: 640 },
      validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 256], maxDuration: 50, autoOptimize: true }),
    );
    // Assess
    expect(result.recommendation.constraints?.satisfied).toBe(false);
    expect(lambda.latest.memoryMB).toBe(640);
    expect(events.some((event) => event.type === 'warning' && event.code === 'auto-optimize-skipped')).toBe(true);
  });
});
