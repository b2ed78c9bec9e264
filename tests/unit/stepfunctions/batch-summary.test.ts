import { describe, expect, it } from 'vitest';
import {
  analyze,
  createSeededRandom,
  getLambdaPrice,
  REFERENCE_ALL_POWER_VALUES,
  validateInput,
  type InvocationSample,
} from '../../../src/core/index.js';
import { expandBatchSummaries, summarizeBatch } from '../../../src/stepfunctions/batch-summary.js';
import { STEP_FUNCTIONS_LIMITS } from '../../../src/stepfunctions/constants.js';

/** Text REPORT precision: 0.01 ms. */
const hundredths = (value: number): number => Math.round(value * 100) / 100;

/** Synthetic samples of one size: warm durations around `meanMs`, the first `cold` ones cold. */
const samplesFor = ({
  power,
  count,
  meanMs,
  cold = 0,
  random,
}: {
  power: number;
  count: number;
  meanMs: number;
  cold?: number;
  random: () => number;
}): InvocationSample[] =>
  Array.from({ length: count }, (_, index) => {
    const durationMs = hundredths(meanMs * (0.7 + 0.6 * random()) + (random() < 0.02 ? meanMs * 3 : 0));
    const coldStart = index < cold;
    const initDurationMs = coldStart ? hundredths(150 + 100 * random()) : undefined;
    return {
      power,
      coldStart,
      report: {
        durationMs,
        billedDurationMs: Math.ceil(durationMs + (initDurationMs ?? 0)),
        memorySizeMB: power,
        maxMemoryUsedMB: 60 + Math.floor(random() * 20),
        ...(initDurationMs === undefined ? {} : { initDurationMs }),
      },
    };
  });

const facts = {
  runId: 'run1',
  functionName: 'fn',
  region: 'us-east-1',
  architecture: 'x86_64' as const,
  backend: 'aws',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  totalInvocations: 0,
};

describe('Function: summarizeBatch', () => {
  it('keeps the Map output of 46 sizes × 1,000 invocations under the 256 KB state limit', () => {
    // Prepare: durations from 20 ms (big sizes) up to ~2 minutes (128 MB), 1 % cold, in 4 batches per size
    const random = createSeededRandom(7);
    const measurements = REFERENCE_ALL_POWER_VALUES.flatMap((power) =>
      [0, 1, 2, 3].map((batch) =>
        summarizeBatch({
          power,
          batch,
          samples: samplesFor({ power, count: 250, meanMs: (120_000 * 128) / power / 10 + 20, cold: 3, random }),
          uncounted: 1,
        }),
      ),
    );

    // Act
    const bytes = Buffer.byteLength(JSON.stringify({ measurements }));

    // Assess
    expect(REFERENCE_ALL_POWER_VALUES).toHaveLength(46);
    // 32 KB of headroom for the rest of the state (run plan, prepare ledger, items).
    expect(bytes).toBeLessThan(STEP_FUNCTIONS_LIMITS.maxPayloadBytes - 32 * 1024);
  });

  it('stays under the limit even when every one of the 46,000 invocations is a cold start', () => {
    // Prepare
    const random = createSeededRandom(11);
    const measurements = REFERENCE_ALL_POWER_VALUES.map((power) =>
      summarizeBatch({ power, batch: 0, samples: samplesFor({ power, count: 1000, meanMs: 400, cold: 1000, random }) }),
    );

    // Act
    const bytes = Buffer.byteLength(JSON.stringify({ measurements }));

    // Assess
    expect(bytes).toBeLessThan(STEP_FUNCTIONS_LIMITS.maxPayloadBytes);
  });

  it('keeps failed samples whole, tallies allowed errors and unreadable logs', () => {
    // Prepare
    const ok = samplesFor({ power: 256, count: 5, meanMs: 100, random: createSeededRandom(1) });
    const allowed: InvocationSample = {
      ...ok[0]!,
      error: { type: 'Handled', message: 'expected' },
      allowedError: true,
    };
    const failed: InvocationSample = {
      power: 256,
      coldStart: false,
      error: { type: 'Runtime.OutOfMemory', message: 'x'.repeat(2000) },
      output: 'secret output',
    };
    const unparsed: InvocationSample = { power: 256, coldStart: false, parseError: 'tail cut mid-line' };

    // Act
    const summary = summarizeBatch({ power: 256, batch: 2, samples: [...ok, allowed, failed, unparsed], shortfall: 3 });

    // Assess
    expect(summary).toMatchObject({
      power: 256,
      batch: 2,
      invocations: 8,
      allowedErrors: { Handled: { count: 1, message: 'expected' } },
      unparsed: { count: 1, reason: 'tail cut mid-line' },
      shortfall: 3,
    });
    expect(summary.warm?.n).toBe(6);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]?.output).toBeUndefined();
    expect(summary.failed[0]?.error?.message.length).toBeLessThan(600);
  });
});

