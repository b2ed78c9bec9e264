import { describe, expect, it } from 'vitest';

import { HostCpuScheduler } from '../../../../src/emulator/runtime/host-cpu-scheduler.js';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('Class: HostCpuScheduler', () => {
  it('admits at once what fits and reports no wait', async () => {
    // Prepare
    const scheduler = new HostCpuScheduler({ hostCores: 2, now: () => 0 });

    // Act
    const one = await scheduler.acquire(1);
    const small = await scheduler.acquire(128 / 1769);

    // Assess
    expect(one.waitedMs).toBe(0);
    expect(small.waitedMs).toBe(0);
    expect(scheduler.inUse).toBeCloseTo(1 + 128 / 1769, 9);
  });

  it('makes a request that would oversubscribe the host wait, and measures the wait on its clock', async () => {
    // Prepare
    let now = 100;
    const scheduler = new HostCpuScheduler({ hostCores: 2, now: () => now });
    const running = await scheduler.acquire(1.5);
    let admitted: number | undefined;

    // Act
    const waiting = scheduler.acquire(1).then((lease) => {
      admitted = lease.waitedMs;
      return lease;
    });
    await flush();
    const admittedEarly = admitted;
    now = 145;
    running.release();
    await waiting;

    // Assess
    expect(admittedEarly).toBeUndefined();
    expect(admitted).toBe(45);
  });

  it('serves first come first served: a small request does not overtake a waiting large one', async () => {
    const scheduler = new HostCpuScheduler({ hostCores: 2, now: () => 0 });
    const first = await scheduler.acquire(1);
    const order: string[] = [];
    const large = scheduler.acquire(2).then((lease) => {
      order.push('large');
      return lease;
    });
    const small = scheduler.acquire(0.1).then((lease) => {
      order.push('small');
      return lease;
    });
    await flush();
    expect(order).toEqual([]);

    first.release();
    (await large).release();
    await small;

    expect(order).toEqual(['large', 'small']);
  });

  it('caps a share larger than the host at the host, so it runs alone instead of never', async () => {
    const scheduler = new HostCpuScheduler({ hostCores: 2, now: () => 0 });

    const lease = await scheduler.acquire(6);

    expect(lease.vcpus).toBe(2);
  });

  it("admits waiting requests when a lease shrinks (init's share to the invocation's)", async () => {
    const scheduler = new HostCpuScheduler({ hostCores: 2, now: () => 0 });
    const init = await scheduler.acquire(2);
    let admitted = false;
    const next = scheduler.acquire(1).then((lease) => {
      admitted = true;
      return lease;
    });

    init.shrink(0.5);
    await next;

    expect(admitted).toBe(true);
    expect(scheduler.inUse).toBeCloseTo(1.5, 9);
  });

  it('rejects waiting requests on close and keeps granted leases', async () => {
    const scheduler = new HostCpuScheduler({ hostCores: 1, now: () => 0 });
    const held = await scheduler.acquire(1);
    const waiting = scheduler.acquire(1);

    scheduler.close(new Error('stopped'));

    await expect(waiting).rejects.toThrow('stopped');
    await expect(scheduler.acquire(0.1)).rejects.toThrow('stopped');
    expect(held.vcpus).toBe(1);
  });

  describe('an admitted environment blocked on I/O', () => {
    /** A scheduler whose sampling timer and clock the test drives by hand. */
    const setupSampled = (): {
      scheduler: HostCpuScheduler;
      clock: { now: number };
      tick: () => void;
      timers: () => number;
    } => {
      const clock = { now: 0 };
      let tick: (() => void) | undefined;
      let timers = 0;
      const scheduler = new HostCpuScheduler({
        hostCores: 2,
        now: () => clock.now,
        idleWindowMs: 50,
        every: (fn) => {
          tick = fn;
          timers += 1;
          return () => {
            tick = undefined;
            timers -= 1;
          };
        },
      });
      return { scheduler, clock, tick: () => tick?.(), timers: () => timers };
    };

    it('does not count against the host while its CPU time stands still, so a waiting request is admitted', async () => {
      // Prepare: the caller holds the whole host, then blocks (its CPU time stays at 300 ms).
      const { scheduler, clock, tick, timers } = setupSampled();
      const callerCpuMs = 300;
      const caller = await scheduler.acquire(2, { cpuTimeMs: () => callerCpuMs });
      let admitted: number | undefined;
      const callee = scheduler.acquire(1).then((lease) => {
        admitted = lease.waitedMs;
        return lease;
      });

      // Act: 40 ms without progress is not yet idle; 60 ms is.
      clock.now = 40;
      tick();
      await flush();
      const admittedAfter40 = admitted;
      clock.now = 60;
      tick();
      const lease = await callee;

      // Assess
      expect(admittedAfter40).toBeUndefined();
      expect(admitted).toBe(60);
      expect(lease.vcpus).toBe(1);
      expect(caller.vcpus).toBe(2);
      // Nobody waits any more: sampling stops and the caller counts again.
      expect(timers()).toBe(0);
      expect(scheduler.inUse).toBe(3);
    });

    it('keeps counting an environment that uses CPU, so a waiting request still waits', async () => {
      // Prepare: the caller computes — 10 ms of CPU time every 10 ms.
      const { scheduler, clock, tick } = setupSampled();
      const caller = await scheduler.acquire(2, { cpuTimeMs: () => clock.now });
      let admitted = false;
      const callee = scheduler.acquire(1).then((lease) => {
        admitted = true;
        return lease;
      });

      // Act
      for (let step = 0; step < 20; step += 1) {
        clock.now += 10;
        tick();
      }
      await flush();
      const admittedWhileBusy = admitted;
      caller.release();
      await callee;

      // Assess
      expect(admittedWhileBusy).toBe(false);
      expect(admitted).toBe(true);
    });

    it('counts an idle environment again as soon as its CPU time advances', async () => {
      // Prepare: an idle 1.5-vCPU caller lets a 0.5-vCPU request in next to a 0.5-vCPU one.
      const { scheduler, clock, tick } = setupSampled();
      let callerCpuMs = 0;
      await scheduler.acquire(1.5, { cpuTimeMs: () => callerCpuMs });
      const other = await scheduler.acquire(0.5);
      const first = scheduler.acquire(0.5);
      let admitted = false;
      const second = scheduler.acquire(1.5).then((lease) => {
        admitted = true;
        return lease;
      });
      clock.now = 60;
      tick();
      await first;

      // Act: the caller wakes up and computes; then the other one finishes.
      callerCpuMs = 10;
      clock.now = 70;
      tick();
      other.release();
      await flush();

      // Assess: 1.5 (busy again) + 0.5 leaves no room for 1.5 more.
      expect(admitted).toBe(false);
      expect(scheduler.inUse).toBeCloseTo(2, 9);
      scheduler.close(new Error('done'));
      await expect(second).rejects.toThrow('done');
    });

    it('always counts a lease without a CPU-time reader, or whose reader knows nothing', async () => {
      const { scheduler, clock, tick } = setupSampled();
      await scheduler.acquire(1);
      await scheduler.acquire(1, { cpuTimeMs: () => undefined });
      let admitted = false;
      void scheduler.acquire(1).then(() => {
        admitted = true;
      });

      clock.now = 1_000;
      tick();
      await flush();

      expect(admitted).toBe(false);
    });
  });
});
