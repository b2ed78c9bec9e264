import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegression } from '../../../../src/core/check/check-regression.js';
import type { TuningResult } from '../../../../src/core/types.js';
import { runCli } from '../../../helpers/run-cli.js';

const baseline = JSON.parse(readFileSync(new URL('../../../fixtures/results/cpu-bound.json', import.meta.url), 'utf8')) as TuningResult;

/** A copy of the baseline with one size's duration and price scaled. */
const scaled = ({ power, duration = 1, price = 1, recommended }: { power: number; duration?: number; price?: number; recommended?: number }): TuningResult => {
  const copy = structuredClone(baseline);
  for (const size of copy.sizes) {
    if (size.value !== power) continue;
    size.averageDuration *= duration;
    size.averagePrice *= price;
  }
  if (recommended !== undefined) copy.power = recommended;
  return copy;
};

const LIMITS = { maxCostIncrease: 0.1, maxDurationIncrease: 0.1 };

describe('Function: checkRegression', () => {
  it('passes when nothing changed, comparing at the configured size', () => {
    // Act
    const check = checkRegression({ current: structuredClone(baseline), baseline, limits: LIMITS });
    // Assess
    expect(check.passed).toBe(true);
    expect(check.power).toBe(1024);
    expect(check.basis).toBe('configured');
    expect(check.summary).toMatch(/^check passed at 1024 MB \(the configured size\)/);
  });

  it('fails when the duration at the configured size rose beyond the limit, and says by how much', () => {
    const check = checkRegression({ current: scaled({ power: 1024, duration: 1.25 }), baseline, limits: LIMITS });
    expect(check.passed).toBe(false);
    expect(check.durationChange).toBeCloseTo(0.25, 10);
    expect(check.findings.map((f) => f.kind)).toEqual(['duration']);
    expect(check.summary).toMatch(/average duration at 1024 MB rose 25\.0%.*\(limit 10\.0%\)/);
  });

  it('fails when the cost per invocation rose beyond the limit', () => {
    const check = checkRegression({ current: scaled({ power: 1024, price: 1.2 }), baseline, limits: LIMITS });
    expect(check.findings.map((f) => f.kind)).toEqual(['cost']);
    expect(check.summary).toMatch(/cost per invocation at 1024 MB rose 20\.0% \(limit 10\.0%\)/);
  });

  it('tolerates a rise within the limits', () => {
    const check = checkRegression({ current: scaled({ power: 1024, duration: 1.05, price: 1.05 }), baseline, limits: LIMITS });
    expect(check.passed).toBe(true);
  });

  it('fails when the sweet spot moved, unless allowed', () => {
    const moved = scaled({ power: 1024, recommended: 2048 });
    expect(checkRegression({ current: moved, baseline, limits: LIMITS }).summary).toMatch(/recommended size moved from 10240 MB to 2048 MB/);
    expect(checkRegression({ current: moved, baseline, limits: { ...LIMITS, failOnSweetSpotMove: false } }).passed).toBe(true);
  });

  it('falls back to the baseline recommendation when the configured size was not measured in both', () => {
    const current = structuredClone(baseline);
    current.sizes = current.sizes.filter((s) => s.value !== 1024);
    const check = checkRegression({ current, baseline, limits: LIMITS });
    expect(check.basis).toBe('recommended');
    expect(check.power).toBe(10240);
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
    expect(run.stdout).toMatch(/^check passed at 1024 MB/);
  });

  it('exits 1 and names the regression when a change made the function slower', async () => {
    const run = await runCli(['check', save('slow.json', scaled({ power: 1024, duration: 1.3 })), '--baseline', save('base2.json', baseline), '--max-duration-increase', '20%']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/check failed at 1024 MB/);
    expect(run.stderr).toMatch(/average duration at 1024 MB rose 30\.0%.*\(limit 20\.0%\)/);
  });
});
