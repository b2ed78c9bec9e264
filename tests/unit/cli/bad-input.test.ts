import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// Every case here must be refused before any AWS call: no endpoint is
// reachable in these tests (an unroutable endpoint would hang or fail with
// exit 1, never 2), so exit code 2 proves the refusal came first.
const work = mkdtempSync(join(tmpdir(), 'powertune-badinput-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FN = [
  '--function',
  'arn:aws:lambda:us-east-1:123456789012:function:demo',
  '--endpoint-url',
  'http://127.0.0.1:9',
];

const cases: Array<[string, string[], RegExp]> = [
  [
    'unknown flag with did-you-mean',
    ['tune', ...FN, '--parralel'],
    /--parralel: unknown option .*Did you mean "--parallel"\?/,
  ],
  ['unknown flag without a close match', ['tune', ...FN, '--zzzzzzzzzz'], /--zzzzzzzzzz: unknown option/],
  ['flag missing its value', ['tune', ...FN, '--num'], /--num: expected a value/],
  ['unknown command', ['tunne'], /"tunne" is not a command\. Did you mean "tune"\?/],
  ['num not a number', ['tune', ...FN, '--num', 'abc'], /^powertune: num: .*got "abc"/m],
  ['num too small', ['tune', ...FN, '--num', '3'], /num: must be an integer >= 5; got 3/],
  ['num not an integer', ['tune', ...FN, '--num', '10.5'], /num: .*got 10\.5/],
  [
    'strategy wrong case',
    ['tune', ...FN, '--strategy', 'Balanced'],
    /strategy: expected one of cost, speed, balanced; got "Balanced"/,
  ],
  ['balanced weight out of range', ['tune', ...FN, '--balanced-weight', '1.5'], /balancedWeight: .*got 1\.5/],
  ['balanced weight not a number', ['tune', ...FN, '--balanced-weight', 'half'], /balancedWeight: .*got "half"/],
  [
    'power value above maximum',
    ['tune', ...FN, '--power-values', '128,20000'],
    /powerValues: 20000 is above the Lambda maximum of 10240 MB/,
  ],
  [
    'power value below minimum',
    ['tune', ...FN, '--power-values', '64'],
    /powerValues: 64 is below the Lambda minimum of 128 MB/,
  ],
  ['power value fractional', ['tune', ...FN, '--power-values', '512.5'], /powerValues: .*512\.5/],
  ['power value garbage', ['tune', ...FN, '--power-values', 'lots'], /powerValues: .*"?lots"?/],
  ['discard out of range', ['tune', ...FN, '--discard-top-bottom', '0.5'], /discardTopBottom: .*got 0\.5/],
  ['negative sleep', ['tune', ...FN, '--sleep-between-runs-ms', '-5'], /sleepBetweenRunsMs: .*got -5/],
  [
    'invalid S3 path',
    ['tune', ...FN, '--payload-s3', 'bucket/key.json'],
    /payloadS3: .*s3:\/\/.*got "bucket\/key\.json"/,
  ],
  [
    'invalid function ARN',
    ['tune', '--function', 'arn:aws:lambda:us-east-1:function', '--endpoint-url', 'http://127.0.0.1:9'],
    /lambdaARN: .*arn:aws:lambda:us-east-1:function/,
  ],
  [
    'function name with spaces',
    ['tune', '--function', 'my function', '--endpoint-url', 'http://127.0.0.1:9'],
    /lambdaARN: .*"my function"/,
  ],
  [
    'invalid region',
    ['tune', '--function', 'demo', '--region', 'moon-1', '--endpoint-url', 'http://127.0.0.1:9'],
    /region: .*"moon-1"/,
  ],
  ['region contradicting the ARN', ['tune', ...FN, '--region', 'eu-west-1'], /region: .*eu-west-1/],
  ['invalid pre-processor ARN', ['tune', ...FN, '--pre-processor-arn', 'arn:nope'], /preProcessorARN: /],
  [
    'invalid alias name',
    ['tune', ...FN, '--auto-optimize', '--auto-optimize-alias', 'bad alias!'],
    /autoOptimizeAlias: .*"bad alias!"/,
  ],
  ['concurrency zero', ['tune', ...FN, '--parallel', '--concurrency', '0'], /concurrency: .*got 0/],
  ['no function at all', ['tune', '--num', '10'], /lambdaARN: expected a function name, ARN or local handler file/],
  [
    'both --function and --lambda-arn',
    ['tune', '--function', 'a', '--lambda-arn', 'b'],
    /--function: expected one of --function or --lambda-arn; got both/,
  ],
  [
    'local handler file missing',
    ['tune', '--function', './does-not-exist.mjs'],
    /--function: expected an existing handler file; got ".\/does-not-exist\.mjs"/,
  ],
  [
    '--input file missing',
    ['tune', '--input', join(work, 'missing.json')],
    /--input: expected a readable JSON file; got ".*missing\.json" \(no such file\)/,
  ],
  [
    '--input empty file',
    ['tune', '--input', file('empty.json', '')],
    /--input: expected a JSON document; got an empty file/,
  ],
  [
    '--input whitespace-only file',
    ['tune', '--input', file('blank.json', '  \n\t\n')],
    /--input: expected a JSON document; got an empty file/,
  ],
  [
    '--input binary file',
    ['tune', '--input', file('binary.json', Buffer.from([0x7b, 0x00, 0xff, 0x10]))],
    /--input: expected a JSON text file; got binary data/,
  ],
  [
    '--input malformed JSON with line and column',
    ['tune', '--input', file('bad.json', '{\n  "num": 10,\n  "strategy": cost\n}')],
    /--input: expected valid JSON; got malformed JSON in .*bad\.json at line 3, column 15/,
  ],
  [
    '--input trailing comma',
    ['tune', '--input', file('comma.json', '{"num": 10,}')],
    /--input: expected valid JSON; got malformed JSON .* at line 1, column 12/,
  ],
  [
    '--input an array',
    ['tune', '--input', file('array.json', '[1,2]')],
    /--input: expected a JSON object .*got an array/,
  ],
  [
    '--input a directory',
    ['tune', '--input', work],
    /--input: expected a readable JSON file; got .* \(it is a directory\)/,
  ],
  [
    '--input unknown option with did-you-mean',
    ['tune', '--input', file('typo.json', JSON.stringify({ lambdaARN: 'demo', num: 10, enableParallel: true }))],
    /enableParallel: unknown option; did you mean "parallelInvocation"\?/,
  ],
  [
    '--input old balanceWeight name',
    ['tune', '--input', file('old.json', JSON.stringify({ lambdaARN: 'demo', num: 10, balanceWeight: 0.3 }))],
    /balanceWeight: unknown option; did you mean "balancedWeight"\?/,
  ],
  [
    '--input allowedExceptions null',
    ['tune', '--input', file('nullexc.json', JSON.stringify({ lambdaARN: 'demo', num: 10, allowedExceptions: null }))],
    /allowedExceptions: .*got null/,
  ],
  [
    '--input boolean given as string',
    [
      'tune',
      '--input',
      file('boolstr.json', JSON.stringify({ lambdaARN: 'demo', num: 10, parallelInvocation: 'yes' })),
    ],
    /parallelInvocation: .*got "yes"/,
  ],
  [
    '--input weighted payload needs larger num',
    [
      'tune',
      '--input',
      file(
        'weighted.json',
        JSON.stringify({
          lambdaARN: 'demo',
          num: 5,
          payload: [1, 2, 3, 4, 5, 6].map((i) => ({ payload: { i }, weight: 1 })),
        }),
      ),
    ],
    /payload: 6 weighted payloads need num >= 6; got num 5/,
  ],
  [
    'payload over 6 MB',
    ['tune', ...FN, '--payload-file', file('huge.json', JSON.stringify({ blob: 'x'.repeat(6 * 1024 * 1024) }))],
    /payload: .*exceeds the 6 MB/,
  ],
  [
    '--payload-file malformed',
    ['tune', ...FN, '--payload-file', file('badpayload.json', '{"a":')],
    /--payload-file: expected valid JSON/,
  ],
  [
    '--payload and --payload-file together',
    ['tune', ...FN, '--payload', '{}', '--payload-file', file('p.json', '{}')],
    /--payload-file: expected one of --payload, --payload-string or --payload-file; got both/,
  ],
  ['report: no file', ['report'], /RESULT: expected exactly one result file/],
  [
    'report: bad --per',
    ['report', file('r.json', '{}'), '--per', 'row'],
    /--per: expected one of size, invocation; got "row"/,
  ],
  [
    'report: reference output instead of ours',
    ['report', file('ref.json', JSON.stringify({ power: 128, cost: 1, duration: 1, stats: [] }))],
    /RESULT: expected a powertune result .*reference tool's output/,
  ],
  [
    'compare: one file only',
    ['compare', file('one.json', '{}')],
    /RESULTS: expected two result files to compare; got 1/,
  ],
  ['check: no baseline', ['check', file('c.json', '{}')], /--baseline: expected the previous result file; got nothing/],
  [
    'check: bad percentage',
    ['check', file('c2.json', '{}'), '--baseline', file('c3.json', '{}'), '--max-cost-increase', 'ten'],
    /--max-cost-increase: expected a percentage such as 10%; got "ten"/,
  ],
  ['emulator: bad port', ['emulator', '--port', '70000'], /--port: expected an integer in 0\.\.65535; got "70000"/],
  [
    'cleanup: unknown run id',
    ['cleanup', '--run', 'nope', '--state-dir', work],
    /--run: expected the id of an unfinished run .*got "nope"/,
  ],
  [
    'cleanup: --older-than not a number',
    ['cleanup', ...FN, '--older-than', 'soon'],
    /--older-than: expected a number of minutes >= 0; got "soon"/,
  ],
  [
    'cleanup: --older-than negative',
    ['cleanup', ...FN, '--older-than', '-5'],
    /--older-than: expected a number of minutes >= 0; got "-5"/,
  ],
  [
    '--order unknown',
    ['tune', ...FN, '--order', 'random'],
    /^powertune: --order: expected one of interleaved, sequential; got "random"/m,
  ],
  [
    '--cpu-model unknown',
    ['tune', ...FN, '--cpu-model', 'fast'],
    /^powertune: --cpu-model: expected one of auto, cgroup, virtual-time; got "fast"/m,
  ],
  [
    '--cpu-model for a function behind --endpoint-url',
    ['tune', ...FN, '--cpu-model', 'cgroup'],
    /--cpu-model: expected a local handler file .*; got ".*function:demo" behind http:\/\/127\.0\.0\.1:9 \(start that service with its own --cpu-model\)/,
  ],
  [
    '--cold-start-rate above 1',
    ['tune', ...FN, '--invocations-per-month', '1000000', '--cold-start-rate', '1.5'],
    /--cold-start-rate: expected a number from 0 to 1 .*; got "1\.5"/,
  ],
  [
    '--cold-start-rate not a number',
    ['tune', ...FN, '--invocations-per-month', '1000000', '--cold-start-rate', 'often'],
    /--cold-start-rate: expected a number from 0 to 1 .*; got "often"/,
  ],
  [
    '--cold-start-rate without a monthly bill',
    ['tune', ...FN, '--cold-start-rate', '0.05'],
    /coldStartRate: applies to the monthly bill; add "invocationsPerMonth"/,
  ],
  [
    '--architectures other than the host on the local service',
    ['tune', ...FN, '--architectures', process.arch === 'arm64' ? 'arm64,x86_64' : 'x86_64,arm64'],
    /--architectures: expected only this host's architecture \((x86_64|arm64)\) on the local Lambda service, .*Tune (arm64|x86_64) on AWS/,
  ],
  [
    '--model-architectures without --architectures',
    ['tune', ...FN, '--model-architectures'],
    /--model-architectures: expected --architectures on the local Lambda service/,
  ],
  [
    'cleanup: --function not a function',
    ['cleanup', '--function', 'arn:aws:s3:::bucket', '--endpoint-url', 'http://127.0.0.1:9'],
    /--function: .*"arn:aws:s3:::bucket"/,
  ],
  ['indifference band above 25%', ['tune', ...FN, '--indifference-band', '30'], /--indifference-band.*0 to 25; got 30/],
  ['indifference band not a number', ['tune', ...FN, '--indifference-band', 'wide'], /--indifference-band.*got "wide"/],
  ['indifference band negative', ['tune', ...FN, '--indifference-band', '-1%'], /--indifference-band.*got -1/],
];

describe('CLI: bad input', () => {
  it.each(cases)('refuses %s with one clear message and exit code 2', async (_name, argv, message) => {
    // Act
    const run = await runCli(argv, { cwd: work });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('covers at least 40 distinct bad inputs', () => {
    expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(40);
  });
});
