/**
 * Fake execution environments for tests of the backend's scheduling
 * (`LocalExecutionBackend` with `createEnvironment`): no processes, a fake
 * clock, and a record of which environments used host CPU when — so a test
 * can show that the backend never runs more vCPUs than the host has.
 *
 * Each init and each invocation stays pending until the test calls
 * `finishOldest()`, which advances the clock by the step first.
 */
import type {
  EnvironmentState,
  ExecutionEnvironmentOptions,
  InitResult,
} from '../../src/emulator/runtime/execution-environment.js';
import type { EnvironmentFactory, SchedulableEnvironment } from '../../src/emulator/runtime/execution-backend.js';
import type { FunctionSnapshot, InvokeRequest, InvokeResult } from '../../src/emulator/runtime/types.js';

interface PendingWork {
  kind: 'init' | 'invoke';
  environmentId: string;
  vcpus: number;
  finish: () => void;
}

interface FakeEnvironmentPool {
  createEnvironment: EnvironmentFactory;
  clock: { now(): number; advance(ms: number): void };
  /** Environments created, in order (one per cold start). */
  created: ExecutionEnvironmentOptions[];
  /** vCPUs busy (inits at their init share, invocations at theirs) now, and the most ever. */
  busyVcpus(): number;
  maxBusyVcpus(): number;
  /** Work running now. */
  running(): PendingWork[];
  /** Advances the clock by `stepMs`, then finishes the oldest running init or invocation. Returns false when nothing runs. */
  finishOldest(stepMs?: number): boolean;
}

const createFakeEnvironmentPool = ({ shareOf }: { shareOf: (vcpus: number) => number }): FakeEnvironmentPool => {
  let now = 0;
  const clock = {
    now: (): number => now,
    advance: (ms: number): void => {
      now += ms;
    },
  };
  const created: ExecutionEnvironmentOptions[] = [];
  const running: PendingWork[] = [];
  let busy = 0;
  let maxBusy = 0;

  const track = (work: Omit<PendingWork, 'finish'>, onFinish: () => void): void => {
    busy += work.vcpus;
    maxBusy = Math.max(maxBusy, busy);
    const entry: PendingWork = {
      ...work,
      finish: () => {
        busy -= work.vcpus;
        running.splice(running.indexOf(entry), 1);
        onFinish();
      },
    };
    running.push(entry);
  };

  const createEnvironment: EnvironmentFactory = (options) => {
    created.push(options);
    const environment: SchedulableEnvironment & { state: EnvironmentState; lastUsedAt: number } = {
      fn: options.fn,
      state: 'initializing',
      lastUsedAt: now,
      scratchDir: undefined,
      start: () =>
        new Promise<InitResult>((resolve) => {
          const startedAt = now;
          track({ kind: 'init', environmentId: options.id, vcpus: shareOf(options.initVcpus ?? options.vcpus) }, () => {
            environment.state = 'idle';
            resolve({ ok: true, initDurationMs: now - startedAt, output: '' });
          });
        }),
      invoke: (request: InvokeRequest) =>
        new Promise<InvokeResult>((resolve) => {
          environment.state = 'busy';
          const startedAt = now;
          track({ kind: 'invoke', environmentId: options.id, vcpus: shareOf(options.vcpus) }, () => {
            environment.state = 'idle';
            environment.lastUsedAt = now;
            const durationMs = now - startedAt;
            resolve(fakeResult({ fn: options.fn, request, durationMs }));
          });
        }),
      initFailureResult: ({ request }) => fakeResult({ fn: options.fn, request, durationMs: 0 }),
      kill: async () => {
        environment.state = 'dead';
        options.onDead?.(environment as never);
      },
      killSync: () => undefined,
    };
    return environment;
  };

  return {
    createEnvironment,
    clock,
    created,
    busyVcpus: () => busy,
    maxBusyVcpus: () => maxBusy,
    running: () => [...running],
    finishOldest: (stepMs = 10) => {
      const oldest = running[0];
      if (oldest === undefined) return false;
      clock.advance(stepMs);
      oldest.finish();
      return true;
    },
  };
};

const fakeResult = ({
  fn,
  request,
  durationMs,
}: {
  fn: FunctionSnapshot;
  request: InvokeRequest;
  durationMs: number;
}): InvokeResult => ({
  payload: Buffer.from(request.payload),
  log: '',
  report: {
    durationMs,
    billedDurationMs: Math.max(1, Math.ceil(durationMs)),
    memorySizeMB: fn.memorySizeMB,
    maxMemoryUsedMB: 40,
    status: 'success',
  },
});

export { createFakeEnvironmentPool };
export type { FakeEnvironmentPool, PendingWork };
