import { describe, expect, it } from 'vitest';
import {
  AllSizesFailedError,
  analyze,
  NoViableSizeError,
  decodeVisualizationHash,
  getLambdaPrice,
  validateInput,
} from '../../../../src/core/index.js';
import type { AnalyzeFacts, InvocationSample, TuningInput } from '../../../../src/core/index.js';

const PRICE = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
const GB_S = 0.0000166667;
const REQUEST = 2e-7;
const FACTS: AnalyzeFacts = {
  runId: 'r1',
  functionName: 'orders',
  region: 'us-east-1',
  architecture: 'x86_64',
  backend: 'aws',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  totalInvocations: 48,
};

let counter = 0;
/** A warm sample whose billed duration is ceil(duration). */
const warm = (power: number, durationMs: number, extra: Partial<InvocationSample> = {}): InvocationSample => ({
  power,
  coldStart: false,
  report: {
    requestId: `req-${(counter += 1)}`,
    durationMs,
    billedDurationMs: Math.ceil(durationMs),
    memorySizeMB: power,
    maxMemoryUsedMB: 70,
  },
  ...extra,
});
/** A cold sample: init is billed too (Lambda bills INIT on managed runtimes). */
const cold = (power: number, durationMs: number, initDurationMs: number): InvocationSample => ({
  power,
  coldStart: true,
  report: {
    durationMs,
    billedDurationMs: Math.ceil(durationMs + initDurationMs),
    memorySizeMB: power,
    maxMemoryUsedMB: 72,
    initDurationMs,
  },
});
const input = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({
    lambdaARN: 'orders',
    num: 10,
    powerValues: [128, 256, 512, 1024],
    allowedExceptions: ['HandledError'],
    ...overrides,
  });

/** Realistic run: 128 MB runs out of memory, 512 MB has two allowed errors, one cold start per size. */
const realisticSamples = (): InvocationSample[] => [
  cold(128, 900, 310),
  ...[812, 830, 845].map((d) =>
    warm(128, d, { report: { durationMs: d, billedDurationMs: d, memorySizeMB: 128, maxMemoryUsedMB: 128 } }),
  ),
  {
    power: 128,
    coldStart: false,
    error: { type: 'Runtime.OutOfMemory', message: 'Runtime exited with error: signal: killed' },
  },
  cold(256, 230, 250),
  // warm 256: k = floor(9 × 0.2) = 1 → drop 200 and 300 → mean(201..207) = 204
  ...[200, 201, 202, 203, 204, 205, 206, 207, 300].map((d) => warm(256, d)),
  cold(512, 120, 240),
  // warm 512: drop 90 and 150 → mean(99, 100, 100, 101, 102, 103, 102) = 101
  ...[90, 99, 100, 100, 101, 102, 103, 102, 150].map((d, i) =>
    warm(
      512,
      d,
      i < 2 ? { error: { type: 'HandledError', message: 'order already processed' }, allowedError: true } : {},
    ),
  ),
  cold(1024, 60, 230),
  // warm 1024: drop 40 and 90 → mean(50, 51, 52, 52, 53, 54, 52) = 52
  ...[40, 50, 51, 52, 52, 53, 54, 52, 90].map((d) =>
    warm(1024, d, d === 90 ? { retries: 3, throttles: 2 } : d === 40 ? { retries: 1 } : {}),
  ),
];

