import { describe, expect, it } from 'vitest';
import {
  assertPayloadSize,
  convertPayload,
  generatePayloads,
  InputError,
  isWeightedPayload,
  utf8ByteLength,
} from '../../../../src/core/index.js';

describe('Function: convertPayload', () => {
  it.each([
    ['test', '"test"'],
    ['', '""'],
    [' ', '" "'],
    ['{"a":1}', '{"a":1}'],
    ['[1,2]', '[1,2]'],
    ['"quoted"', '"quoted"'],
    ['42', '42'],
    [null, 'null'],
    [{}, '{}'],
    [{ a: [1, 'b'] }, '{"a":[1,"b"]}'],
    [[1, 2, 3], '[1,2,3]'],
    [0, '0'],
    [false, 'false'],
  ])('encodes %j as %j like the reference', (payload, expected) => {
    expect(convertPayload(payload)).toBe(expected);
  });

  it('returns undefined for undefined', () => {
    expect(convertPayload(undefined)).toBeUndefined();
  });
});

describe('Function: isWeightedPayload', () => {
  it.each([
    [
      'a valid weighted array',
      [
        { payload: { a: 1 }, weight: 1 },
        { payload: 'b', weight: 3 },
      ],
      true,
    ],
    ['weights only', [{ weight: 1 }, { weight: 2 }], false],
    ['not an array', { payload: 'a', weight: 1 }, false],
    ['undefined', undefined, false],
    ['an empty array', [], false],
    ['a missing weight', [{ payload: 'a', weight: 1 }, { payload: 'b' }], false],
    ['a missing payload', [{ payload: 'a', weight: 1 }, { weight: 2 }], false],
    ['a zero weight', [{ payload: 'a', weight: 0 }], false],
    ['a falsy payload', [{ payload: '', weight: 1 }], false],
    ['an array of numbers', [1, 2, 3], false],
    ['an array holding null', [null], false],
  ])('returns the reference answer for %s', (_name, payload, expected) => {
    expect(isWeightedPayload(payload)).toBe(expected);
  });
});

describe('Function: generatePayloads', () => {
  const counts = (payloads: string[]): number[] => {
    const out: number[] = [];
    let previous: string | undefined;
    for (const payload of payloads) {
      if (payload === previous) out[out.length - 1] = (out.at(-1) ?? 0) + 1;
      else out.push(1);
      previous = payload;
    }
    return out;
  };
  const equalWeights = (count: number): Array<{ payload: { i: number }; weight: number }> =>
    Array.from({ length: count }, (_, i) => ({ payload: { i }, weight: 1 }));

  it('repeats a plain payload num times', () => {
    expect(generatePayloads({ payload: { a: 1 }, num: 3 })).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it('encodes a plain string as JSON', () => {
    expect(generatePayloads({ payload: 'just a string', num: 2 })).toEqual(['"just a string"', '"just a string"']);
  });

  it('sends "null" when there is no payload, like the reference executor', () => {
    expect(generatePayloads({ payload: undefined, num: 2 })).toEqual(['null', 'null']);
  });

  it.each([[[]], [[{}]], [[1, 2, 3]], [[{ weight: 1 }]], [[{ payload: {} }]], [[{ payload: 'a', weight: 1 }, 5]]])(
    'repeats the non-weighted array %j as a whole',
    (payload) => {
      expect(generatePayloads({ payload, num: 5 })).toEqual(Array.from({ length: 5 }, () => JSON.stringify(payload)));
    },
  );

  it.each([
    [100, 2, [50, 50]],
    [100, 3, [33, 33, 34]],
    [20, 3, [6, 6, 8]],
    [10, 1, [10]],
    [23, 4, [5, 5, 5, 8]],
    [54, 5, [10, 10, 10, 10, 14]],
    [30, 26, [...Array.from({ length: 25 }, () => 1), 5]],
  ])('distributes num %s over %s equal weights as the reference does', (num, count, expected) => {
    const payloads = generatePayloads({ payload: equalWeights(count), num });
    expect(payloads).toHaveLength(num);
    expect(counts(payloads)).toEqual(expected);
  });

  it.each([
    [[10, 30, 60], 10, [1, 3, 6]],
    [[5, 15, 30], 100, [10, 30, 60]],
  ])('distributes weights %j over num %s as the reference executor does', (weights, num, expected) => {
    const payload = weights.map((weight, i) => ({ payload: { i }, weight }));
    const payloads = generatePayloads({ payload, num });
    expect(counts(payloads)).toEqual(expected);
    expect(payloads[0]).toBe('{"i":0}');
    expect(payloads.at(-1)).toBe('{"i":2}');
  });

  it.each([
    [equalWeights(6), 5, 'payload: 6 weighted payloads need num >= 6; got num 5'],
    [equalWeights(10), 9, 'payload: 10 weighted payloads need num >= 10; got num 9'],
    [
      [10, 60, 30].map((weight) => ({ payload: 'x', weight })),
      5,
      'payload: payload[0] (weight 10 of 100) would get less than one invocation; raise num to at least 10 or raise its weight; got num 5',
    ],
    [
      [
        { payload: 'a', weight: -1 },
        { payload: 'b', weight: 2 },
      ],
      10,
      'payload[0].weight: must be a positive number; got -1',
    ],
    [
      [
        { payload: 'a', weight: '3' },
        { payload: 'b', weight: 2 },
      ],
      10,
      'payload[0].weight: must be a positive number; got "3"',
    ],
  ])('throws an InputError for an impossible distribution (%#)', (payload, num, message) => {
    expect(() => generatePayloads({ payload, num })).toThrow(InputError);
    expect(() => generatePayloads({ payload, num })).toThrow(message);
  });
});

describe('Function: assertPayloadSize', () => {
  it('accepts a payload of exactly 6 MB and refuses one byte more, without echoing it', () => {
    const limit = 6_291_456;
    expect(() => assertPayloadSize('a'.repeat(limit))).not.toThrow();
    expect(() => assertPayloadSize('a'.repeat(limit + 1))).toThrow(
      'payload: 6291457 bytes exceeds the 6 MB (6291456 bytes) Lambda invoke limit; pass a smaller payload',
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8ByteLength('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(() => assertPayloadSize('€'.repeat(2_097_153))).toThrow(/6291459 bytes/);
  });
});
