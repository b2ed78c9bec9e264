import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, parsePowerValues, REFERENCE_ALL_POWER_VALUES } from '../../../../src/core/index.js';

describe('Function: parsePowerValues', () => {
  it.each([
    [
      [512, 128, 256],
      [128, 256, 512],
    ],
    [
      ['128', '256'],
      [128, 256],
    ],
    [
      [1024, 128, 1024, 128],
      [128, 1024],
    ],
    [1536, [1536]],
    ['128,256', [128, 256]],
    [' 128 , 3008 ', [128, 3008]],
    ['1024-2048:512', [1024, 1536, 2048]],
    ['128,256,1024-2048:512', [128, 256, 1024, 1536, 2048]],
    ['128-256', [128, 192, 256]],
    ['128-1000:256', [128, 384, 640, 896]],
    ['10240', [10240]],
  ])('parses %j into %j', (value, expected) => {
    expect(parsePowerValues(value)).toEqual(expected);
  });

  it('expands "ALL" to the reference 46 values, 128..3008 step 64', () => {
    const values = parsePowerValues('ALL');
    expect(values).toHaveLength(46);
    expect(values[0]).toBe(128);
    expect(values.at(-1)).toBe(3008);
    expect(values.every((v, i) => i === 0 || v - (values[i - 1] ?? 0) === 64)).toBe(true);
    expect(values).toEqual([...REFERENCE_ALL_POWER_VALUES]);
  });

  it('expands "128-10240:64" to every 64 MB step up to the Lambda maximum', () => {
    const values = parsePowerValues('128-10240:64');
    expect(values).toHaveLength(159);
    expect(values.at(-1)).toBe(10240);
  });

  it.each([[undefined], [null], [''], [[]]])('falls back to the defaults for %j', (value) => {
    expect(parsePowerValues(value)).toEqual([128, 256, 512, 1024, 1536, 3008]);
    expect(parsePowerValues(value, { defaults: [128, 256, 512, 1024] })).toEqual([128, 256, 512, 1024]);
  });

  it.each([
    [[20000], 'powerValues: 20000 is above the Lambda maximum of 10240 MB'],
    [[100], 'powerValues: 100 is below the Lambda minimum of 128 MB'],
    [[512.5], 'powerValues: expected integers in MB; got 512.5'],
    [['abc'], 'powerValues: expected integers in MB; got "abc"'],
    [[null], 'powerValues: expected integers in MB; got null'],
    ['128-20000', 'powerValues: 20000 is above the Lambda maximum of 10240 MB'],
    ['2048-1024', 'powerValues: a range must go from the smaller to the larger size (start-end:step); got "2048-1024"'],
    ['128-256:0', 'powerValues: a range step must be a positive integer; got "128-256:0"'],
    [
      '128,,256',
      'powerValues: expected integers in MB, "ALL", or a range such as "128-3008:64" (start-end:step), comma-separated; got "128,,256"',
    ],
    [
      'fast',
      'powerValues: expected integers in MB, "ALL", or a range such as "128-3008:64" (start-end:step), comma-separated; got "fast"',
    ],
    [
      { min: 128 },
      'powerValues: expected integers in MB, "ALL", or a range such as "128-3008:64" (start-end:step), comma-separated; got {"min":128}',
    ],
  ])('refuses %j with a clear message', (value, message) => {
    expect(() => parsePowerValues(value)).toThrow(InputError);
    expect(() => parsePowerValues(value)).toThrow(message);
  });

  it('refuses "AUTO" inside a list, saying to use it alone', () => {
    expect(() => parsePowerValues('128,AUTO')).toThrow(
      /"AUTO" \(adaptive search\) must be the whole powerValues value, not part of a list/,
    );
  });

  it('returns sorted, unique values in 128..10240 for any valid list (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 128, max: 10240 }), { minLength: 1, maxLength: 40 }), (list) => {
        const values = parsePowerValues(list);
        const sortedUnique = values.every((v, i) => i === 0 || v > (values[i - 1] ?? 0));
        const inRange = values.every((v) => v >= 128 && v <= 10240);
        const sameSet = new Set(list).size === values.length && list.every((v) => values.includes(v));
        return sortedUnique && inRange && sameSet;
      }),
    );
  });
});
