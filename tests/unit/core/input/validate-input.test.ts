import { describe, expect, it } from 'vitest';
import { InputError, validateInput } from '../../../../src/core/index.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:my-fn';
const ok = { lambdaARN: ARN, num: 10 };
const FORMATS =
  'expected a function name (my-fn), a name with a version or alias (my-fn:live), ' +
  'or an ARN (arn:aws:lambda:us-east-1:123456789012:function:my-fn, optionally ending in :live, :7 or :$LATEST)';

describe('Function: validateInput', () => {
  describe('accepted input', () => {
    it('returns a fully defaulted input for the minimal reference input', () => {
      // Act
      const input = validateInput(ok);
      // Assess
      expect(input).toEqual({
        lambdaARN: ARN,
        num: 10,
        powerValues: [128, 256, 512, 1024, 1536, 3008],
        parallelInvocation: false,
        strategy: 'cost',
        balancedWeight: 0.5,
        autoOptimize: false,
        dryRun: false,
        discardTopBottom: 0.2,
        sleepBetweenRunsMs: 0,
        disablePayloadLogs: false,
        includeOutputResults: false,
        onlyColdStarts: false,
        allowedExceptions: [],
        includeRequestCharge: true,
        invocationOrder: 'interleaved',
      });
    });

    it('accepts every reference option and our extensions unchanged', () => {
      const raw = {
        lambdaARN: 'my-fn:live',
        num: '20',
        powerValues: 'ALL',
        payload: [
          { payload: { a: 1 }, weight: 1 },
          { payload: { b: 2 }, weight: 3 },
        ],
        payloadS3: 's3://my-bucket/payloads/p.json',
        parallelInvocation: true,
        strategy: 'balanced',
        balancedWeight: 0.3,
        autoOptimize: true,
        autoOptimizeAlias: 'live',
        dryRun: false,
        preProcessorARN: 'arn:aws:lambda:eu-west-1:123456789012:function:pre',
        postProcessorARN: 'post',
        discardTopBottom: 0.1,
        sleepBetweenRunsMs: 250,
        disablePayloadLogs: true,
        includeOutputResults: true,
        onlyColdStarts: false,
        allowedExceptions: ['HandledError'],
        concurrency: 4,
        region: 'eu-central-1',
        includeRequestCharge: false,
        warmup: 2,
      };
      const input = validateInput(raw);
      expect(input).toMatchObject({
        ...raw,
        num: 20,
        powerValues: expect.any(Array),
      });
      expect(input.powerValues).toHaveLength(46);
    });

    it('uses the given default power values when the input has none', () => {
      expect(validateInput(ok, { defaultPowerValues: [128, 256] }).powerValues).toEqual([128, 256]);
    });

    it('lets a dry run omit num (then 1)', () => {
      expect(validateInput({ lambdaARN: ARN, dryRun: true }).num).toBe(1);
    });

    it('keeps num on a dry run so the full run can be estimated', () => {
      expect(validateInput({ lambdaARN: ARN, dryRun: true, num: 50 }).num).toBe(50);
    });

    it('forces discardTopBottom to 0 with onlyColdStarts, as the reference does', () => {
      expect(validateInput({ ...ok, onlyColdStarts: true, discardTopBottom: 0.3 }).discardTopBottom).toBe(0);
    });

    it('ignores keys a driver asks it to ignore', () => {
      expect(() =>
        validateInput({ ...ok, lambdaConfigurations: {} }, { ignoreKeys: ['lambdaConfigurations'] }),
      ).not.toThrow();
    });

    it.each([[null], [0], [''], [false], [{ any: 'json' }], ['plain text']])('accepts the payload %j', (payload) => {
      expect(validateInput({ ...ok, payload }).payload).toEqual(payload);
    });
  });

  describe('bad input', () => {
    const big = 'x'.repeat(6_291_456);
    it.each([
      // [description, input, exact message]
      ['not an object', 'my-fn', 'input: expected a JSON object of options; got "my-fn"'],
      [
        'an array',
        [ok],
        `input: expected a JSON object of options; got [{"lambdaARN":"arn:aws:lambda:us-east-1:123456789012:functi…`,
      ],
      ['null', null, 'input: expected a JSON object of options; got null'],
      [
        'legacy enableParallel',
        { ...ok, enableParallel: true },
        'enableParallel: unknown option; did you mean "parallelInvocation"?',
      ],
      [
        'legacy balanceWeight',
        { ...ok, balanceWeight: 0.2 },
        'balanceWeight: unknown option; did you mean "balancedWeight"?',
      ],
      ['misspelt option', { ...ok, stratgy: 'cost' }, 'stratgy: unknown option; did you mean "strategy"?'],
      ['unknown option', { ...ok, colour: 'blue' }, 'colour: unknown option; see the documented options'],
      [
        'unknown invocationOrder',
        { ...ok, invocationOrder: 'random' },
        'invocationOrder: expected one of interleaved, sequential; got "random"',
      ],
      [
        'unknown cpuModel',
        { ...ok, cpuModel: 'fast' },
        'cpuModel: expected one of auto, cgroup, virtual-time; got "fast"',
      ],
      [
        'coldStartRate above 1',
        { ...ok, invocationsPerMonth: 1000, coldStartRate: 2 },
        'coldStartRate: must be a number from 0 to 1; got 2',
      ],
      [
        'coldStartRate as a percentage string',
        { ...ok, invocationsPerMonth: 1000, coldStartRate: '1%' },
        'coldStartRate: must be a number from 0 to 1; got "1%"',
      ],
      [
        'coldStartRate without invocationsPerMonth',
        { ...ok, coldStartRate: 0.01 },
        'coldStartRate: applies to the monthly bill; add "invocationsPerMonth" (--invocations-per-month N); got 0.01',
      ],
      [
        'missing lambdaARN',
        { num: 10 },
        'lambdaARN: required: a function name or ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-fn; got nothing',
      ],
      [
        'empty lambdaARN',
        { lambdaARN: '', num: 10 },
        'lambdaARN: required: a function name or ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-fn; got ""',
      ],
      [
        'numeric lambdaARN',
        { lambdaARN: 0, num: 10 },
        'lambdaARN: required: a function name or ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-fn; got 0',
      ],
      ['malformed ARN', { lambdaARN: 'arn:aws', num: 10 }, `lambdaARN: ${FORMATS}; got "arn:aws"`],
      [
        'ARN of another service',
        { lambdaARN: 'arn:aws:s3:::bucket', num: 10 },
        `lambdaARN: ${FORMATS}; got "arn:aws:s3:::bucket"`,
      ],
      ['function name with spaces', { lambdaARN: 'my fn', num: 10 }, `lambdaARN: ${FORMATS}; got "my fn"`],
      ['missing num', { lambdaARN: ARN }, 'num: must be an integer >= 5; got nothing'],
      ['num too small', { ...ok, num: 3 }, 'num: must be an integer >= 5; got 3'],
      ['num negative', { ...ok, num: -1 }, 'num: must be an integer >= 5; got -1'],
      ['num not an integer', { ...ok, num: 10.7 }, 'num: must be an integer >= 5; got 10.7'],
      ['num fractional string', { ...ok, num: '10.7' }, 'num: must be an integer >= 5; got "10.7"'],
      ['num word', { ...ok, num: 'ten' }, 'num: must be an integer >= 5; got "ten"'],
      ['num null', { ...ok, num: null }, 'num: must be an integer >= 5; got null'],
      [
        'power value too large',
        { ...ok, powerValues: [128, 20000] },
        'powerValues: 20000 is above the Lambda maximum of 10240 MB',
      ],
      [
        'power value too small',
        { ...ok, powerValues: [100] },
        'powerValues: 100 is below the Lambda minimum of 128 MB',
      ],
      ['power value fractional', { ...ok, powerValues: [512.5] }, 'powerValues: expected integers in MB; got 512.5'],
      [
        'strategy capitalised',
        { ...ok, strategy: 'Balanced' },
        'strategy: expected one of cost, speed, balanced; got "Balanced"',
      ],
      ['strategy empty', { ...ok, strategy: '' }, 'strategy: expected one of cost, speed, balanced; got ""'],
      ['strategy blank', { ...ok, strategy: ' ' }, 'strategy: expected one of cost, speed, balanced; got " "'],
      [
        'strategy foobar',
        { ...ok, strategy: 'foobar' },
        'strategy: expected one of cost, speed, balanced; got "foobar"',
      ],
      [
        'balancedWeight above 1',
        { ...ok, balancedWeight: 1.5 },
        'balancedWeight: must be a number from 0 to 1; got 1.5',
      ],
      [
        'balancedWeight string',
        { ...ok, balancedWeight: 'half' },
        'balancedWeight: must be a number from 0 to 1; got "half"',
      ],
      [
        'balancedWeight NaN',
        { ...ok, balancedWeight: Number.NaN },
        'balancedWeight: must be a number from 0 to 1; got NaN',
      ],
      [
        'discardTopBottom too large',
        { ...ok, discardTopBottom: 0.5 },
        'discardTopBottom: must be a number from 0 to 0.4; got 0.5',
      ],
      [
        'discardTopBottom negative',
        { ...ok, discardTopBottom: -0.1 },
        'discardTopBottom: must be a number from 0 to 0.4; got -0.1',
      ],
      [
        'discardTopBottom null',
        { ...ok, discardTopBottom: null },
        'discardTopBottom: must be a number from 0 to 0.4; got null',
      ],
      [
        'sleepBetweenRunsMs negative',
        { ...ok, sleepBetweenRunsMs: -5 },
        'sleepBetweenRunsMs: must be an integer >= 0; got -5',
      ],
      [
        'parallelInvocation string',
        { ...ok, parallelInvocation: 'yes' },
        'parallelInvocation: expected true or false; got "yes"',
      ],
      ['dryRun number', { ...ok, dryRun: 1 }, 'dryRun: expected true or false; got 1'],
      [
        'onlyColdStarts string',
        { ...ok, onlyColdStarts: 'true' },
        'onlyColdStarts: expected true or false; got "true"',
      ],
      [
        'allowedExceptions null',
        { ...ok, allowedExceptions: null },
        'allowedExceptions: expected an array of error type names such as ["HandledError"]; got null',
      ],
      [
        'allowedExceptions string',
        { ...ok, allowedExceptions: 'HandledError' },
        'allowedExceptions: expected an array of error type names such as ["HandledError"]; got "HandledError"',
      ],
      [
        'allowedExceptions empty name',
        { ...ok, allowedExceptions: ['A', ''] },
        'allowedExceptions[1]: must be a non-empty error type name; got ""',
      ],
      [
        'payloadS3 without scheme',
        { ...ok, payloadS3: 'bucket/key.json' },
        'payloadS3: expected an S3 URI such as s3://my-bucket/path/payload.json; got "bucket/key.json"',
      ],
      [
        'payloadS3 without key',
        { ...ok, payloadS3: 's3://bucket/' },
        'payloadS3: expected an S3 URI such as s3://my-bucket/path/payload.json; got "s3://bucket/"',
      ],
      [
        'invalid preProcessorARN',
        { ...ok, preProcessorARN: 'arn:aws:lambda:us-east-1:XXX:function:YYY' },
        `preProcessorARN: ${FORMATS}; got "arn:aws:lambda:us-east-1:XXX:function:YYY"`,
      ],
      [
        'empty postProcessorARN',
        { ...ok, postProcessorARN: '' },
        'postProcessorARN: required: a function name or ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-fn; got ""',
      ],
      [
        'numeric autoOptimizeAlias',
        { ...ok, autoOptimize: true, autoOptimizeAlias: '123' },
        'autoOptimizeAlias: expected an alias name of 1-128 letters, digits, - or _, not all digits (e.g. "live"); got "123"',
      ],
      [
        'autoOptimizeAlias with a dot',
        { ...ok, autoOptimize: true, autoOptimizeAlias: 'v1.2' },
        'autoOptimizeAlias: expected an alias name of 1-128 letters, digits, - or _, not all digits (e.g. "live"); got "v1.2"',
      ],
      ['concurrency zero', { ...ok, concurrency: 0 }, 'concurrency: must be an integer >= 1; got 0'],
      [
        'region malformed',
        { ...ok, region: 'Virginia' },
        'region: expected an AWS region such as us-east-1; got "Virginia"',
      ],
      [
        'region conflicting with the ARN',
        { ...ok, region: 'eu-west-1' },
        'region: must match the region in lambdaARN (us-east-1); drop the region option or use an ARN from eu-west-1; got "eu-west-1"',
      ],
      [
        'includeRequestCharge string',
        { ...ok, includeRequestCharge: 'no' },
        'includeRequestCharge: expected true or false; got "no"',
      ],
      ['warmup negative', { ...ok, warmup: -1 }, 'warmup: must be an integer >= 0; got -1'],
      [
        'more weighted payloads than num',
        { lambdaARN: ARN, num: 5, payload: Array.from({ length: 6 }, (_, i) => ({ payload: { i }, weight: 1 })) },
        'payload: 6 weighted payloads need num >= 6; got num 5',
      ],
      [
        'weight too small for num',
        { lambdaARN: ARN, num: 5, payload: [10, 60, 30].map((weight) => ({ payload: 'p', weight })) },
        'payload: payload[0] (weight 10 of 100) would get less than one invocation; raise num to at least 10 or raise its weight; got num 5',
      ],
      [
        'payload over 6 MB',
        { ...ok, payload: big },
        'payload: 6291458 bytes exceeds the 6 MB (6291456 bytes) Lambda invoke limit; pass a smaller payload',
      ],
    ])('refuses %s', (_name, raw, message) => {
      // Act
      let error: unknown;
      try {
        validateInput(raw);
      } catch (caught) {
        error = caught;
      }
      // Assess
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(message);
      expect((error as InputError).exitCode).toBe(2);
    });
  });

  it('reports only the first problem, in a fixed order', () => {
    expect(() => validateInput({ lambdaARN: '', num: 1, strategy: 'x' })).toThrow(/^lambdaARN:/);
    expect(() => validateInput({ lambdaARN: ARN, num: 1, strategy: 'x' })).toThrow(/^num:/);
  });

  it('carries field, expected and got on the error', () => {
    try {
      validateInput({ ...ok, strategy: 'Balanced' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        field: 'strategy',
        expected: 'expected one of cost, speed, balanced',
        got: '"Balanced"',
        name: 'InputError',
      });
    }
  });
});
