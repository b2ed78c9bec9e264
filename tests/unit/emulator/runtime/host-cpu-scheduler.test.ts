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

  it('admits waiting requests when a lease shrinks (init\'s share to the invocation\'s)', async () => {
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
});
