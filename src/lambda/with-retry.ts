/**
 * Our retry loop: exponential backoff with full jitter on what the AWS SDK
 * itself classifies as throttling or transient (its
 * `isThrottlingError`/`isTransientError`: 429 and throttling error names,
 * 500/502/503/504, timeouts, dropped connections), waiting at least as long
 * as a `Retry-After` header asks. Everything else fails at once. The SDK's
 * own retry is off so that every retry is counted and reported.
 *
 * @module lambda/with-retry
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isThrottlingError, isTransientError, MAXIMUM_RETRY_DELAY } from '@smithy/core/retry';
import { DEFAULT_RETRY_POLICY, SETUP_NETWORK_ERROR_CODES } from './constants.js';
import type { RandomSource, RetryPolicy, Sleep } from './types.js';

/** How an error should be treated by the retry loop. */
type ErrorClass = 'throttle' | 'transient' | 'fatal';

/** The SDK's error shape, as its classifiers read it. */
type SdkErrorLike = Parameters<typeof isTransientError>[0];

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $response?: { headers?: unknown };
}

/** A Node.js system error code on the error or along its `cause` chain. */
const systemCodeOf = (error: ErrorShape, depth = 0): string | undefined => {
  if (typeof error.code === 'string') return error.code;
  const cause = error.cause;
  return depth < 10 && typeof cause === 'object' && cause !== null && cause !== error
    ? systemCodeOf(cause as ErrorShape, depth + 1)
    : undefined;
};

/**
 * Classifies an error as throttling, transient or fatal with the AWS SDK's
 * own rules, except that a refused connection or an unknown host is fatal
 * here (see `SETUP_NETWORK_ERROR_CODES`).
 *
 * @example
 * classifyError(Object.assign(new Error('x'), { name: 'TooManyRequestsException' })); // 'throttle'
 */
const classifyError = (error: unknown): ErrorClass => {
  if (typeof error !== 'object' || error === null) return 'fatal';
  const e = error as ErrorShape & SdkErrorLike;
  if (e.name === 'AbortError') return 'fatal';
  if (isThrottlingError(e)) return 'throttle';
  const code = systemCodeOf(e);
  if (code !== undefined && SETUP_NETWORK_ERROR_CODES.includes(code)) return 'fatal';
  return isTransientError(e) ? 'transient' : 'fatal';
};

/** The longest wait a `Retry-After` header can impose: the SDK's own cap on a retry delay (20 s). */
const MAX_RETRY_AFTER_MS = MAXIMUM_RETRY_DELAY;

/**
 * How long the service asked us to wait, from the `Retry-After` header of
 * the error's HTTP response (seconds, or an HTTP date; RFC 9110 §10.2.3) or
 * AWS's `x-amz-retry-after` (milliseconds). `undefined` when it asked nothing
 * understandable.
 *
 * @example
 * retryAfterMs({ error: { $response: { headers: { 'retry-after': '2' } } }, now: 0 }); // 2000
 */
const retryAfterMs = ({ error, now }: { error: unknown; now: number }): number | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const headers = (error as ErrorShape).$response?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, raw] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    const header = name.toLowerCase();
    if (header === 'x-amz-retry-after' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
    if (header !== 'retry-after') continue;
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1_000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
  }
  return undefined;
};

/**
 * The delay before retry number `retry` (1-based): full jitter over an
 * exponentially growing, capped window.
 *
 * @example
 * backoffDelay({ retry: 3, policy: DEFAULT_RETRY_POLICY, random: () => 0.5 }); // 200
 */
const backoffDelay = ({
  retry,
  policy,
  random,
}: {
  retry: number;
  policy: RetryPolicy;
  random: RandomSource;
}): number => Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));

/** The last error of an operation that used up its retry budget (or hit a fatal error). */
class RetryFailure {
  readonly error: unknown;
  readonly retries: number;
  readonly throttles: number;
  readonly errorClass: ErrorClass;

  constructor({
    error,
    retries,
    throttles,
    errorClass,
  }: {
    error: unknown;
    retries: number;
    throttles: number;
    errorClass: ErrorClass;
  }) {
    this.error = error;
    this.retries = retries;
    this.throttles = throttles;
    this.errorClass = errorClass;
  }
}

interface RetryResult<T> {
  value: T;
  retries: number;
  throttles: number;
}

/**
 * Client-side rate limiting of `AWS_RETRY_MODE=adaptive`: the SDK's
 * `DefaultRateLimiter` fits (a token before each attempt; every response or
 * error adjusts the sending rate).
 */
interface RateLimiter {
  getSendToken(): Promise<void>;
  updateClientSendingRate(response: unknown): void;
}

interface WithRetryOptions {
  policy?: RetryPolicy;
  sleep?: Sleep;
  random?: RandomSource;
  signal?: AbortSignal;
  /** Only with `policy.mode === 'adaptive'`; shared by every call of one client. */
  rateLimiter?: RateLimiter;
  /** Reads `Retry-After` dates (default `Date.now`). */
  now?: () => number;
}

/**
 * The default sleep: a timer that rejects when the signal aborts.
 *
 * @example
 * await defaultSleep(100);
 */
const defaultSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? undefined : { signal });
};

/**
 * Runs `operation` until it succeeds, a fatal error occurs, or the budget is
 * used up. Resolves with the value and the retry/throttle counts; rejects
 * with a `RetryFailure` carrying the last error and the counts.
 *
 * @example
 * const { value, retries } = await withRetry(() => client.send(cmd), { sleep, random });
 */
const withRetry = async <T>(
  operation: () => Promise<T>,
  {
    policy = DEFAULT_RETRY_POLICY,
    sleep = defaultSleep,
    random = Math.random,
    signal,
    rateLimiter,
    now = Date.now,
  }: WithRetryOptions = {},
): Promise<RetryResult<T>> => {
  const limiter = policy.mode === 'adaptive' ? rateLimiter : undefined;
  let retries = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await limiter?.getSendToken();
      const value = await operation();
      limiter?.updateClientSendingRate(value);
      return { value, retries, throttles };
    } catch (error) {
      limiter?.updateClientSendingRate(error);
      const errorClass = classifyError(error);
      if (errorClass === 'fatal' || attempt >= policy.maxAttempts || signal?.aborted === true) {
        throw new RetryFailure({ error, retries, throttles, errorClass });
      }
      retries += 1;
      if (errorClass === 'throttle') throttles += 1;
      const backoff = backoffDelay({ retry: attempt, policy, random });
      const asked = retryAfterMs({ error, now: now() });
      await sleep(
        asked === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(backoff, Math.ceil(asked))),
        signal,
      );
    }
  }
};

export { backoffDelay, classifyError, defaultSleep, MAX_RETRY_AFTER_MS, RetryFailure, retryAfterMs, withRetry };
export type { ErrorClass, RateLimiter, RetryResult, WithRetryOptions };