describe('Function: expandBatchSummaries', () => {
  it('gives analyze the same recommendation, averages, percentiles and costs as the raw samples', () => {
    // Prepare: 6 sizes, 2 batches each, a few cold starts, one size with an allowed error, some retries (throttled)
    const random = createSeededRandom(3);
    const input = validateInput({ lambdaARN: 'fn', num: 40, allowedExceptions: ['Handled'] });
    const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
    const bySize = input.powerValues.map((power) =>
      samplesFor({ power, count: 40, meanMs: 8000 / (power / 128) + 12, cold: 2, random }).map((sample, index) =>
        power === 512 && index === 5
          ? { ...sample, error: { type: 'Handled', message: 'fine' }, allowedError: true, retries: 2, throttles: 2 }
          : sample,
      ),
    );
    const raw = bySize.flat();
    const summaries = bySize.flatMap((samples) => [
      summarizeBatch({ power: samples[0]!.power, batch: 0, samples: samples.slice(0, 20) }),
      summarizeBatch({ power: samples[0]!.power, batch: 1, samples: samples.slice(20) }),
    ]);

    // Act
    const direct = analyze({ samples: raw, input, price, facts, includeSamples: false });
    const rebuilt = analyze({ samples: expandBatchSummaries(summaries), input, price, facts, includeSamples: false });

    // Assess
    expect(rebuilt.power).toBe(direct.power);
    expect(rebuilt.cost).toBeCloseTo(direct.cost, 15);
    expect(rebuilt.duration).toBeCloseTo(direct.duration, 9);
    expect(rebuilt.stateMachine.lambdaCost).toBeCloseTo(direct.stateMachine.lambdaCost, 15);
    expect(rebuilt.stats).toEqual(direct.stats);
    rebuilt.sizes.forEach((size, index) => {
      const expected = direct.sizes[index]!;
      expect(size.value).toBe(expected.value);
      expect(size.invocations).toBe(expected.invocations);
      expect(size.errors).toEqual(expected.errors);
      expect(size.retries).toBe(expected.retries);
      expect(size.throttles).toBe(expected.throttles);
      expect(size.maxMemoryUsedMB).toBe(expected.maxMemoryUsedMB);
      expect(size.coldStarts.count).toBe(expected.coldStarts.count);
      for (const key of ['p50', 'p90', 'p99', 'min', 'max', 'trimmedMean', 'mean'] as const) {
        expect(size.duration[key]).toBeCloseTo(expected.duration[key], 9);
        expect(size.billedDuration[key]).toBeCloseTo(expected.billedDuration[key], 9);
      }
    });
  });

  it('rebuilds a failed size so analyze reports it failed with the function error', () => {
    // Prepare
    const input = validateInput({ lambdaARN: 'fn', num: 5, powerValues: [128, 256] });
    const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
    const failing: InvocationSample = {
      power: 128,
      coldStart: false,
      error: { type: 'Runtime.OutOfMemory', message: 'Runtime exited with error: signal: killed' },
    };
    const summaries = [
      summarizeBatch({ power: 128, batch: 0, samples: [failing] }),
      summarizeBatch({
        power: 256,
        batch: 0,
        samples: samplesFor({ power: 256, count: 5, meanMs: 50, random: createSeededRandom(2) }),
      }),
    ];

    // Act
    const result = analyze({ samples: expandBatchSummaries(summaries), input, price, facts, includeSamples: false });

    // Assess
    expect(result.power).toBe(256);
    expect(result.sizes.find((size) => size.value === 128)).toMatchObject({ status: 'failed' });
    expect(result.sizes.find((size) => size.value === 128)?.failureReason).toMatch(/Runtime.OutOfMemory/);
  });
});
