import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegression } from '../../../../src/core/check/check-regression.js';
import { IncomparableResultsError } from '../../../../src/core/check/errors.js';
import type { TuningResult } from '../../../../src/core/types.js';
import { runCli } from '../../../helpers/run-cli.js';

const baseline = JSON.parse(
  readFileSync(new URL('../../../fixtures/results/cpu-bound.json', import.meta.url), 'utf8'),
) as TuningResult;

/** A copy of the baseline with one size's figures (means and 95% intervals) scaled, as a real change would move them. */
const scaled = ({
  power,
  duration = 1,
  price = 1,
  recommended,
  intervals = true,
}: {
  power: number;
  duration?: number;
  price?: number;
  recommended?: number;
  /** False: move the means only, leaving the intervals where they were (a wobble within the noise). */
  intervals?: boolean;
}): TuningResult => {
  const copy = structuredClone(baseline);
  for (const size of copy.sizes) {
    if (size.value !== power) continue;
    size.averageDuration *= duration;
    size.averagePrice *= price;
    if (intervals) {
      size.duration.ci95 = [size.duration.ci95[0] * duration, size.duration.ci95[1] * duration];
      size.billedDuration.ci95 = [size.billedDuration.ci95[0] * price, size.billedDuration.ci95[1] * price];
    }
  }
  if (recommended !== undefined) copy.power = recommended;
  return copy;
};

const LIMITS = { maxCostIncrease: 0.1, maxDurationIncrease: 0.1 };

const primeSieve = (name: string): TuningResult =>
  JSON.parse(
    readFileSync(new URL(`../../../fixtures/results/prime-sieve/${name}.json`, import.meta.url), 'utf8'),
  ) as TuningResult;
const UNCHANGED = [1, 2, 3, 4, 5, 6].map((i) => primeSieve(`unchanged-${i}`));
const TWICE_THE_WORK = primeSieve('twice-the-work');

