/**
 * CPU fidelity of the emulator's execution environments (issue 3, "Proof"):
 * - a single-threaded CPU-bound handler at 128 MB vs 1,769 MB: Lambda's
 *   ratio is 1769 / 128 = 13.8 (target: within 15 %). Measured with
 *   `bench/functions/cpu-loop` (compute only); the `prime-sieve` example,
 *   which sweeps a large array, is reported next to it;
 * - at 3,538 MB vs 1,769 MB a two-thread handler runs about 2x faster and a
 *   one-thread handler does not (needs 2 host cores);
 * - a no-op takes about the same time at 128 MB as at 1,769 MB, as on Lambda,
 *   and so does its cold start's Init Duration (init runs on two vCPUs).
 *
 * Each ratio is the median of nine rounds of paired warm invocations (one
 * of each size per round, `pairedRatio`); the no-op figures are medians of
 * warm invocations. Run alone:
 * `node --import tsx bench/emulator-cpu-fidelity.ts`.
 *
 * @module bench/emulator-cpu-fidelity
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createExecutionBackend } from '../src/emulator/runtime/index.js';
import type { ExecutionBackend, FunctionSnapshot } from '../src/emulator/runtime/index.js';

interface CpuFidelityResult {
  /** Duration at 128 MB ÷ duration at 1,769 MB, compute-only single thread (Lambda: 13.8). */
  ratio128to1769: number;
  /** The same for the prime-sieve example (single thread, sweeps a 15 MB array). */
  ratio128to1769Sieve: number;
  /** The same for the no-op example (Lambda: about 1); NaN when skipped (`quick`). */
  ratio128to1769Noop: number;
  /** Cold-start Init Duration of the no-op at 128 MB ÷ at 1,769 MB (Lambda: about 1 — init runs on two vCPUs); NaN when skipped. */
  ratio128to1769Init: number;
  /** Duration at 1,769 MB ÷ duration at 3,538 MB, compute only, one thread (expected ≈ 1). */
  ratio3538to1769OneThread: number;
  /** The same with two threads (expected ≈ 2). */
  ratio3538to1769TwoThreads: number;
  /** The same for `prime-sieve-parallel`, two threads each sweeping its own array (memory-heavy; below 2 wherever they share memory bandwidth). */
  ratio3538to1769TwoThreadsSieve: number;
  /** `cgroup-v1`, `cgroup-v2` or `virtual-time`. */
  mode: string;
  /** The CPU model the service chose (`cgroup` or `virtual-time`) and why. */
  model: string;
  reason: string;
  /** Median warm durations behind the ratios, in ms. */
  durationsMs: Record<string, number>;
}

const EXAMPLES = fileURLToPath(new URL('../examples/functions/', import.meta.url));
const BENCH_FUNCTIONS = fileURLToPath(new URL('./functions/', import.meta.url));
const WARM_RUNS = 5;
/** Rounds of a paired ratio (one invocation of each size per round). */
const PAIRED_ROUNDS = 9;
const CPU_LOOP_LIMIT = 1_000_000;
const SIEVE_LIMIT = 15_000_000;
const NOOP_RUNS = 25;
const PARALLEL_LIMIT = 40_000_000;
/** `cpu-threads`: about 0.3 s of work at one vCPU. */
const THREADS_LIMIT = 2_000_000;

