/**
 * CPU calibration: at start the service checks that a CPU quota really
 * reproduces Lambda's proportionality on *this* host, and picks the CPU
 * model that does.
 *
 * ## Why a quota can be unfaithful
 *
 * 128 MB buys 7.24% of a vCPU: 1.45 ms of CPU per 20 ms period. On this
 * project's reference host (a 2-vCPU VM, Linux 6.18, `CONFIG_HZ=250`, so a
 * 4 ms scheduler tick) a compute loop in such a group ran in bursts of about
 * 1.8 ms — it overruns its quota before the kernel notices — after which the
 * kernel skipped whole periods to recover the overrun: it got 5.7–6.8% of a
 * CPU instead of 7.24%, and ran 14.7–17.5x slower than at full speed instead
 * of 13.8x (the bench had measured 18.7x). The same share over a 50 ms period
 * (3.6 ms slices) ran 14.1x slower, over a 100 ms period (7.2 ms slices)
 * 13.9x. Scaling the 20 ms quota up by the measured deficit over-corrected
 * (11.4–12.0x): the deficit moves from minute to minute.
 *
 * ## What the calibration does
 *
 * A probe process (`bootstrap/cpu-probe.mjs`) alternates short windows of
 * compute-only work at full speed and under 128 MB's share, three times,
 * and the ratio of its work rates is compared with Lambda's 1,769 / 128 =
 * 13.82. The quota window is aligned on the kernel's periods, and a ratio —
 * not an absolute speed — is compared, so a busy host moves it little; the
 * median of the trials is used. About 0.3 s; 0.6 s when the second model is
 * probed too.
 *
 * - `cgroup`: the plain quota (20 ms periods) is within 5% of 13.82;
 * - `cgroup-corrected`: it is not, but quotas whose slices are at least
 *   7.5 ms (periods of up to 100 ms for the smallest sizes) are;
 * - `virtual-time`: neither is, no quota can be set here, or it was asked
 *   for (see `cpu-limit.ts`).
 *
 * The decision (`chooseCpuModel`) is pure; the measurements are injected.
 *
 * @module emulator/runtime/cpu-calibration
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CALIBRATION, CORRECTED_MIN_SLICE_US, CPU_PERIOD_US, MB_PER_VCPU, US_PER_MS } from './constants.js';
import type { CpuController } from './cpu-controller.js';
import { cfsQuotaFor } from './cpu-limit.js';

/** How the emulator gives an environment CPU proportional to its memory. */
type CpuModel = 'cgroup' | 'cgroup-corrected' | 'virtual-time';

/** What the user asked for (`cpuModel` / `--cpu-model`). */
type RequestedCpuModel = 'auto' | 'cgroup' | 'virtual-time';

/** One trial of the probe: full-speed work per CPU ms, and quota work per wall ms. */
interface ProbeTrial {
  fullWork: number;
  fullCpuMs: number;
  work: number;
  wallMs: number;
  cpuMs: number;
}

/** The quota a probe ran under. */
interface ProbeQuota {
  /** The share checked (128 MB's: 0.0724). */
  vcpus: number;
  periodUs: number;
  quotaUs: number;
}

/** What the probe measured for one quota. */
interface QuotaProbe {
  quota: ProbeQuota;
  trials: ProbeTrial[];
}

