import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import type { CpuController } from '../../../../src/emulator/runtime/cpu-controller.js';
import { vcpusForMemory } from '../../../../src/emulator/runtime/cpu-limit.js';
import { LocalExecutionBackend } from '../../../../src/emulator/runtime/execution-backend.js';
import type { LocalExecutionBackendOptions } from '../../../../src/emulator/runtime/execution-backend.js';
import type { FunctionSnapshot, InvokeResult } from '../../../../src/emulator/runtime/types.js';
import { createFakeEnvironmentPool } from '../../../helpers/fake-environments.js';
import type { FakeEnvironmentPool } from '../../../helpers/fake-environments.js';

const HOST_CORES = 2;

const controller: CpuController = {
  mode: 'cgroup-v1',
  rootPath: '/fake',
  createGroup: () => undefined,
  renewQuota: () => undefined,
  listProcesses: () => [],
  removeGroup: async () => undefined,
  removeAllSync: () => [],
  hostVcpusFor: (vcpus) => vcpus,
};

const snapshot = (name: string, memorySizeMB: number): FunctionSnapshot => ({
  functionName: name,
  functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
  version: '$LATEST',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  codeDir: '/fake',
  codeSha256: 'fake',
  memorySizeMB,
  timeoutSeconds: 60,
  environment: {},
  logFormat: 'Text',
  architecture: 'x86_64',
  region: 'us-east-1',
  accountId: '123456789012',
  logGroup: `/aws/lambda/${name}`,
});

let backend: LocalExecutionBackend | undefined;
afterEach(async () => {
  await backend?.stop();
  backend = undefined;
});

const setup = (
  extra: Pick<LocalExecutionBackendOptions, 'cpuTimeOf' | 'every'> = {},
): { backend: LocalExecutionBackend; pool: FakeEnvironmentPool } => {
  const pool = createFakeEnvironmentPool({ shareOf: (vcpus) => Math.min(vcpus, HOST_CORES) });
  backend = new LocalExecutionBackend({
    controller,
    cpu: {
      mode: 'cgroup-v1',
      model: 'cgroup',
      reason: 'test',
      description: 'cgroup (test), 2 host cores',
      hostCores: HOST_CORES,
    },
    hostCores: HOST_CORES,
    tmpDir: '/tmp',
    maxIdleMs: 60_000,
    billInitDuration: true,
    handleSignals: false,
    createEnvironment: pool.createEnvironment,
    now: pool.clock.now,
    ...extra,
  });
  return { backend, pool };
};

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Finishes work oldest first until every invocation has answered (bounded). */
const drain = async (
  pool: FakeEnvironmentPool,
  pending: Array<Promise<InvokeResult>>,
  stepMs = 10,
): Promise<InvokeResult[]> => {
  let settled = 0;
  const results = pending.map((promise) =>
    promise.finally(() => {
      settled += 1;
    }),
  );
  for (let step = 0; step < 500 && settled < pending.length; step += 1) {
    await flush();
    pool.finishOldest(stepMs);
  }
  await flush();
  return Promise.all(results);
};

const invoke = (target: LocalExecutionBackend, fn: FunctionSnapshot): Promise<InvokeResult> =>
  target.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });

