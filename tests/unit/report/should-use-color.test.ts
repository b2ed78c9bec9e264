import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../../src/report/index.js';

describe('Function: shouldUseColor', () => {
  it.each([
    { env: { NO_COLOR: '1' }, isTTY: true, expected: false, why: 'NO_COLOR is set on a TTY' },
    { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true, expected: false, why: 'NO_COLOR wins over FORCE_COLOR' },
    { env: { NO_COLOR: '' }, isTTY: true, expected: true, why: 'NO_COLOR is empty on a TTY' },
    { env: { FORCE_COLOR: '1' }, isTTY: false, expected: true, why: 'FORCE_COLOR is set on a pipe' },
    { env: { FORCE_COLOR: '0' }, isTTY: true, expected: false, why: 'FORCE_COLOR is 0' },
    { env: {}, isTTY: true, expected: true, why: 'the stream is a TTY' },
    { env: {}, isTTY: false, expected: false, why: 'the stream is a pipe' },
    { env: {}, isTTY: undefined, expected: false, why: 'the stream does not say' },
  ])('returns $expected when $why', ({ env, isTTY, expected }) => {
    expect(shouldUseColor({ stream: { isTTY }, env })).toBe(expected);
  });
});