/** The decision, and why. */
interface CpuModelChoice {
  model: CpuModel;
  reason: string;
  /** Slowdown of the probe's share under the quota (median), per model probed. */
  measured?: { cgroup?: number; 'cgroup-corrected'?: number };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * The probe's slowdown under a quota: full-speed work rate (per CPU ms) ÷
 * quota work rate (per wall ms), the median over valid trials; undefined
 * when no trial was valid (the quota never paused the probe, or it failed).
 *
 * @example
 * probeSlowdown([{ fullWork: 500, fullCpuMs: 10, work: 360, wallMs: 100, cpuMs: 7.2 }]); // 13.9
 */
const probeSlowdown = (trials: readonly ProbeTrial[]): number | undefined => {
  const ratios = trials
    .filter((trial) => trial.fullWork > 0 && trial.fullCpuMs > 0 && trial.work > 0 && trial.wallMs > 0)
    .map((trial) => trial.fullWork / trial.fullCpuMs / (trial.work / trial.wallMs));
  return ratios.length === 0 ? undefined : median(ratios);
};

const percent = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)}%`;

/**
 * Chooses the CPU model from what was asked for and what the probes measured.
 * `plain` is the 20 ms quota's probe, `corrected` the long-slice quota's
 * (measured only when the plain one is off).
 *
 * @example
 * chooseCpuModel({ requested: 'auto', cgroupAvailable: true, plain: { quota, trials } }).model; // 'cgroup' when within 5%
 */
const chooseCpuModel = ({
  requested,
  cgroupAvailable,
  unavailableReason = 'no CPU quota can be set here',
  plain,
  corrected,
  tolerance = CALIBRATION.tolerance,
}: {
  requested: RequestedCpuModel;
  cgroupAvailable: boolean;
  unavailableReason?: string;
  plain?: QuotaProbe;
  corrected?: QuotaProbe;
  tolerance?: number;
}): CpuModelChoice => {
  if (requested === 'virtual-time') return { model: 'virtual-time', reason: 'asked for (cpu model virtual-time)' };
  if (!cgroupAvailable) return { model: 'virtual-time', reason: `${unavailableReason}; durations are scaled by the CPU time each invocation used` };
  if (requested === 'cgroup') return { model: 'cgroup', reason: 'asked for (cpu model cgroup); not calibrated' };
  const describe = (probe: QuotaProbe | undefined): { slowdown: number | undefined; text: string } => {
    if (probe === undefined) return { slowdown: undefined, text: 'not measured' };
    const slowdown = probeSlowdown(probe.trials);
    const target = 1 / probe.quota.vcpus;
    const slice = `${(probe.quota.quotaUs / US_PER_MS).toFixed(2)} ms per ${(probe.quota.periodUs / US_PER_MS).toFixed(0)} ms`;
    if (slowdown === undefined) return { slowdown, text: `${slice}: the probe was never throttled` };
    return { slowdown, text: `${slice}: ${slowdown.toFixed(1)}x slower than full speed (Lambda ${target.toFixed(1)}x, ${percent(slowdown / target - 1)})` };
  };
  const faithful = (probe: QuotaProbe | undefined, slowdown: number | undefined): boolean =>
    probe !== undefined && slowdown !== undefined && Math.abs(slowdown * probe.quota.vcpus - 1) <= tolerance;
  const first = describe(plain);
  const measured: CpuModelChoice['measured'] = {};
  if (first.slowdown !== undefined) measured.cgroup = first.slowdown;
  if (faithful(plain, first.slowdown)) return { model: 'cgroup', reason: `calibrated: the quota is faithful here (${first.text})`, measured };
  const second = describe(corrected);
  if (second.slowdown !== undefined) measured['cgroup-corrected'] = second.slowdown;
  if (faithful(corrected, second.slowdown)) {
    return {
      model: 'cgroup-corrected',
      reason: `calibrated: the 20 ms quota is off here (${first.text}); quotas of at least ${(CORRECTED_MIN_SLICE_US / US_PER_MS).toFixed(1)} ms per period are faithful (${second.text})`,
      measured,
    };
  }
  return {
    model: 'virtual-time',
    reason: `calibrated: no quota is faithful here (${first.text}; ${second.text}); durations are scaled by the CPU time each invocation used`,
    measured,
  };
};

/** The quota the probe checks for a model: 128 MB's share, as the controller would set it. */
const probeQuotaFor = (model: 'cgroup' | 'cgroup-corrected'): ProbeQuota => {
  const vcpus = CALIBRATION.memorySizeMB / MB_PER_VCPU;
  const { periodUs, quotaUs } = cfsQuotaFor(vcpus, model === 'cgroup-corrected' ? { minSliceUs: CORRECTED_MIN_SLICE_US } : {});
  return { vcpus, periodUs, quotaUs };
};

const probeScript = (): string | undefined =>
  [fileURLToPath(new URL('./bootstrap/cpu-probe.mjs', import.meta.url)), fileURLToPath(new URL('../../../src/emulator/runtime/bootstrap/cpu-probe.mjs', import.meta.url))].find((path) =>
    existsSync(path),
  );

/** Wrapper shell: join the probe's group, then become the probe. */
const WRAPPER_SCRIPT = 'echo $$ > "$1" || exit 97; shift; exec "$@"';

/**
 * Runs the probe process in a fresh group below the controller's root under
 * `quota`; resolves with its trials (none when it could not run).
 */
const runQuotaProbe = async ({ controller, quota, name }: { controller: CpuController; quota: ProbeQuota; name: string }): Promise<QuotaProbe> => {
  const script = probeScript();
  const root = controller.rootPath;
  if (script === undefined || root === undefined || controller.mode === 'virtual-time') return { quota, trials: [] };
  const path = join(root, name);
  const v1 = controller.mode === 'cgroup-v1';
  const quotaFile = join(path, v1 ? 'cpu.cfs_quota_us' : 'cpu.max');
  const unlimited = v1 ? '-1' : `max ${quota.periodUs}`;
  const limited = v1 ? String(quota.quotaUs) : `${quota.quotaUs} ${quota.periodUs}`;
  try {
    mkdirSync(path);
    if (v1) writeFileSync(join(path, 'cpu.cfs_period_us'), String(quota.periodUs));
    writeFileSync(quotaFile, unlimited);
  } catch {
    return { quota, trials: [] };
  }
  const settings = {
    quotaFile,
    unlimited,
    limited,
    periodMs: quota.periodUs / US_PER_MS,
    trials: quota.periodUs > CPU_PERIOD_US ? CALIBRATION.longPeriodTrials : CALIBRATION.trials,
    windowPeriods: quota.periodUs > CPU_PERIOD_US ? CALIBRATION.longPeriodWindowPeriods : CALIBRATION.windowPeriods,
    fullMs: CALIBRATION.fullSpeedWindowMs,
    warmupMs: CALIBRATION.warmupMs,
  };
  try {
    const output = await new Promise<string>((resolve) => {
      const child = spawn('/bin/sh', ['-c', WRAPPER_SCRIPT, 'powertune-cpu-probe', join(path, 'cgroup.procs'), process.execPath, script, JSON.stringify(settings)], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let text = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), CALIBRATION.timeoutMs);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        text += chunk;
      });
      child.on('error', () => resolve(''));
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const parsed = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { trials?: ProbeTrial[] };
    return { quota, trials: Array.isArray(parsed.trials) ? parsed.trials : [] };
  } catch {
    return { quota, trials: [] };
  } finally {
    await controller.removeGroup({ path, procsFile: join(path, 'cgroup.procs'), quotaFile, quota: limited });
  }
};

/**
 * Measures the plain quota and, only when it is off, the long-slice one.
 * The measurements feed `chooseCpuModel`.
 *
 * @example
 * const { plain, corrected } = await probeCpuQuotas({ controller });
 */
const probeCpuQuotas = async ({ controller }: { controller: CpuController }): Promise<{ plain: QuotaProbe; corrected?: QuotaProbe }> => {
  const plain = await runQuotaProbe({ controller, quota: probeQuotaFor('cgroup'), name: 'probe-plain' });
  const slowdown = probeSlowdown(plain.trials);
  if (slowdown !== undefined && Math.abs(slowdown * plain.quota.vcpus - 1) <= CALIBRATION.tolerance) return { plain };
  const corrected = await runQuotaProbe({ controller, quota: probeQuotaFor('cgroup-corrected'), name: 'probe-corrected' });
  return { plain, corrected };
};

export { chooseCpuModel, probeCpuQuotas, probeQuotaFor, probeSlowdown };
export type { CpuModel, CpuModelChoice, ProbeQuota, ProbeTrial, QuotaProbe, RequestedCpuModel };
