import { ServiceException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { classifyError, DEFAULT_RETRY_POLICY, retryAfterMs, withRetry } from '../../../src/lambda/index.js';
import { MAX_RETRY_AFTER_MS, RetryFailure } from '../../../src/lambda/with-retry.js';
import type { RateLimiter } from '../../../src/lambda/with-retry.js';

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name, ...extra });

const throttleWithHeaders = (headers: Record<string, string>): TooManyRequestsException =>
  Object.assign(
    new TooManyRequestsException({
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 429 },
      Type: 'User',
      Reason: 'CallerRateLimitExceeded',
    }),
    { $response: { statusCode: 429, headers } },
  );

/** An operation that fails with `errors` in turn, then resolves 'ok'. */
const failingThen = (errors: unknown[]): { operation: () => Promise<string>; calls: () => number } => {
  let calls = 0;
  return {
    operation: async () => {
      const error = errors[calls];
      calls += 1;
      if (error !== undefined) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
};

const recordSleeps = (): { sleep: (ms: number) => Promise<void>; sleeps: number[] } => {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
};

describe('Function: classifyError', () => {
  it.each([
    ['an SDK TooManyRequestsException', new TooManyRequestsException({ message: 'x', $metadata: {} }), 'throttle'],
    ['a ThrottlingException (a name only the SDK list knows)', sdkError('ThrottlingException', 'x'), 'throttle'],
    ['a SlowDown (S3-style throttling, from the SDK list)', sdkError('SlowDown', 'x'), 'throttle'],
    [
      'an error the service marked $retryable.throttling',
      sdkError('Odd', 'x', { $retryable: { throttling: true } }),
      'throttle',
    ],
    [
      'an SDK ServiceException (500)',
      new ServiceException({ message: 'x', $metadata: { httpStatusCode: 500 } }),
      'transient',
    ],
    ['a 503', sdkError('ServiceUnavailable', 'x', { $metadata: { httpStatusCode: 503 } }), 'transient'],
    [
      'a 501 (not a transient status for the SDK)',
      sdkError('NotImplemented', 'x', { $metadata: { httpStatusCode: 501 } }),
      'fatal',
    ],
    [
      'ETIMEDOUT in the cause chain',
      sdkError('Error', 'x', { cause: sdkError('Error', 'y', { code: 'ETIMEDOUT' }) }),
      'transient',
    ],
    ['a refused connection (setup: the endpoint is down)', sdkError('Error', 'x', { code: 'ECONNREFUSED' }), 'fatal'],
    [
      'an unknown host in the cause chain (setup: no such region)',
      sdkError('Error', 'x', { cause: sdkError('Error', 'y', { code: 'ENOTFOUND' }) }),
      'fatal',
    ],
    [
      'an expired signature (clock skew, retried by the SDK)',
      sdkError('InvalidSignatureException', 'Signature expired: 20260101T000000Z'),
      'transient',
    ],
    [
      'a validation error',
      sdkError('InvalidParameterValueException', 'x', { $metadata: { httpStatusCode: 400 } }),
      'fatal',
    ],
    ['an AbortError', sdkError('AbortError', 'aborted'), 'fatal'],
    ['undefined', undefined, 'fatal'],
  ])('classifies %s as %s', (_label, error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });
});

describe('Function: retryAfterMs', () => {
  const NOW = Date.parse('2026-12-03T12:00:00Z');
  it.each([
    ['Retry-After in seconds', { 'Retry-After': '3' }, 3_000],
    ['Retry-After in fractional seconds', { 'retry-after': '1.5' }, 1_500],
    ['Retry-After as an HTTP date 10 s ahead', { 'retry-after': 'Thu, 03 Dec 2026 12:00:10 GMT' }, 10_000],
    ['Retry-After as a date already past', { 'retry-after': 'Thu, 03 Dec 2026 11:59:00 GMT' }, 0],
    ['x-amz-retry-after in milliseconds', { 'x-amz-retry-after': '750' }, 750],
    ['an unreadable Retry-After', { 'retry-after': 'soon' }, undefined],
    ['no such header', { 'content-type': 'application/json' }, undefined],
  ])('reads %s', (_label, headers, expected) => {
    expect(retryAfterMs({ error: { $response: { headers } }, now: NOW })).toBe(expected);
  });

  it('returns undefined for an error without an HTTP response', () => {
    expect(retryAfterMs({ error: new Error('x'), now: NOW })).toBeUndefined();
  });
});

describe('Function: withRetry', () => {
  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    // Prepare
    const { sleep, sleeps } = recordSleeps();
    const { operation } = failingThen([throttleWithHeaders({ 'retry-after': '2' })]);
    // Act
    const result = await withRetry(operation, { sleep, random: () => 0.5 });
    // Assess
    expect(result).toEqual({ value: 'ok', retries: 1, throttles: 1 });
    expect(sleeps).toEqual([2_000]);
  });

  it('keeps its own backoff when Retry-After asks for less', async () => {
    const { sleep, sleeps } = recordSleeps();
    const { operation } = failingThen([throttleWithHeaders({ 'retry-after': '0' })]);
    await withRetry(operation, { sleep, random: () => 0.5 });
    expect(sleeps).toEqual([50]);
  });

  it('caps a Retry-After wait at the SDK maximum retry delay', async () => {
    const { sleep, sleeps } = recordSleeps();
    const { operation } = failingThen([throttleWithHeaders({ 'retry-after': '3600' })]);
    await withRetry(operation, { sleep, random: () => 0.5 });
    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
    expect(MAX_RETRY_AFTER_MS).toBe(20_000);
  });

  it('makes exactly maxAttempts attempts in all (AWS_MAX_ATTEMPTS counts the first)', async () => {
    // Prepare
    const { sleep } = recordSleeps();
    const busy = sdkError('ServiceException', 'x', { $metadata: { httpStatusCode: 500 } });
    const { operation, calls } = failingThen([busy, busy, busy, busy]);
    // Act
    const error = await withRetry(operation, { sleep, policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 } }).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(error).toBeInstanceOf(RetryFailure);
    expect(error).toMatchObject({ retries: 1, errorClass: 'transient' });
    expect(calls()).toBe(2);
  });

  it('takes a token from the rate limiter before every attempt and reports every outcome to it in adaptive mode', async () => {
    // Prepare
    const { sleep } = recordSleeps();
    const events: string[] = [];
    const rateLimiter: RateLimiter = {
      getSendToken: async () => {
        events.push('token');
      },
      updateClientSendingRate: (outcome) => {
        events.push(outcome === 'ok' ? 'ok' : classifyError(outcome));
      },
    };
    const { operation } = failingThen([throttleWithHeaders({})]);
    // Act
    await withRetry(operation, {
      sleep,
      random: () => 0,
      rateLimiter,
      policy: { ...DEFAULT_RETRY_POLICY, mode: 'adaptive' },
    });
    // Assess
    expect(events).toEqual(['token', 'throttle', 'token', 'ok']);
  });

  it('ignores the rate limiter in standard mode', async () => {
    const events: string[] = [];
    const rateLimiter: RateLimiter = {
      getSendToken: async () => {
        events.push('token');
      },
      updateClientSendingRate: () => {
        events.push('update');
      },
    };
    await withRetry(async () => 'ok', { rateLimiter, policy: { ...DEFAULT_RETRY_POLICY, mode: 'standard' } });
    expect(events).toEqual([]);
  });
});
