/**
 * CPU proportional to memory: the arithmetic. Lambda allocates CPU in
 * proportion to memory — 1,769 MB is one vCPU, 10,240 MB is six (Lambda docs,
 * "Configuring Lambda function memory"). The emulator gives an environment
 * `vcpusForMemory()` of them, capped at the host's cores, and enforces it with
 * a Linux CFS quota (`cpu-controller.ts`) or with the virtual-time model
 * below — whichever the start-up calibration found faithful on this host, or
 * virtual time where no quota can be set (`cpu-calibration.ts`).
 *
 * ## The virtual-time model
 *
 * The environment runs unthrottled; the bootstrap reports the process's CPU
 * time `c` (all threads, `getrusage`) for the invocation, whose wall-clock
 * time was `w`. The run is modelled as CPU work done at an average
 * parallelism `k = max(1, c / w)` plus waiting (I/O, timers) that no CPU
 * can shorten:
 *
 *     waiting  = w − c / k
 *     budget   = vcpus × period                  (one CFS period's quota)
 *     duration = waiting + min(c, budget) / k + max(0, c − budget) / min(k, vcpus)
 *
 * - single-threaded, CPU-bound (`c ≈ w`, `k = 1`): `duration ≈ w / min(1, vcpus)`
 *   — 13.8× longer at 128 MB than at 1,769 MB, unchanged above 1,769 MB;
 * - waiting only (`c ≈ 0`): `duration = w` at every size (network-bound stays flat);
 * - two threads busy (`c ≈ 2w`, `k = 2`): `duration ≈ max(w, c / vcpus)` —
 *   twice as long at 1,769 MB as at 3,538 MB;
 * - a short burst (`c ≤ budget`, e.g. a no-op's 1 ms at 128 MB's 1.45 ms):
 *   `duration = w`, as with the quota (next section).
 *
 * ## Each invocation starts a period
 *
 * With a CPU quota the emulator renews the group's quota right before it
 * delivers each event (`CpuController.renewQuota`: writing the quota makes
 * the kernel refill the group's runtime), so an invocation starts with a
 * full quota, as a Lambda environment thawed for an event does. Without
 * that, the runtime's own work between two back-to-back invocations spent
 * the next one's budget: a warm no-op measured 8–38 ms at 128 MB against
 * under 2 ms at 1,769 MB, which made 256 MB look cheaper than 128 MB for a
 * no-op — Lambda shows about the same millisecond at both. The kernel keeps
 * every period on its own grid (multiples of the period on CLOCK_MONOTONIC),
 * so the first period ends at a random point and a handler a few periods
 * long can get up to one extra quota; delivering each event on a boundary
 * would cost 10 ms per invocation on average, and on this kind of shared
 * virtual machine the throttling of the first periods proved too irregular
 * for the alignment to pay. The `budget` term above is the rule for the
 * virtual-time model.
 *
 * Limits: the host must be at least as fast as one Lambda vCPU, the model
 * cannot make a run faster than it was on the host, timeouts apply to real
 * (wall-clock) time, and CPU used by child processes the handler spawns is
 * not counted.
 *
 * @module emulator/runtime/cpu-limit
 */
import {
  CPU_PERIOD_US,
  INIT_VCPUS,
  MAX_MEMORY_MB,
  MAX_VCPUS,
  MB_PER_VCPU,
  MIN_CPU_QUOTA_US,
  US_PER_MS,
} from './constants.js';

/**
 * vCPUs Lambda gives a memory size: proportional below 1,769 MB (one vCPU),
 * then linear from one vCPU at 1,769 MB to six at 10,240 MB (so 3,538 MB is
 * 2.04) — and never more than the host's cores.
 *
 * @example
 * vcpusForMemory({ memorySizeMB: 128, hostCores: 8 });   // 0.0724
 * vcpusForMemory({ memorySizeMB: 1769, hostCores: 8 });  // 1
 * vcpusForMemory({ memorySizeMB: 10240, hostCores: 8 }); // 6
 * vcpusForMemory({ memorySizeMB: 10240, hostCores: 2 }); // 2
 */
const vcpusForMemory = ({ memorySizeMB, hostCores }: { memorySizeMB: number; hostCores: number }): number => {
  const memory = Math.min(memorySizeMB, MAX_MEMORY_MB);
  const lambdaVcpus =
    memory <= MB_PER_VCPU
      ? memory / MB_PER_VCPU
      : 1 + ((memory - MB_PER_VCPU) * (MAX_VCPUS - 1)) / (MAX_MEMORY_MB - MB_PER_VCPU);
  return Math.min(lambdaVcpus, Math.max(1, hostCores));
};

/**
 * vCPUs an environment gets during init: two (what Lambda shows functions
 * of up to 3,008 MB, and init is observed to use them), or the invocation's
 * share when that is more — never more than the host's cores.
 *
 * @example
 * initVcpusFor({ vcpus: 0.0724, hostCores: 8 }); // 2
 * initVcpusFor({ vcpus: 4.4, hostCores: 8 });    // 4.4
 * initVcpusFor({ vcpus: 0.0724, hostCores: 1 }); // 1
 */
const initVcpusFor = ({ vcpus, hostCores }: { vcpus: number; hostCores: number }): number =>
  Math.min(Math.max(vcpus, INIT_VCPUS), Math.max(1, hostCores));

interface CfsQuota {
  periodUs: number;
  quotaUs: number;
}

/**
 * The CFS period and quota that hold a group to `vcpus` CPUs
 * (`cpu.cfs_quota_us` / `cpu.cfs_period_us` in cgroup v1, `cpu.max` in v2).
 *
 * @example
 * cfsQuotaFor(1);      // { periodUs: 20000, quotaUs: 20000 }
 * cfsQuotaFor(0.0724); // { periodUs: 20000, quotaUs: 1448 }
 */
const cfsQuotaFor = (vcpus: number): CfsQuota => ({
  periodUs: CPU_PERIOD_US,
  quotaUs: Math.max(MIN_CPU_QUOTA_US, Math.round(vcpus * CPU_PERIOD_US)),
});

/**
 * The virtual-time model (see the module comment): the duration an
 * invocation would have had with `vcpus` CPUs, from its measured wall-clock
 * and CPU time.
 *
 * @example
 * virtualDurationMs({ wallMs: 100, cpuMs: 100, vcpus: 0.5 }); // 190 (the first period's 10 ms at full speed)
 * virtualDurationMs({ wallMs: 100, cpuMs: 0, vcpus: 0.1 });   // 100
 * virtualDurationMs({ wallMs: 100, cpuMs: 200, vcpus: 1 });   // 190
 * virtualDurationMs({ wallMs: 1, cpuMs: 1, vcpus: 0.0724 });  // 1 (within one period's quota)
 */
const virtualDurationMs = ({ wallMs, cpuMs, vcpus }: { wallMs: number; cpuMs: number; vcpus: number }): number => {
  if (wallMs <= 0 || cpuMs <= 0 || vcpus <= 0) return Math.max(0, wallMs);
  const parallelism = Math.max(1, cpuMs / wallMs);
  const waitingMs = Math.max(0, wallMs - cpuMs / parallelism);
  const burstMs = Math.min(cpuMs, cfsQuotaFor(vcpus).quotaUs / US_PER_MS);
  return waitingMs + burstMs / parallelism + (cpuMs - burstMs) / Math.min(parallelism, vcpus);
};

export { cfsQuotaFor, initVcpusFor, vcpusForMemory, virtualDurationMs };
export type { CfsQuota };
