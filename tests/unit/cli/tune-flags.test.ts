import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import type { TuningInput } from '../../../src/core/index.js';
import { parseFlags } from '../../../src/cli/parse-flags.js';
import { applyInputFlags, TUNE_FLAGS } from '../../../src/cli/tune-flags.js';
import { runCli } from '../../helpers/run-cli.js';

/** argv → the validated input the tuner would get (what `tune` does before any AWS call). */
const inputOf = (argv: string[], base: Record<string, unknown> = {}): TuningInput => {
  const { values } = parseFlags({ argv: ['--function', 'demo', ...argv], flags: TUNE_FLAGS, command: 'tune' });
  return validateInput(applyInputFlags({ base, values }));
};

describe('Function: applyInputFlags (search, constraint and monthly flags)', () => {
  it.each<[string, string[], Partial<TuningInput>]>([
    ['--power auto', ['--power', 'auto'], { search: { powerValues: 'auto', num: 'auto', granularityMB: 64 } }],
    [
      '--power-values AUTO',
      ['--power-values', 'AUTO'],
      { search: { powerValues: 'auto', num: 'auto', granularityMB: 64 } },
    ],
    [
      '--power auto --num 8',
      ['--power', 'auto', '--num', '8'],
      { num: 8, search: { powerValues: 'auto', num: 8, granularityMB: 64 } },
    ],
    [
      '--num auto on a list',
      ['--num', 'auto', '--power-values', '256,512'],
      { powerValues: [256, 512], search: { powerValues: 'list', num: 'auto', granularityMB: 64 } },
    ],
    [
      'search budgets and granularity',
      ['--power', 'auto', '--granularity', '1', '--max-invocations', '120', '--max-tuning-cost', '0.5'],
      { search: { powerValues: 'auto', num: 'auto', granularityMB: 1, maxInvocations: 120, maxTuningCost: 0.5 } },
    ],
    [
      '--max-duration alone (p95 by default)',
      ['--num', '5', '--max-duration', '250'],
      { constraints: { maxDurationMs: 250 } },
    ],
    [
      '--max-duration with --percentile and --max-cost-per-million',
      ['--num', '5', '--max-duration', '250', '--percentile', 'p99', '--max-cost-per-million', '2.5'],
      { constraints: { maxDurationMs: 250, percentile: 'p99', maxCostPerMillion: 2.5 } },
    ],
    [
      '--invocations-per-month with --free-tier',
      ['--num', '5', '--invocations-per-month', '10000000', '--free-tier'],
      { invocationsPerMonth: 10_000_000, freeTier: true },
    ],
    [
      '--invocations-per-month in exponent notation',
      ['--num', '5', '--invocations-per-month', '1e7'],
      { invocationsPerMonth: 10_000_000 },
    ],
  ])('builds the input for %s', (_name, argv, expected) => {
    expect(inputOf(argv)).toMatchObject(expected);
  });

  it('lets flags override the same options of an input file', () => {
    // Act
    const input = inputOf(['--max-duration', '100'], {
      num: 5,
      maxDuration: 900,
      powerValues: 'AUTO',
      maxInvocations: 50,
    });
    // Assess
    expect(input.constraints?.maxDurationMs).toBe(100);
    expect(input.search).toMatchObject({ powerValues: 'auto', maxInvocations: 50 });
  });

  it('starts an AUTO search with its coarse pass: 128, 256, 512, 1024 MB and every vCPU boundary', () => {
    expect(inputOf(['--power', 'auto']).powerValues).toEqual([
      128, 256, 512, 1024, 1769, 3538, 5307, 7076, 8845, 10240,
    ]);
  });

  it('leaves classic runs without search, constraints or monthly settings', () => {
    const input = inputOf(['--num', '10']);
    expect(input.search).toBeUndefined();
    expect(input.constraints).toBeUndefined();
    expect(input.invocationsPerMonth).toBeUndefined();
  });
});

// Refused before any AWS call: the endpoint is unroutable, so exit 2 proves the refusal came first.
const FN = [
  '--function',
  'arn:aws:lambda:us-east-1:123456789012:function:demo',
  '--endpoint-url',
  'http://127.0.0.1:9',
];

describe('Command: tune (bad search, constraint and monthly values)', () => {
  it.each<[string, string[], RegExp]>([
    [
      '--power and --power-values together',
      ['--power', 'auto', '--power-values', '128'],
      /--power: expected one of --power or --power-values; got both/,
    ],
    [
      'AUTO inside a list',
      ['--power-values', '128,auto'],
      /powerValues: "AUTO" \(adaptive search\) must be the whole powerValues value/,
    ],
    [
      'granularity below 1 MB',
      ['--power', 'auto', '--granularity', '0'],
      /granularity: must be an integer >= 1; got 0/,
    ],
    [
      'granularity on a list',
      ['--num', 'auto', '--power-values', '128,256', '--granularity', '32'],
      /granularity: applies only when the search picks the sizes: add "powerValues": "AUTO" \(--power auto\)/,
    ],
    ['budget without a search', ['--max-invocations', '100'], /maxInvocations: applies only to an adaptive search/],
    [
      'tuning cost not a number',
      ['--power', 'auto', '--max-tuning-cost', 'cheap'],
      /maxTuningCost: must be a number > 0 .*got "cheap"/,
    ],
    [
      'adaptive search with only cold starts',
      ['--power', 'auto', '--only-cold-starts'],
      /powerValues: an adaptive search measures warm invocations and cannot be combined with onlyColdStarts/,
    ],
    [
      'negative duration limit',
      ['--max-duration', '-5'],
      /maxDuration: must be a number > 0 \(e\.g\. 1000 ms\); got -5/,
    ],
    [
      'unknown percentile',
      ['--max-duration', '100', '--percentile', 'p42'],
      /percentile: expected one of p50, p90, p95, p99; got "p42"/,
    ],
    [
      'percentile without a duration limit',
      ['--percentile', 'p99'],
      /percentile: says which duration maxDuration limits; add "maxDuration" \(--max-duration MS\)/,
    ],
    ['cost limit of zero', ['--max-cost-per-million', '0'], /maxCostPerMillion: must be a number > 0/],
    [
      'invocations per month not an integer',
      ['--invocations-per-month', '10M'],
      /invocationsPerMonth: must be an integer >= 1; got "10M"/,
    ],
    [
      'free tier without monthly invocations',
      ['--free-tier'],
      /freeTier: applies to the monthly bill; add "invocationsPerMonth" \(--invocations-per-month N\)/,
    ],
  ])('exits 2 with one clear message for %s', async (_name, argv, message) => {
    // Act
    const { code, stderr } = await runCli(['tune', ...FN, ...argv]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
