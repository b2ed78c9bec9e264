/**
 * The retry budget as AWS users configure it: `AWS_MAX_ATTEMPTS` (total
 * attempts, the first included, as the SDK and the AWS CLI count them) and
 * `AWS_RETRY_MODE` (`standard`, `adaptive`, or the AWS CLI's `legacy`).
 *
 * @module lambda/resolve-retry-policy
 */
import { InputError } from '../core/index.js';
import { DEFAULT_RETRY_POLICY, RETRY_ENV_VARS, RETRY_MODE_NAMES } from './constants.js';
import type { RetryMode, RetryPolicy } from './types.js';

const isRetryMode = (value: string): value is RetryMode => (RETRY_MODE_NAMES as readonly string[]).includes(value);

/**
 * Our default policy with the environment's overrides. An empty variable
 * counts as unset (as in the SDK); anything else that is not a valid value
 * is bad input (exit 2), like the SDK refusing to build a client.
 *
 * @throws {InputError} when `AWS_MAX_ATTEMPTS` is not a whole number >= 1 or `AWS_RETRY_MODE` is not a known mode
 * @example
 * resolveRetryPolicy({ env: { AWS_MAX_ATTEMPTS: '3', AWS_RETRY_MODE: 'adaptive' } });
 * // { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, mode: 'adaptive' }
 */
const resolveRetryPolicy = ({
  env = process.env,
  base = DEFAULT_RETRY_POLICY,
}: {
  env?: Record<string, string | undefined>;
  base?: RetryPolicy;
} = {}): RetryPolicy => {
  const attempts = env[RETRY_ENV_VARS.maxAttempts]?.trim();
  const mode = env[RETRY_ENV_VARS.mode]?.trim();
  let maxAttempts = base.maxAttempts;
  if (attempts !== undefined && attempts !== '') {
    if (!/^\d+$/.test(attempts) || Number(attempts) < 1) {
      throw new InputError({
        field: RETRY_ENV_VARS.maxAttempts,
        expected:
          'a whole number of attempts >= 1 (the first attempt included; 1 means no retry) — fix or unset the variable',
        got: JSON.stringify(attempts),
      });
    }
    maxAttempts = Number(attempts);
  }
  let retryMode: RetryMode = base.mode ?? 'standard';
  if (mode !== undefined && mode !== '') {
    const lower = mode.toLowerCase();
    if (!isRetryMode(lower)) {
      throw new InputError({
        field: RETRY_ENV_VARS.mode,
        expected: `one of ${RETRY_MODE_NAMES.join(', ')} — fix or unset the variable`,
        got: JSON.stringify(mode),
      });
    }
    retryMode = lower;
  }
  return { ...base, maxAttempts, mode: retryMode };
};

export { resolveRetryPolicy };
