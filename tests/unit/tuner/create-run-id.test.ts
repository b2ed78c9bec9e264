import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasNameOf, aliasPrefixOf } from '../../../src/core/index.js';
import { createLimiter, createRunId } from '../../../src/tuner/index.js';

/** Lambda's alias name rule. */
const VALID_ALIAS = /^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

describe('Function: createRunId', () => {
  it('sorts by start time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (t, delta) => {
          const a = createRunId({ now: new Date(t), random: () => 0.99 });
          const b = createRunId({ now: new Date(t + delta), random: () => 0 });
          expect(a < b).toBe(true);
        },
      ),
    );
  });

  it('always yields valid alias names pt-<runId>-<power>[-<i>]', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (now, r) => {
          const id = createRunId({ now, random: () => r });
          expect(`${aliasPrefixOf(id)}10240-99`).toMatch(VALID_ALIAS);
        },
      ),
    );
  });

  it('differs between two runs started in the same millisecond', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(createRunId({ now, random: () => 0.1 })).not.toBe(createRunId({ now, random: () => 0.7 }));
  });
});

describe('Function: aliasNameOf', () => {
  it.each([
    [{ aliasPrefix: 'pt-run1-', power: 512 }, 'pt-run1-512'],
    [{ aliasPrefix: 'pt-run1-', power: 512, index: 0 }, 'pt-run1-512-0'],
    [{ aliasPrefix: 'pt-run1-', power: 10240, index: 99 }, 'pt-run1-10240-99'],
  ])('returns the alias name of %j', (options, expected) => {
    expect(aliasNameOf(options)).toBe(expected);
  });
});

describe('Function: createLimiter', () => {
  it('never runs more tasks at once than its limit and runs them all', async () => {
    const limiter = createLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setImmediate(r));
          active -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
