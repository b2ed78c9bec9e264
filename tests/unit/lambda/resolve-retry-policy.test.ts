import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from '../../../src/lambda/index.js';

describe('Function: resolveRetryPolicy', () => {
  it.each([
    ['nothing set', {}, { maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts, mode: 'standard' }],
    [
      'empty variables (unset, as for the SDK)',
      { AWS_MAX_ATTEMPTS: '', AWS_RETRY_MODE: '' },
      { maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts, mode: 'standard' },
    ],
    ['AWS_MAX_ATTEMPTS=3', { AWS_MAX_ATTEMPTS: '3' }, { maxAttempts: 3, mode: 'standard' }],
    ['AWS_MAX_ATTEMPTS=1 (no retry)', { AWS_MAX_ATTEMPTS: '1' }, { maxAttempts: 1 }],
    ['AWS_RETRY_MODE=adaptive', { AWS_RETRY_MODE: 'adaptive' }, { mode: 'adaptive' }],
    ['AWS_RETRY_MODE=Standard (any case)', { AWS_RETRY_MODE: 'Standard' }, { mode: 'standard' }],
    ['AWS_RETRY_MODE=legacy (the AWS CLI mode)', { AWS_RETRY_MODE: 'legacy' }, { mode: 'legacy' }],
  ])('resolves %s', (_label, env, expected) => {
    expect(resolveRetryPolicy({ env })).toMatchObject({ baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs, ...expected });
  });

  it.each([
    [
      { AWS_MAX_ATTEMPTS: '0' },
      'AWS_MAX_ATTEMPTS: a whole number of attempts >= 1 (the first attempt included; 1 means no retry) — fix or unset the variable; got "0"',
    ],
    [{ AWS_MAX_ATTEMPTS: 'three' }, /^AWS_MAX_ATTEMPTS: .*; got "three"$/],
    [{ AWS_MAX_ATTEMPTS: '2.5' }, /^AWS_MAX_ATTEMPTS: .*; got "2.5"$/],
    [
      { AWS_RETRY_MODE: 'aggressive' },
      'AWS_RETRY_MODE: one of standard, adaptive, legacy — fix or unset the variable; got "aggressive"',
    ],
  ])('refuses %o as bad input (exit 2) naming the variable', (env, message) => {
    // Act
    const error = ((): unknown => {
      try {
        return resolveRetryPolicy({ env });
      } catch (caught) {
        return caught;
      }
    })();
    // Assess
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });
});