/** The median of `values` (the mean of the middle two for an even count); the bench's one median. */
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const snapshotOf = (example: string, memorySizeMB: number, directory = EXAMPLES): FunctionSnapshot => ({
  functionName: example,
  functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${example}`,
  version: '$LATEST',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  codeDir: `${directory}${example}`,
  codeSha256: 'bench',
  memorySizeMB,
  timeoutSeconds: 900,
  environment: {},
  logFormat: 'Text',
  architecture: 'x86_64',
  region: 'us-east-1',
  accountId: '123456789012',
  logGroup: `/aws/lambda/${example}`,
});

/** Median Init Duration of `runs` cold starts (each a new environment: a new function name). */
const coldInitMedian = async ({
  backend,
  memorySizeMB,
  runs = 3,
}: {
  backend: ExecutionBackend;
  memorySizeMB: number;
  runs?: number;
}): Promise<number> => {
  const inits: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const fn = {
      ...snapshotOf('noop', memorySizeMB),
      functionName: `noop-init-${memorySizeMB}-${run}`,
      functionArn: `arn:aws:lambda:us-east-1:123456789012:function:noop-init-${memorySizeMB}-${run}`,
    };
    const result = await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });
    if (result.report.initDurationMs === undefined)
      throw new Error(`Bench: no Init Duration for a cold start at ${memorySizeMB} MB`);
    inits.push(result.report.initDurationMs);
  }
  return median(inits);
};

/** Median warm duration: one uncounted warm-up, then `runs` counted invocations. */
const warmMedian = async ({
  backend,
  fn,
  event,
  runs = WARM_RUNS,
}: {
  backend: ExecutionBackend;
  fn: FunctionSnapshot;
  event: unknown;
  runs?: number;
}): Promise<number> => {
  const durations: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const result = await backend.invoke({ fn, payload: Buffer.from(JSON.stringify(event)), requestId: randomUUID() });
    if (result.functionError !== undefined)
      throw new Error(
        `Bench invocation of ${fn.functionName} at ${fn.memorySizeMB} MB failed: ${result.payload.toString()}`,
      );
    if (run > 0) durations.push(result.report.durationMs);
  }
  return median(durations);
};

/** The duration of one invocation; a function error stops the bench. */
const invokeDuration = async ({
  backend,
  fn,
  event,
}: {
  backend: ExecutionBackend;
  fn: FunctionSnapshot;
  event: unknown;
}): Promise<number> => {
  const result = await backend.invoke({ fn, payload: Buffer.from(JSON.stringify(event)), requestId: randomUUID() });
  if (result.functionError !== undefined)
    throw new Error(
      `Bench invocation of ${fn.functionName} at ${fn.memorySizeMB} MB failed: ${result.payload.toString()}`,
    );
  return result.report.durationMs;
};

/**
 * A ratio of two sizes' warm durations, measured in pairs: each round runs
 * one invocation of each (the order alternates from round to round), and the
 * ratio is the median of the rounds' ratios. This host's speed moves by
 * ±10% from one second to the next (a compute loop read 113 ms, then 141 ms,
 * back to back); measured in pairs, that drift hits both sizes of a round
 * alike — the same reason `tune` interleaves its sizes.
 */
const pairedRatio = async ({
  backend,
  slow,
  fast,
  event,
  rounds,
}: {
  backend: ExecutionBackend;
  slow: FunctionSnapshot;
  fast: FunctionSnapshot;
  event: unknown;
  rounds: number;
}): Promise<{ ratio: number; slowMs: number; fastMs: number }> => {
  await invokeDuration({ backend, fn: slow, event });
  await invokeDuration({ backend, fn: fast, event });
  const ratios: number[] = [];
  const slowMs: number[] = [];
  const fastMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [slow, fast] : [fast, slow];
    const durations = new Map<FunctionSnapshot, number>();
    for (const fn of order) durations.set(fn, await invokeDuration({ backend, fn, event }));
    const a = durations.get(slow) as number;
    const b = durations.get(fast) as number;
    slowMs.push(a);
    fastMs.push(b);
    ratios.push(a / b);
  }
  return { ratio: median(ratios), slowMs: median(slowMs), fastMs: median(fastMs) };
};

/**
 * Measures the emulator's CPU fidelity with the example handlers. Each ratio
 * is measured in pairs of invocations (`pairedRatio`).
 *
 * @example
 * const { ratio128to1769, mode } = await runCpuFidelityBench();
 * console.log(`${mode}: 128 MB is ${ratio128to1769.toFixed(1)}x slower than 1769 MB (Lambda: 13.8x)`);
 */
const runCpuFidelityBench = async ({
  cpuModel = 'auto',
  quick = false,
}: { cpuModel?: 'auto' | 'cgroup' | 'virtual-time'; quick?: boolean } = {}): Promise<CpuFidelityResult> => {
  const backend = await createExecutionBackend({ cpuModel });
  // quick: a fifth of the work and fewer rounds — a smoke test of the bench, not a measurement.
  const scale = quick ? 0.2 : 1;
  const rounds = quick ? 2 : PAIRED_ROUNDS;
  try {
    const loop = { limit: Math.round(CPU_LOOP_LIMIT * scale) };
    const compute = await pairedRatio({
      backend,
      slow: snapshotOf('cpu-loop', 128, BENCH_FUNCTIONS),
      fast: snapshotOf('cpu-loop', 1769, BENCH_FUNCTIONS),
      event: loop,
      rounds,
    });
    const sieve = await pairedRatio({
      backend,
      slow: snapshotOf('prime-sieve', 128),
      fast: snapshotOf('prime-sieve', 1769),
      event: { limit: Math.round(SIEVE_LIMIT * scale), rounds: 1 },
      rounds,
    });
    const noop1769 = quick
      ? Number.NaN
      : await warmMedian({ backend, fn: snapshotOf('noop', 1769), event: {}, runs: NOOP_RUNS });
    const noop128 = quick
      ? Number.NaN
      : await warmMedian({ backend, fn: snapshotOf('noop', 128), event: {}, runs: NOOP_RUNS });
    const init1769 = quick ? Number.NaN : await coldInitMedian({ backend, memorySizeMB: 1769 });
    const init128 = quick ? Number.NaN : await coldInitMedian({ backend, memorySizeMB: 128 });
    // 1,769 ÷ 3,538 MB of the compute-only threads function with `threads` worker threads.
    const threadsRatio = (threads: number): ReturnType<typeof pairedRatio> =>
      pairedRatio({
        backend,
        slow: snapshotOf('cpu-threads', 1769, BENCH_FUNCTIONS),
        fast: snapshotOf('cpu-threads', 3538, BENCH_FUNCTIONS),
        event: { limit: Math.round(THREADS_LIMIT * scale), threads },
        rounds,
      });
    const one = await threadsRatio(1);
    const two = await threadsRatio(2);
    const twoSieve = await pairedRatio({
      backend,
      slow: snapshotOf('prime-sieve-parallel', 1769),
      fast: snapshotOf('prime-sieve-parallel', 3538),
      event: { limit: Math.round(PARALLEL_LIMIT * scale), threads: 2 },
      rounds,
    });
    return {
      ratio128to1769: compute.ratio,
      ratio128to1769Sieve: sieve.ratio,
      ratio128to1769Noop: noop128 / noop1769,
      ratio128to1769Init: init128 / init1769,
      ratio3538to1769OneThread: one.ratio,
      ratio3538to1769TwoThreads: two.ratio,
      ratio3538to1769TwoThreadsSieve: twoSieve.ratio,
      mode: backend.cpu.mode,
      model: backend.cpu.model,
      reason: backend.cpu.reason,
      durationsMs: {
        at128: compute.slowMs,
        at1769: compute.fastMs,
        sieve128: sieve.slowMs,
        sieve1769: sieve.fastMs,
        noop128,
        noop1769,
        init128,
        init1769,
        one1769: one.slowMs,
        one3538: one.fastMs,
        two1769: two.slowMs,
        two3538: two.fastMs,
        twoSieve1769: twoSieve.slowMs,
        twoSieve3538: twoSieve.fastMs,
      },
    };
  } finally {
    await backend.stop();
  }
};

export { median, runCpuFidelityBench };
export type { CpuFidelityResult };

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const model = process.argv[2] === 'virtual-time' || process.argv[2] === 'cgroup' ? process.argv[2] : 'auto';
  const result = await runCpuFidelityBench({ cpuModel: model });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