describe('Function: analyze', () => {
  describe('a realistic run with cold starts, a failed size and allowed exceptions', () => {
    const samples = realisticSamples();
    const result = analyze({ samples, input: input(), price: PRICE, facts: FACTS });
    const byValue = (value: number) => result.sizes.find((s) => s.value === value);

    it('marks the out-of-memory size failed, with its reason and a memory warning', () => {
      expect(byValue(128)).toMatchObject({
        status: 'failed',
        failureReason: 'Runtime.OutOfMemory: Runtime exited with error: signal: killed',
        errors: { 'Runtime.OutOfMemory': 1 },
      });
      expect(byValue(128)?.memoryWarning).toMatch(/^ran out of memory at 128 MB/);
    });

    it('keeps a size whose only errors are allowed exceptions, and counts them', () => {
      expect(byValue(512)).toMatchObject({ status: 'ok', errors: { HandledError: 2 } });
      expect(byValue(512)?.failureReason).toBeUndefined();
    });

    it('averages warm invocations only (trimmed) and reports cold starts apart', () => {
      const size256 = byValue(256);
      expect(size256?.averageDuration).toBeCloseTo(204, 10);
      expect(size256?.duration.count).toBe(9);
      expect(size256?.coldStarts.count).toBe(1);
      expect(size256?.coldStarts.initDuration?.mean).toBe(250);
      expect(byValue(512)?.averageDuration).toBeCloseTo(101, 10);
      expect(byValue(1024)?.averageDuration).toBeCloseTo(52, 10);
    });

    it('prices the trimmed-mean billed duration, with the request charge', () => {
      expect(byValue(256)?.averagePrice).toBeCloseTo(0.204 * 0.25 * GB_S + REQUEST, 18);
      expect(byValue(256)?.costPerMillion).toBeCloseTo((0.204 * 0.25 * GB_S + REQUEST) * 1e6, 9);
    });

    it('totals the exact cost of every invocation with a REPORT, cold ones included', () => {
      // 256 MB: cold billed ceil(230 + 250) = 480 ms, warm 200..207 and 300 → 2128 ms; 10 requests
      const billedMs = 480 + 200 + 201 + 202 + 203 + 204 + 205 + 206 + 207 + 300;
      expect(byValue(256)?.totalCost).toBeCloseTo((billedMs / 1000) * 0.25 * GB_S + 10 * REQUEST, 15);
      const sum = result.sizes.reduce((total, size) => total + size.totalCost, 0);
      expect(result.stateMachine.lambdaCost).toBeCloseTo(sum, 18);
      expect(byValue(128)?.totalCost).toBeGreaterThan(0);
    });

    it('recommends the fastest of the sizes the run cannot tell apart on cost, with a plain sentence', () => {
      // GB-s per invocation: 256 → 0.204 × 0.25 = 0.051; 512 → 0.101 × 0.5 = 0.0505; 1024 → 0.052.
      // 512 MB is the cheapest mean, but every interval overlaps its (the 300, 150 and 90 ms outliers):
      // the three cannot be told apart on cost, and 1,024 MB is the fastest of them.
      expect(result.power).toBe(1024);
      expect(result.cost).toBe(byValue(1024)?.averagePrice);
      expect(result.duration).toBe(byValue(1024)?.averageDuration);
      // speed 204 / 52 = 3.92x; cost (0.052·p + r) / (0.051·p + r) − 1 = +1.6%
      expect(result.recommendation).toMatchObject({
        power: 1024,
        strategy: 'cost',
        runnerUp: 512,
        sentence:
          '1,024 MB: 3.9× faster and 1.6% more expensive than 256 MB (256–1,024 MB cannot be told apart on cost (95% intervals, 2% band); 1,024 MB is the fastest of them)',
        tiedWith: [256, 512],
        tieBand: { percent: 2, lowMB: 256, highMB: 1024, metric: 'cost' },
      });
    });

    it('with the band at 0 recommends the cheapest mean alone, as the reference tool does', () => {
      const strict = analyze({ samples, input: input({ indifferenceBand: 0 }), price: PRICE, facts: FACTS });
      expect(strict.power).toBe(512);
      expect(strict.recommendation.tiedWith).toBeUndefined();
      expect(strict.recommendation.sentence).toBe('512 MB: 2.0× faster and 0.8% cheaper than 256 MB');
    });

    it('lists reference-compatible stats for completed sizes only', () => {
      expect(result.stats.map((s) => s.value)).toEqual([256, 512, 1024]);
      expect(Object.keys(result.stats[0] ?? {}).sort()).toEqual(['averageDuration', 'averagePrice', 'value']);
    });

    it('lists every size, failed included, sorted by memory', () => {
      expect(result.sizes.map((s) => [s.value, s.status])).toEqual([
        [128, 'failed'],
        [256, 'ok'],
        [512, 'ok'],
        [1024, 'ok'],
      ]);
    });

    it('builds a visualization of the completed sizes', () => {
      const url = result.stateMachine.visualization;
      expect(url.startsWith('https://lambda-power-tuning.show/#')).toBe(true);
      const points = decodeVisualizationHash(url.split('#')[1] ?? '');
      expect(points.map((p) => p.value)).toEqual([256, 512, 1024]);
      expect(points[1]?.averageDuration).toBeCloseTo(101, 4);
    });

    it('counts every retry and every throttle, not the samples that had one', () => {
      expect(byValue(1024)).toMatchObject({ retries: 4, throttles: 2 });
    });

    it('returns every sample without its output, and run facts from the input and price', () => {
      const withOutput = [...samples, { ...warm(256, 204), output: '{"secret":true}' }];
      const again = analyze({ samples: withOutput, input: input(), price: PRICE, facts: FACTS });
      expect(again.samples).toHaveLength(withOutput.length);
      expect(again.samples?.some((s) => 'output' in s)).toBe(false);
      expect(again.run).toMatchObject({
        ...FACTS,
        currency: 'USD',
        strategy: 'cost',
        num: 10,
        includeRequestCharge: true,
      });
      expect(
        analyze({ samples, input: input(), price: PRICE, facts: FACTS, includeSamples: false }).samples,
      ).toBeUndefined();
    });

    it('charges nothing for Step Functions unless transitions are given', () => {
      expect(result.stateMachine.executionCost).toBe(0);
      const sfn = analyze({ samples, input: input(), price: PRICE, facts: FACTS, stepFunctionsTransitions: 18 });
      expect(sfn.stateMachine.executionCost).toBeCloseTo(18 * 0.000025, 15);
    });
  });

  it.each([
    ['speed', 1024, '1,024 MB: 3.9× faster and 1.6% more expensive than 256 MB'],
    // balanced (w = 0.5, maxCost = 1024's 1.0667e-6, maxDuration = 204):
    // 256 → .5×1.05/1.0667 + .5×204/204 = 0.992; 512 → .5×1.0417/1.0667 + .5×101/204 = 0.736; 1024 → .5 + .5×52/204 = 0.627
    // the intervals are of the trimmed means, from the winsorized spread: the 150 and 90 ms outliers do not
    // widen them, so 512's score and 1,024's are told apart and balanced takes 1,024 (a tie picks the smallest:
    // strategy-table.test.ts)
    ['balanced', 1024, '1,024 MB: 3.9× faster and 1.6% more expensive than 256 MB'],
  ])('recommends by the %s strategy', (strategy, power, sentence) => {
    // speed: 204 / 52 = 3.92x; cost (0.052·p + r) / (0.051·p + r) − 1 = 1.0667e-6 / 1.05e-6 − 1 = +1.6%
    const result = analyze({ samples: realisticSamples(), input: input({ strategy }), price: PRICE, facts: FACTS });
    expect(result.power).toBe(power);
    const base = 0.051 * GB_S + REQUEST;
    const winner = (power === 1024 ? 0.052 : 0.0505) * GB_S + REQUEST;
    expect(Math.abs(((winner - base) / base) * 100).toFixed(1)).toBe(sentence.match(/(\d+\.\d)%/)?.[1]);
    expect(result.recommendation.sentence).toBe(sentence);
  });

  it('says so when the smallest size is also the winner', () => {
    const samples = [
      ...[100, 100, 100, 100, 100].map((d) => warm(128, d)),
      ...[60, 60, 60, 60, 60].map((d) => warm(256, d)),
    ];
    const result = analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });
    // 128: 0.1 × 0.125 = 0.0125 GB-s; 256: 0.06 × 0.25 = 0.015; with requests (0.015p + r) / (0.0125p + r) = 4.5e-7 / 4.0833e-7 = 1.102
    expect(result.recommendation.sentence).toBe(
      '128 MB: the smallest size tested is also the cheapest; 256 MB is 1.7× faster and 10.2% more expensive than 128 MB',
    );
  });

  it('says when only one size completed', () => {
    const samples = [
      {
        power: 128,
        coldStart: false,
        error: { type: 'Sandbox.Timedout', message: 'Task timed out after 3.00 seconds' },
      },
      ...[50, 51, 52, 53, 54].map((d) => warm(256, d)),
    ];
    const result = analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });
    expect(result.recommendation.sentence).toBe('256 MB is the only size that completed');
    expect(result.recommendation.runnerUp).toBeUndefined();
  });

  it('fails a size whose REPORT says it timed out even without an error field', () => {
    const timedOut: InvocationSample = {
      power: 128,
      coldStart: false,
      report: { durationMs: 3000, billedDurationMs: 3000, status: 'timeout' },
    };
    const samples = [timedOut, ...[50, 51, 52, 53, 54].map((d) => warm(256, d))];
    const result = analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });
    expect(result.sizes[0]).toMatchObject({
      status: 'failed',
      failureReason: 'Sandbox.Timedout: the invocation timed out after 3000 ms',
    });
  });

  it('fails a size when no REPORT could be read, quoting the parse error', () => {
    const samples = [
      { power: 128, coldStart: false, parseError: 'no REPORT line in the 4 KB log tail' },
      ...[50, 51, 52, 53, 54].map((d) => warm(256, d)),
    ];
    const result = analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });
    expect(result.sizes[0]?.failureReason).toBe(
      "no REPORT record could be read from any invocation's log tail (no REPORT line in the 4 KB log tail)",
    );
  });

  it('throws AllSizesFailedError listing every reason when nothing completed', () => {
    const samples: InvocationSample[] = [
      { power: 128, coldStart: false, error: { type: 'Runtime.OutOfMemory', message: 'out of memory' } },
      {
        power: 256,
        coldStart: false,
        error: { type: 'Sandbox.Timedout', message: 'Task timed out after 3.00 seconds' },
      },
    ];
    let error: unknown;
    try {
      analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AllSizesFailedError);
    expect(error).toMatchObject({
      exitCode: 1,
      reasons: [
        { power: 128, reason: 'Runtime.OutOfMemory: out of memory' },
        { power: 256, reason: 'Sandbox.Timedout: Task timed out after 3.00 seconds' },
      ],
    });
    expect((error as Error).message).toContain('128 MB: Runtime.OutOfMemory: out of memory; 256 MB: Sandbox.Timedout');
  });

  it('throws NoViableSizeError naming the sizes when every completed size reported 0 ms (nothing to rank)', () => {
    // Prepare: REPORT lines that say Duration 0.00 ms at every size.
    const samples: InvocationSample[] = [128, 256].flatMap((power) => [warm(power, 0), warm(power, 0), warm(power, 0)]);

    // Act
    const act = (): unknown =>
      analyze({ samples, input: input({ powerValues: [128, 256] }), price: PRICE, facts: FACTS });

    // Assess
    expect(act).toThrow(NoViableSizeError);
    expect(act).toThrow(/128 MB, 256 MB|128, 256/u);
  });

  it('includes init time in the averages with onlyColdStarts', () => {
    const samples = [
      cold(256, 100, 300),
      cold(256, 100, 310),
      cold(256, 100, 290),
      cold(256, 100, 300),
      cold(256, 100, 300),
    ];
    const result = analyze({
      samples,
      input: input({ powerValues: [256], onlyColdStarts: true }),
      price: PRICE,
      facts: FACTS,
    });
    expect(result.duration).toBeCloseTo(400, 10);
    expect(result.sizes[0]?.note).toBeUndefined();
  });

  it('falls back to cold samples with a note when every sample of a size was cold', () => {
    const samples = [
      cold(256, 100, 200),
      cold(256, 100, 200),
      cold(256, 100, 200),
      cold(256, 100, 200),
      cold(256, 100, 200),
    ];
    const result = analyze({ samples, input: input({ powerValues: [256] }), price: PRICE, facts: FACTS });
    expect(result.duration).toBeCloseTo(300, 10);
    expect(result.sizes[0]?.note).toMatch(/every measured invocation was a cold start/);
  });

  it('keeps a sample whose REPORT carries Init Duration out of the warm averages even if not flagged cold', () => {
    const unflagged: InvocationSample = { ...cold(256, 100, 900), coldStart: false };
    const samples = [unflagged, ...[50, 50, 50, 50, 50].map((d) => warm(256, d))];
    const result = analyze({ samples, input: input({ powerValues: [256] }), price: PRICE, facts: FACTS });
    expect(result.duration).toBe(50);
    expect(result.sizes[0]?.coldStarts).toMatchObject({ count: 1 });
  });

  it('warns when the function uses 90% or more of its memory', () => {
    const samples = [128, 128, 128, 128, 128].map(() => ({
      power: 128,
      coldStart: false,
      report: { durationMs: 10, billedDurationMs: 10, memorySizeMB: 128, maxMemoryUsedMB: 120 },
    }));
    const result = analyze({ samples, input: input({ powerValues: [128] }), price: PRICE, facts: FACTS });
    expect(result.sizes[0]?.maxMemoryUsedMB).toBe(120);
    expect(result.sizes[0]?.memoryWarning).toBe(
      'max memory used 120 MB is 94% of 128 MB; it may run out of memory at this size',
    );
  });

  it('leaves the request charge out when includeRequestCharge is false', () => {
    const samples = [20, 20, 20, 20, 20].map((d) => warm(128, d));
    const result = analyze({
      samples,
      input: input({ powerValues: [128], includeRequestCharge: false }),
      price: PRICE,
      facts: FACTS,
    });
    expect(result.cost).toBeCloseTo(0.02 * 0.125 * GB_S, 20);
  });

  it('calls a clearly faster size significant and an overlapping one not', () => {
    const fast = [50, 51, 52, 50, 51, 52, 50, 51, 52, 51].map((d) => warm(1024, d));
    const slow = [200, 201, 202, 200, 201, 202, 200, 201, 202, 201].map((d) => warm(128, d));
    const speed = analyze({
      samples: [...slow, ...fast],
      input: input({ powerValues: [128, 1024], strategy: 'speed' }),
      price: PRICE,
      facts: FACTS,
    });
    expect(speed.recommendation).toMatchObject({ power: 1024, significant: true });
    const a = [100, 130, 90, 140, 95, 135, 92, 138, 99, 120].map((d) => warm(128, d));
    const b = [101, 128, 93, 139, 96, 131, 94, 137, 97, 121].map((d) => warm(256, d));
    const close = analyze({
      samples: [...a, ...b],
      input: input({ powerValues: [128, 256], strategy: 'speed' }),
      price: PRICE,
      facts: FACTS,
    });
    expect(close.recommendation.significant).toBe(false);
  });
});

