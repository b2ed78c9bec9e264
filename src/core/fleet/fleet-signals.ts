/**
 * Why a function is worth tuning, stated as facts (never as a saving: only a
 * measurement can tell what tuning saves).
 *
 * @module core/fleet/fleet-signals
 */
import { ONE_VCPU_MEMORY_MB } from '../constants.js';
import { COMPUTE_OPTIMIZER, MEMORY_UNDERUSED_SHARE, STEADY_P95_RATIO, X86_ONLY_RUNTIMES } from './constants.js';
import type { FleetSignal, FunctionUsage } from './types.js';

const round = (value: number): string => String(Math.round(value));

/**
 * The signals of one function, in a fixed order:
 * - `above-one-vcpu` — more than 1,769 MB (more than one vCPU) while its
 *   p95 duration stays within 1.5× its average (one steady code path, the
 *   profile of code that uses one thread; only multi-threaded code gets
 *   faster beyond one vCPU);
 * - `memory-underused` — the most memory any REPORT line used is below half
 *   the configured size (needs `--logs`);
 * - `arm64-available` — x86_64 on a Zip runtime that also runs on arm64;
 * - `never-tuned` — no powertune result on file;
 * - `outside-compute-optimizer` — above 1,792 MB, or fewer than 50
 *   invocations in 14 days: AWS Compute Optimizer gives it no advice.
 *
 * @example
 * fleetSignals({ usage }).map((s) => s.code); // ['arm64-available', 'never-tuned']
 */
const fleetSignals = ({ usage }: { usage: FunctionUsage }): FleetSignal[] => {
  const signals: FleetSignal[] = [];
  const p95 = usage.durationP95Ms;
  const avg = usage.durationAvgMs;
  if (
    usage.memoryMB > ONE_VCPU_MEMORY_MB &&
    avg !== undefined &&
    p95 !== undefined &&
    avg > 0 &&
    p95 <= avg * STEADY_P95_RATIO
  ) {
    signals.push({
      code: 'above-one-vcpu',
      message: `${usage.memoryMB} MB is more than one vCPU (1,769 MB) and its durations are steady (p95 ${round(p95)} ms, average ${round(avg)} ms): single-threaded code gets no faster above one vCPU`,
    });
  }
  if (
    usage.logs !== undefined &&
    usage.logs.reports > 0 &&
    usage.logs.maxMemoryUsedMB < usage.memoryMB * MEMORY_UNDERUSED_SHARE
  ) {
    signals.push({
      code: 'memory-underused',
      message: `uses at most ${usage.logs.maxMemoryUsedMB} MB of ${usage.memoryMB} MB configured`,
    });
  }
  const runtime = usage.runtime ?? '';
  if (
    usage.architecture === 'x86_64' &&
    usage.packageType !== 'Image' &&
    runtime !== '' &&
    !X86_ONLY_RUNTIMES.includes(runtime)
  ) {
    signals.push({ code: 'arm64-available', message: `runs on x86_64; ${runtime} is also available on arm64` });
  }
  if (usage.tunedBefore !== true) signals.push({ code: 'never-tuned', message: 'no powertune result on file' });
  const invocationsIn14Days = usage.days > 0 ? (usage.invocations * COMPUTE_OPTIMIZER.windowDays) / usage.days : 0;
  if (usage.memoryMB > COMPUTE_OPTIMIZER.maxMemoryMB) {
    signals.push({
      code: 'outside-compute-optimizer',
      message: `above 1,792 MB: AWS Compute Optimizer gives no advice for it`,
    });
  } else if (invocationsIn14Days < COMPUTE_OPTIMIZER.minInvocations) {
    signals.push({
      code: 'outside-compute-optimizer',
      message: `about ${round(invocationsIn14Days)} invocations in 14 days (fewer than 50): AWS Compute Optimizer gives no advice for it`,
    });
  }
  return signals;
};

export { fleetSignals };