describe('Function: checkRegression', () => {
  it('passes when nothing changed, comparing at the configured size, and says what it compared', () => {
    // Act
    const check = checkRegression({ current: structuredClone(baseline), baseline, limits: LIMITS });
    // Assess
    expect(check.passed).toBe(true);
    expect(check.power).toBe(1024);
    expect(check.basis).toBe('configured');
    expect(check.summary).toMatch(
      /^check passed at 1,024 MB \(the configured size\), limits: cost \+10\.0%, duration \+10\.0%/,
    );
    expect(check.summary).toContain('✓ cost per invocation at 1,024 MB +0.0%: within the 10.0% limit');
    expect(check.summary).toContain('✓ sweet spot unchanged at 10,240 MB');
  });

  it("reports each figure with its 95% interval in the figure's own unit (cost in money, duration in ms)", () => {
    // Act
    const check = checkRegression({ current: UNCHANGED[1] as TuningResult, baseline: UNCHANGED[0] as TuningResult });
    // Assess: an interval of the mean holds (or touches) it; a cost interval in milliseconds would not
    for (const comparison of check.comparisons)
      for (const side of [comparison.before, comparison.now]) {
        expect(side.ci95[0]).toBeLessThanOrEqual(side.mean * 1.0001);
        expect(side.ci95[1]).toBeGreaterThanOrEqual(side.mean * 0.9999);
      }
    expect(check.comparisons.map((c) => c.metric)).toEqual(['cost', 'duration']);
  });

  it.each([
    // [label, duration factor, price factor, intervals move too, passed, failing kinds]
    ['duration +25% outside the intervals', 1.25, 1, true, false, ['duration']],
    ['cost +20% outside the intervals', 1, 1.2, true, false, ['cost']],
    ['both +5%: within the limits', 1.05, 1.05, true, true, []],
    ['cost +10.9% with overlapping intervals: noise', 1, 1.109, false, true, []],
    ['duration +30% with overlapping intervals: noise', 1.3, 1, false, true, []],
  ] as const)('judges %s', (_label, duration, price, intervals, passed, kinds) => {
    // Act
    const check = checkRegression({
      current: scaled({ power: 1024, duration, price, intervals }),
      baseline,
      limits: LIMITS,
    });
    // Assess
    expect(check.passed).toBe(passed);
    expect(check.findings.map((f) => f.kind)).toEqual(kinds);
  });

  it('says by how much the duration rose and that it is outside both intervals', () => {
    const check = checkRegression({ current: scaled({ power: 1024, duration: 1.25 }), baseline, limits: LIMITS });
    expect(check.durationChange).toBeCloseTo(0.25, 10);
    expect(check.summary).toContain(
      "✗ average duration at 1,024 MB +25.0%: beyond the 10.0% limit and outside both runs' 95% intervals",
    );
  });

  it('says a rise beyond the limit with overlapping intervals is noise', () => {
    const check = checkRegression({
      current: scaled({ power: 1024, price: 1.2, intervals: false }),
      baseline,
      limits: LIMITS,
    });
    expect(check.summary).toContain(
      '✓ cost per invocation at 1,024 MB +20.0%: beyond the 10.0% limit, but the 95% intervals overlap (noise, not a change)',
    );
  });

  it.each([
    ['a significant move fails', {}, false, 'moved'],
    [
      'a significant move passes with --allow-sweet-spot-move and says it moved',
      { failOnSweetSpotMove: false },
      true,
      'moved',
    ],
  ] as const)('%s', (_label, extra, passed, status) => {
    // Prepare: the new recommendation is 2,048 MB; in the new run the baseline's 10,240 MB got 3x slower and dearer (intervals apart)
    const moved = scaled({ power: 10240, duration: 3, price: 3, recommended: 2048 });
    // Act
    const check = checkRegression({ current: moved, baseline, limits: { ...LIMITS, ...extra } });
    // Assess
    expect(check.passed).toBe(passed);
    expect(check.sweetSpot.status).toBe(status);
    expect(check.summary).toMatch(
      passed
        ? /! the recommended size moved from 10,240 MB to 2,048 MB .*\(allowed by --allow-sweet-spot-move\)/
        : /✗ the recommended size moved from 10,240 MB to 2,048 MB/,
    );
    expect(check.summary).not.toMatch(/unchanged/);
  });

  it('does not count a move inside the tie band as a move', () => {
    // Prepare
    const current = scaled({ power: 1024, recommended: 2048 });
    current.recommendation.tiedWith = [10240];
    current.recommendation.tieBand = { percent: 2, lowMB: 2048, highMB: 10240, metric: 'balanced' };
    // Act
    const check = checkRegression({ current, baseline, limits: LIMITS });
    // Assess
    expect(check.passed).toBe(true);
    expect(check.sweetSpot.status).toBe('within-tie-band');
    expect(check.summary).toContain('sweet spot moved from 10,240 MB to 2,048 MB inside the tie band (2%)');
  });

  it('falls back to the baseline recommendation when the configured size was not measured in both', () => {
    const current = structuredClone(baseline);
    current.sizes = current.sizes.filter((s) => s.value !== 1024);
    const check = checkRegression({ current, baseline, limits: LIMITS });
    expect(check.basis).toBe('recommended');
    expect(check.power).toBe(10240);
  });

  it('fails, naming the size and the fix, when the compared size was measured in neither the same way', () => {
    // Prepare: the current run measured neither the configured size nor the baseline's recommendation.
    const current = structuredClone(baseline);
    current.sizes = current.sizes.filter((s) => s.value !== 1024 && s.value !== 10240);

    // Act
    const check = checkRegression({ current, baseline, limits: LIMITS });

    // Assess
    expect(check.passed).toBe(false);
    expect(check.findings.map((f) => f.kind)).toContain('missing-size');
    expect(check.summary).toMatch(
      /✗ 10,240 MB was not measured successfully in the current result; measure the same sizes in both runs/u,
    );
  });

  it.each([
    [
      'function',
      (r: TuningResult) => {
        r.run.functionName = 'other-fn';
      },
      /function: baseline "image-resizer", current "other-fn"/,
    ],
    [
      'region',
      (r: TuningResult) => {
        r.run.region = 'us-east-1';
      },
      /region: baseline "eu-west-1", current "us-east-1"/,
    ],
    [
      'architecture',
      (r: TuningResult) => {
        r.run.architecture = 'arm64';
      },
      /architecture: baseline "x86_64", current "arm64"/,
    ],
    [
      'strategy',
      (r: TuningResult) => {
        r.run.strategy = 'cost';
      },
      /strategy: baseline "balanced", current "cost"/,
    ],
  ])(
    'refuses results of a different %s with an error of exit code 2 saying what differs',
    (_label, change, message) => {
      const current = structuredClone(baseline);
      change(current);
      let thrown: unknown;
      try {
        checkRegression({ current, baseline, limits: LIMITS });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(IncomparableResultsError);
      expect((thrown as IncomparableResultsError).exitCode).toBe(2);
      expect((thrown as Error).message).toMatch(message);
    },
  );

  describe('with real prime-sieve results of a shared machine', () => {
    const pairs = UNCHANGED.flatMap((current, i) =>
      UNCHANGED.map((base, j) => [i + 1, j + 1, current, base] as const),
    ).filter(([i, j]) => i !== j);

    it.each(pairs)(
      'passes unchanged run %i against unchanged run %i with the default limits',
      (_i, _j, current, base) => {
        const check = checkRegression({ current, baseline: base });
        expect(check.passed, check.summary).toBe(true);
      },
    );

    it.each(UNCHANGED.map((base, i) => [i + 1, base] as const))(
      'fails the function made twice the work against unchanged run %i',
      (_i, base) => {
        const check = checkRegression({ current: TWICE_THE_WORK, baseline: base });
        expect(check.passed).toBe(false);
        expect(check.findings.map((f) => f.kind)).toContain('duration');
      },
    );
  });
});

describe('Command: powertune check', () => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-check-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const save = (name: string, result: TuningResult): string => {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(result));
    return path;
  };

  it('exits 0 with a one-line summary when the change is within the limits', async () => {
    const run = await runCli(['check', save('same.json', baseline), '--baseline', save('base.json', baseline)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^check passed at 1,024 MB/);
  });

  it('exits 1 and names the regression when a change made the function slower', async () => {
    const run = await runCli([
      'check',
      save('slow.json', scaled({ power: 1024, duration: 1.3 })),
      '--baseline',
      save('base2.json', baseline),
      '--max-duration-increase',
      '20%',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/check failed at 1,024 MB/);
    expect(run.stderr).toMatch(
      /average duration at 1,024 MB \+30\.0%: beyond the 20\.0% limit and outside both runs' 95% intervals/,
    );
  });

  it('exits 2 and says what differs when the results are of different regions', async () => {
    const other = structuredClone(baseline);
    other.run.region = 'us-east-1';
    const run = await runCli(['check', save('other.json', other), '--baseline', save('base3.json', baseline)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/region: baseline "eu-west-1", current "us-east-1"/);
  });
});