describe('Class: LocalExecutionBackend — admission control', () => {
  it('never runs more vCPUs than the host has, whatever arrives at once (inits included)', async () => {
    // Prepare: sizes whose shares add up to far more than two cores.
    const { backend: target, pool } = setup();
    const fns = [
      snapshot('big', 3538),
      snapshot('one', 1769),
      snapshot('one', 1769),
      snapshot('one', 1769),
      snapshot('mid', 1024),
      ...Array.from({ length: 6 }, () => snapshot('small', 128)),
    ];

    // Act: a cold wave, then a warm wave of the same requests.
    const cold = await drain(
      pool,
      fns.map((fn) => invoke(target, fn)),
    );
    const warm = await drain(
      pool,
      fns.map((fn) => invoke(target, fn)),
    );

    // Assess
    expect(cold).toHaveLength(fns.length);
    expect(warm).toHaveLength(fns.length);
    expect(pool.maxBusyVcpus()).toBeLessThanOrEqual(HOST_CORES + 1e-9);
    expect(pool.maxBusyVcpus()).toBeGreaterThan(1.5);
    expect(target.vcpusInUse).toBe(0);
  });

  it("gives N concurrent requests N environments, even when some wait for CPU (cold starts stay Lambda's)", async () => {
    const { backend: target, pool } = setup();
    const fn = snapshot('one', 1769);

    await drain(pool, [invoke(target, fn), invoke(target, fn), invoke(target, fn)]);

    expect(pool.created).toHaveLength(3);
  });

  it('reports the wait for CPU apart from Duration: the wait happens before the event is delivered', async () => {
    // Prepare: a warm 2-vCPU environment and a warm 1-vCPU one.
    const { backend: target, pool } = setup();
    const big = snapshot('big', 3538);
    const one = snapshot('one', 1769);
    await drain(pool, [invoke(target, big)]);
    await drain(pool, [invoke(target, one)]);

    // Act: the big one holds the whole host for 40 ms; the other arrives meanwhile and then runs 15 ms.
    const first = invoke(target, big);
    await flush();
    const second = invoke(target, one);
    await flush();
    const runningWhileWaiting = pool.running().map((work) => work.kind);
    pool.finishOldest(40);
    await flush();
    pool.finishOldest(15);
    const [bigResult, oneResult] = await Promise.all([first, second]);

    // Assess
    expect(runningWhileWaiting).toEqual(['invoke']);
    expect(bigResult.report.durationMs).toBe(40);
    expect(bigResult.admissionWaitMs).toBe(0);
    expect(oneResult.admissionWaitMs).toBe(40);
    expect(oneResult.report.durationMs).toBe(15);
    expect(oneResult.report.billedDurationMs).toBe(15);
  });

  it("admits a cold start at init's share (two vCPUs) and the invocation after it at the function's", async () => {
    const { backend: target, pool } = setup();
    const small = snapshot('small', 128);

    const pending = invoke(target, small);
    await flush();
    const atInit = pool.busyVcpus();
    pool.finishOldest(100);
    await flush();
    const atInvoke = pool.busyVcpus();
    pool.finishOldest(5);
    await pending;

    expect(atInit).toBe(2);
    expect(atInvoke).toBeCloseTo(vcpusForMemory({ memorySizeMB: 128, hostCores: HOST_CORES }), 9);
  });

  describe('an environment blocked on I/O (a handler that synchronously invokes another function)', () => {
    /** A backend whose sampling timer the test drives, and whose environments' CPU time the test sets by function name. */
    const setupSampled = (): {
      backend: LocalExecutionBackend;
      pool: FakeEnvironmentPool;
      cpuMs: Map<string, number>;
      tick: () => void;
    } => {
      const cpuMs = new Map<string, number>();
      let tick: (() => void) | undefined;
      const built = setup({
        cpuTimeOf: (environment) => cpuMs.get(environment.fn.functionName),
        every: (fn) => {
          tick = fn;
          return () => {
            tick = undefined;
          };
        },
      });
      return { ...built, cpuMs, tick: () => tick?.() };
    };

    it("lets a waiting invocation in once the admitted caller's CPU time stands still", async () => {
      // Prepare: a warm 2-vCPU caller and a warm 1-vCPU callee.
      const { backend: target, pool, cpuMs, tick } = setupSampled();
      const caller = snapshot('caller', 3538);
      const callee = snapshot('callee', 1769);
      await drain(pool, [invoke(target, caller)]);
      await drain(pool, [invoke(target, callee)]);
      cpuMs.set('caller', 500);

      // Act: the caller holds the whole host and waits on the callee, using no CPU.
      const outer = invoke(target, caller);
      await flush();
      const inner = invoke(target, callee);
      await flush();
      const beforeWindow = pool.running().map((work) => work.environmentId);
      pool.clock.advance(60);
      tick();
      await flush();
      const afterWindow = pool.running().map((work) => work.environmentId);
      // The callee answers first, then the caller that waited on it.
      pool
        .running()
        .find((work) => work.environmentId === '2')
        ?.finish();
      await flush();
      pool.finishOldest(5);
      const [outerResult, innerResult] = await Promise.all([outer, inner]);

      // Assess
      expect(beforeWindow).toEqual(['1']);
      expect(afterWindow).toEqual(['1', '2']);
      expect(innerResult.admissionWaitMs).toBe(60);
      expect(outerResult.admissionWaitMs).toBe(0);
      expect(target.vcpusInUse).toBe(0);
    });

    it('keeps a waiting invocation out while the admitted caller uses CPU', async () => {
      const { backend: target, pool, cpuMs, tick } = setupSampled();
      const caller = snapshot('caller', 3538);
      const callee = snapshot('callee', 1769);
      await drain(pool, [invoke(target, caller)]);
      await drain(pool, [invoke(target, callee)]);
      cpuMs.set('caller', 0);

      const outer = invoke(target, caller);
      await flush();
      const inner = invoke(target, callee);
      await flush();
      for (let step = 0; step < 20; step += 1) {
        pool.clock.advance(10);
        cpuMs.set('caller', (cpuMs.get('caller') ?? 0) + 10);
        tick();
      }
      await flush();
      const whileBusy = pool.running().map((work) => work.environmentId);
      pool.finishOldest(0);
      await flush();
      pool.finishOldest(5);
      const [, innerResult] = await Promise.all([outer, inner]);

      expect(whileBusy).toEqual(['1']);
      expect(innerResult.admissionWaitMs).toBe(200);
    });
  });
});
