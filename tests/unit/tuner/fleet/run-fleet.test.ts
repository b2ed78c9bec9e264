import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../../../src/core/fleet/index.js';
import { validateInput } from '../../../../src/core/index.js';
import type { TuningResult } from '../../../../src/core/index.js';
import { runFleet } from '../../../../src/tuner/fleet/index.js';
import type { FleetTask } from '../../../../src/tuner/fleet/index.js';

const tasksOf = (names: string[], withPayload: (name: string) => boolean): FleetTask[] =>
  validatePlan({
    functions: names.map((name) => ({ function: name, ...(withPayload(name) ? { payload: {} } : {}) })),
  }).entries.map((entry) =>
    withPayload(entry.functionName)
      ? { entry, input: validateInput({ lambdaARN: entry.function, num: 5, payload: {} }) }
      : { entry, skip: 'no payload' },
  );

const resultFor = (name: string): TuningResult =>
  ({
    run: { functionName: name, region: 'eu-west-1', originalMemoryMB: 1024, currency: 'USD', architecture: 'x86_64' },
    recommendation: { power: 512 },
    sizes: [],
  }) as unknown as TuningResult;

describe('Function: runFleet', () => {
  it('never calls tune for an entry without a payload, and keeps going after a failure', async () => {
    // Prepare
    const called: string[] = [];
    const tasks = tasksOf(['a', 'b', 'c', 'd'], (name) => name !== 'b');
    // Act
    const fleet = await runFleet({
      tasks,
      maxFunctions: 1,
      tune: async ({ entry }) => {
        called.push(entry.functionName);
        if (entry.functionName === 'a') throw new Error('every size failed');
        return resultFor(entry.functionName);
      },
    });
    // Assess
    expect(called).toEqual(['a', 'c', 'd']);
    expect(fleet.functions.map((f) => [f.functionName, f.status])).toEqual([
      ['a', 'failed'],
      ['b', 'skipped'],
      ['c', 'tuned'],
      ['d', 'tuned'],
    ]);
    expect(fleet.functions[0]?.reason).toBe('every size failed');
    expect(fleet.totals).toMatchObject({ tuned: 2, skipped: 1, failed: 1 });
  });

  it('runs at most --max-functions tunings at once', async () => {
    // Prepare
    let running = 0;
    let most = 0;
    const tasks = tasksOf(['a', 'b', 'c', 'd', 'e'], () => true);
    // Act
    await runFleet({
      tasks,
      maxFunctions: 2,
      tune: async ({ entry }) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return resultFor(entry.functionName);
      },
    });
    // Assess
    expect(most).toBe(2);
  });

  it('starts nothing more once interrupted and reports the rest as skipped', async () => {
    // Prepare
    const controller = new AbortController();
    const tasks = tasksOf(['a', 'b'], () => true);
    // Act
    const fleet = await runFleet({
      tasks,
      maxFunctions: 1,
      signal: controller.signal,
      tune: async ({ entry }) => {
        controller.abort();
        return resultFor(entry.functionName);
      },
    });
    // Assess
    expect(fleet.functions.map((f) => f.status)).toEqual(['tuned', 'skipped']);
    expect(fleet.functions[1]?.reason).toBe('interrupted before it started');
  });
});
