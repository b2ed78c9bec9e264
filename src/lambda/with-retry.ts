/**
 * Our retry policy: exponential backoff with full jitter on throttling,
 * 5xx and network errors. Everything else fails at once.
 *
 * @module lambda/with-retry
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_RETRY_POLICY, NETWORK_ERROR_CODES, THROTTLE_ERROR_NAMES, TRANSIENT_ERROR_NAMES } from './constants.js';
import type { RandomSource, RetryPolicy, Sleep } from './types.js';

/** How an error should be treated by the retry loop. */
type ErrorClass = 'throttle' | 'transient' | 'fatal';

const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR = 500;

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: { throttling?: unknown };
  cause?: unknown;
}

/**
 * Classifies an error as throttling, transient (5xx, network) or fatal.
 *
 * @example
 * classifyError(Object.assign(new Error('x'), { name: 'TooManyRequestsException' })); // 'throttle'
 */
const classifyError = (error: unknown): ErrorClass => {
  if (typeof error !== 'object' || error === null) return 'fatal';
  const e = error as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (name === 'AbortError') return 'fatal';
  if (THROTTLE_ERROR_NAMES.includes(name) || status === HTTP_TOO_MANY_REQUESTS || e.$retryable?.throttling === true) {
    return 'throttle';
  }
  if (TRANSIENT_ERROR_NAMES.includes(name) || (status !== undefined && status >= HTTP_SERVER_ERROR)) return 'transient';
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined && NETWORK_ERROR_CODES.includes(code)) return 'transient';
  if (e.cause !== undefined && e.cause !== error) {
    const inner = classifyError(e.cause);
    if (inner === 'transient') return inner;
  }
  return 'fatal';
};

/**
 * The delay before retry number `retry` (1-based): full jitter over an
 * exponentially growing, capped window.
 *
 * @example
 * backoffDelay({ retry: 3, policy: DEFAULT_RETRY_POLICY, random: () => 0.5 }); // 200
 */
const backoffDelay = ({ retry, policy, random }: { retry: number; policy: RetryPolicy; random: RandomSource }): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));

/** The last error of an operation that used up its retry budget (or hit a fatal error). */
class RetryFailure {
  readonly error: unknown;
  readonly retries: number;
  readonly throttles: number;
  readonly errorClass: ErrorClass;

  constructor({ error, retries, throttles, errorClass }: { error: unknown; retries: number; throttles: number; errorClass: ErrorClass }) {
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

interface WithRetryOptions {
  policy?: RetryPolicy;
  sleep?: Sleep;
  random?: RandomSource;
  signal?: AbortSignal;
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
  { policy = DEFAULT_RETRY_POLICY, sleep = defaultSleep, random = Math.random, signal }: WithRetryOptions = {},
): Promise<RetryResult<T>> => {
  let retries = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const value = await operation();
      return { value, retries, throttles };
    } catch (error) {
      const errorClass = classifyError(error);
      if (errorClass === 'fatal' || attempt >= policy.maxAttempts || signal?.aborted === true) {
        throw new RetryFailure({ error, retries, throttles, errorClass });
      }
      retries += 1;
      if (errorClass === 'throttle') throttles += 1;
      await sleep(backoffDelay({ retry: attempt, policy, random }), signal);
    }
  }
};

export { backoffDelay, classifyError, defaultSleep, RetryFailure, withRetry };
export type { ErrorClass, RetryResult, WithRetryOptions };