describe('Function: analyze (tie bands)', () => {
  /** `count` warm samples around `durationMs` (± 3%, alternating). */
  const series = (power: number, durationMs: number, count = 10): InvocationSample[] =>
    Array.from({ length: count }, (_, i) =>
      warm(power, durationMs * (1 + 0.03 * (i % 2 === 0 ? 1 : -1) * ((i % 5) / 4))),
    );
  // Single-threaded on its plateau: 1,769 and 3,538 MB equally fast; 3,538 MB costs twice as much.
  const plateau = (): InvocationSample[] => [...series(1024, 3400), ...series(1769, 2004), ...series(3538, 2000)];

  it.each([
    // [label, strategy, band, power, tiedWith, tieBand]
    [
      'speed, default band: the cheapest of the equally fast sizes',
      'speed',
      undefined,
      1769,
      [3538],
      { percent: 2, lowMB: 1769, highMB: 3538, metric: 'duration' },
    ],
    ['speed, band 0: only exact equals tie, the faster wins', 'speed', 0, 3538, undefined, undefined],
    // 1,024 MB × 3,400 ms costs 1.8% less than 1,769 MB × 2,004 ms: tied; 3,538 MB costs twice as much: not
    [
      'cost, default band: the fastest of the sizes that cost the same',
      'cost',
      undefined,
      1769,
      [1024],
      { percent: 2, lowMB: 1024, highMB: 1769, metric: 'cost' },
    ],
    ['cost, band 0: ties off, the cheapest alone', 'cost', 0, 1024, undefined, undefined],
  ] as const)('%s', (_label, strategy, band, power, tiedWith, tieBand) => {
    // Act
    const result = analyze({
      samples: plateau(),
      input: input({
        strategy,
        powerValues: [1024, 1769, 3538],
        ...(band === undefined ? {} : { indifferenceBand: band }),
      }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess
    expect(result.power).toBe(power);
    expect(result.recommendation.tiedWith).toEqual(tiedWith);
    expect(result.recommendation.tieBand).toEqual(tieBand);
  });

  it('ties a search by the settled rule it stopped on, a fixed list by what it cannot tell apart', () => {
    // Prepare: 1,024 MB 8% dearer than 512 MB, intervals overlapping (±6% noise, 10 samples each)
    const noisy = (power: number, durationMs: number): InvocationSample[] =>
      Array.from({ length: 10 }, (_, i) => warm(power, durationMs * (1 + 0.06 * (i % 2 === 0 ? 1 : -1))));
    const samples = [...noisy(512, 100), ...noisy(1024, 54)];
    const decide = (overrides: Record<string, unknown>) =>
      analyze({ samples, input: input({ powerValues: [512, 1024], ...overrides }), price: PRICE, facts: FACTS })
        .recommendation;
    // Act
    const list = decide({});
    const search = decide({ num: 'auto' });
    // Assess
    expect([list.power, list.tiedWith]).toEqual([1024, [512]]);
    expect([search.power, search.tiedWith]).toEqual([512, undefined]);
  });

  it('says in the sentence which sizes are tied and why the recommended one was picked', () => {
    const result = analyze({
      samples: plateau(),
      input: input({ strategy: 'speed', powerValues: [1024, 1769, 3538] }),
      price: PRICE,
      facts: FACTS,
    });
    expect(result.recommendation.sentence).toContain(
      '(1,769–3,538 MB cannot be told apart on speed (95% intervals, 2% band); 1,769 MB is the cheapest of them)',
    );
  });
});
