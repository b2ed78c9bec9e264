import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesCodecError } from '../../../src/stepfunctions/errors.js';
import { decodeSortedSeries, encodeSortedSeries } from '../../../src/stepfunctions/sorted-series-codec.js';

describe('Function: encodeSortedSeries / decodeSortedSeries', () => {
  it.each([
    [[], []],
    [[0], [0]],
    [
      [102.25, 3.5, 99.99, 3.5],
      [3.5, 3.5, 99.99, 102.25],
    ],
    [
      [900000, 0.01],
      [0.01, 900000],
    ],
  ])('round-trips %j to the sorted values %j', (values, expected) => {
    // Act
    const decoded = decodeSortedSeries(encodeSortedSeries(values));

    // Assess
    expect(decoded).toEqual(expected);
  });

  it('round-trips any 0.01 ms-precision durations exactly (the precision of text REPORT lines)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90_000_000 }), { maxLength: 200 }), (hundredths) => {
        const values = hundredths.map((h) => h / 100);
        expect(decodeSortedSeries(encodeSortedSeries(values))).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });

  it('keeps 0.001 ms-precision durations within 0.005 ms (the stated error bound for JSON logs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 100 }),
        (thousandths) => {
          const values = thousandths.map((t) => t / 1000).sort((a, b) => a - b);
          const decoded = decodeSortedSeries(encodeSortedSeries(values));
          decoded.forEach((value, index) =>
            expect(Math.abs(value - (values[index] ?? 0))).toBeLessThanOrEqual(0.005 + 1e-9),
          );
        },
      ),
    );
  });

  it('stores 1,000 typical warm durations in under 3 bytes each', () => {
    // Prepare: 1,000 durations spread over 80–180 ms
    const values = Array.from({ length: 1000 }, (_, i) => 80 + ((i * 7919) % 10_000) / 100);

    // Act
    const encoded = encodeSortedSeries(values);

    // Assess
    expect(encoded.length).toBeLessThan(3 * 1000);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('throws a SeriesCodecError for %s', (value) => {
    // Act + Assess
    expect(() => encodeSortedSeries([value])).toThrow(SeriesCodecError);
  });

  it('throws a SeriesCodecError for a truncated series', () => {
    // Prepare: one varint with its continuation bit set and nothing after it
    const truncated = Buffer.from([0x81]).toString('base64');

    // Act + Assess
    expect(() => decodeSortedSeries(truncated)).toThrow(/ends in the middle of a value/);
  });
});
