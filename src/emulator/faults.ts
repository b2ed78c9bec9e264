/**
 * Fault injection: validated settings, and the decisions taken per request
 * with the injected random source (no draw when a rate is 0, so scripted
 * random sequences stay aligned).
 *
 * @module emulator/faults
 */
import { CONTROL_PLANE_OPERATIONS } from './constants.js';
import { InvalidParameterValueError, ServiceError, TooManyRequestsError } from './errors.js';
import type { FaultSettings } from './types.js';

const NO_FAULTS: FaultSettings = {
  throttleRate: 0,
  serverErrorRate: 0,
  controlPlaneLatencyMs: 0,
  controlPlaneErrorRate: 0,
};
const KEYS = Object.keys(NO_FAULTS);

function invalid(message: string): InvalidParameterValueError {
  return new InvalidParameterValueError({ message: `Invalid fault settings: ${message}` });
}

function checkRate(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid(`${field} must be a number from 0 to 1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * Merges `changes` into `current` after checking every field; throws
 * `InvalidParameterValueError` (400) naming the first bad one.
 *
 * @example
 * mergeFaults(NO_FAULTS, { controlPlaneErrorRate: { PublishVersion: 1 } });
 */
function mergeFaults(current: FaultSettings, changes: unknown): FaultSettings {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
    throw invalid(`expected a JSON object; got ${JSON.stringify(changes)}.`);
  const input = changes as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0)
    throw invalid(
      `unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')}; allowed: ${KEYS.join(', ')}.`,
    );
  const next: FaultSettings = { ...current };
  if (input.throttleRate !== undefined) next.throttleRate = checkRate('throttleRate', input.throttleRate);
  if (input.serverErrorRate !== undefined) next.serverErrorRate = checkRate('serverErrorRate', input.serverErrorRate);
  if (input.controlPlaneLatencyMs !== undefined) {
    const latency = input.controlPlaneLatencyMs;
    if (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0)
      throw invalid(`controlPlaneLatencyMs must be a number >= 0; got ${JSON.stringify(latency)}.`);
    next.controlPlaneLatencyMs = latency;
  }
  const errorRate = input.controlPlaneErrorRate;
  if (errorRate !== undefined) {
    if (typeof errorRate === 'number') {
      next.controlPlaneErrorRate = checkRate('controlPlaneErrorRate', errorRate);
    } else if (typeof errorRate === 'object' && errorRate !== null && !Array.isArray(errorRate)) {
      const rates: Record<string, number> = {};
      for (const [operation, rate] of Object.entries(errorRate)) {
        if (!(CONTROL_PLANE_OPERATIONS as readonly string[]).includes(operation)) {
          throw invalid(
            `controlPlaneErrorRate names the unknown operation ${JSON.stringify(operation)}; allowed: ${CONTROL_PLANE_OPERATIONS.join(', ')}.`,
          );
        }
        rates[operation] = checkRate(`controlPlaneErrorRate.${operation}`, rate);
      }
      next.controlPlaneErrorRate = rates;
    } else {
      throw invalid(
        `controlPlaneErrorRate must be a rate 0..1 or an object of rates per operation; got ${JSON.stringify(errorRate)}.`,
      );
    }
  }
  return next;
}

function happens(rate: number, random: () => number): boolean {
  return rate > 0 && random() < rate;
}

/**
 * Throws the injected Invoke fault, if one is drawn.
 *
 * @example
 * injectInvokeFault({ faults, random: Math.random });
 */
function injectInvokeFault({ faults, random }: { faults: FaultSettings; random: () => number }): void {
  if (happens(faults.throttleRate, random))
    throw new TooManyRequestsError({ reason: 'ConcurrentInvocationLimitExceeded' });
  if (happens(faults.serverErrorRate, random))
    throw new ServiceError({ message: `Injected server error (serverErrorRate ${faults.serverErrorRate}).` });
}

/**
 * Throws the injected control-plane fault for `operation`, if one is drawn.
 *
 * @example
 * injectControlPlaneFault({ faults, operation: 'PublishVersion', random: Math.random });
 */
function injectControlPlaneFault({
  faults,
  operation,
  random,
}: {
  faults: FaultSettings;
  operation: string;
  random: () => number;
}): void {
  const setting = faults.controlPlaneErrorRate;
  const rate = typeof setting === 'number' ? setting : (setting[operation] ?? 0);
  if (happens(rate, random))
    throw new TooManyRequestsError({
      reason: 'CallerRateLimitExceeded',
      message: `Rate exceeded (injected control-plane fault for ${operation}).`,
    });
}

export { injectControlPlaneFault, injectInvokeFault, mergeFaults, NO_FAULTS };
