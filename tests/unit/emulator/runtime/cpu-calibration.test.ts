import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  chooseCpuModel,
  fileCalibrationCache,
  probeQuotaFor,
  probeSlowdown,
} from '../../../../src/emulator/runtime/cpu-calibration.js';
import type { ProbeTrial, QuotaProbe } from '../../../../src/emulator/runtime/cpu-calibration.js';
import type { CpuController } from '../../../../src/emulator/runtime/cpu-controller.js';
import { describeCpu, selectCpuModel } from '../../../../src/emulator/runtime/execution-backend.js';

/** A trial whose probe ran `slowdown` times slower under the quota than at full speed. */
const trial = (slowdown: number): ProbeTrial => ({
  fullWork: 500,
  fullCpuMs: 10,
  work: 360,
  wallMs: (360 / 50) * slowdown,
  cpuMs: 7,
});
const probe = (slowdowns: number[]): QuotaProbe => ({ quota: probeQuotaFor(), trials: slowdowns.map(trial) });

describe('Function: probeSlowdown', () => {
  it('takes the median of the trials, so one disturbed trial does not move it', () => {
    expect(probeSlowdown([trial(13.9), trial(30), trial(13.7)])).toBeCloseTo(13.9, 6);
  });

  it('ignores trials the quota never paused, and gives undefined when none is left', () => {
    expect(probeSlowdown([{ fullWork: 500, fullCpuMs: 10, work: 0, wallMs: 0, cpuMs: 0 }])).toBeUndefined();
  });
});

describe('Function: probeQuotaFor', () => {
  it("probes 128 MB's share as the controller sets it: 1.45 ms per 20 ms", () => {
    expect(probeQuotaFor()).toEqual({ vcpus: 128 / 1769, periodUs: 20_000, quotaUs: 1447 });
  });
});

describe('Function: chooseCpuModel', () => {
  it.each([
    [
      "the quota within 5% of Lambda's 13.8x",
      [13.9, 14.2, 13.6],
      'cgroup',
      /quota is faithful here .*13\.9x slower .*\+1%/,
    ],
    ['the quota just inside the band', [14.45, 14.5, 14.4], 'cgroup', /\+5%/],
    ["the quota exactly on Lambda's ratio", [1769 / 128], 'cgroup', /13\.8x, ±0%/],
    [
      'the quota over-throttling (17.5x, as on a 4 ms-tick kernel)',
      [17.5, 16.9, 18],
      'virtual-time',
      /off by more than 5% .*17\.5x slower .*\+27%/,
    ],
    ['the quota under-throttling (12.5x)', [12.5, 12.6, 12.4], 'virtual-time', /-10%/],
    ['a quota that never throttled the probe', [], 'virtual-time', /never throttled the probe/],
    [
      'the median within 5% but one trial outside it (a quota that moves)',
      [13.9, 15.2, 13.7],
      'virtual-time',
      /not steady here .*trials ranged 13\.7x–15\.2x/,
    ],
  ])('chooses with auto when %s', (_label, slowdowns, model, reason) => {
    // Act
    const choice = chooseCpuModel({ requested: 'auto', cgroupAvailable: true, plain: probe(slowdowns) });

    // Assess
    expect(choice.model).toBe(model);
    expect(choice.reason).toMatch(reason);
  });

  it('records the measured slowdown for the report', () => {
    const choice = chooseCpuModel({ requested: 'auto', cgroupAvailable: true, plain: probe([17.5]) });

    expect(choice.measuredSlowdown).toBeCloseTo(17.5, 6);
  });

  it.each([
    [
      'virtual-time asked for',
      { requested: 'virtual-time' as const, cgroupAvailable: true },
      'virtual-time',
      /asked for/,
    ],
    [
      'cgroup asked for (not calibrated)',
      { requested: 'cgroup' as const, cgroupAvailable: true },
      'cgroup',
      /asked for .*not calibrated/,
    ],
    [
      'no cgroup here',
      { requested: 'auto' as const, cgroupAvailable: false, unavailableReason: 'no CPU quota possible (not root)' },
      'virtual-time',
      /not root/,
    ],
  ])('chooses without a probe when %s', (_label, args, model, reason) => {
    const choice = chooseCpuModel(args);

    expect(choice.model).toBe(model);
    expect(choice.reason).toMatch(reason);
  });
});

describe('Function: describeCpu', () => {
  it.each([
    ['cgroup', 'cgroup-v1', 2, 'cgroup: cgroup-v1 quota, 20 ms periods, 2 host cores'],
    ['virtual-time', 'virtual-time', 1, 'virtual-time: durations scaled by CPU time, 1 host core'],
  ] as const)(
    'describes %s on %s with %d cores for the x-powertune-emulator header',
    (model, mode, hostCores, expected) => {
      expect(describeCpu({ model, mode, hostCores })).toBe(expected);
    },
  );
});

describe('Function: selectCpuModel — the controller that implements the choice', () => {
  const fakeController = (): CpuController & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      mode: 'cgroup-v1',
      rootPath: '/fake/powertune-1-1',
      createGroup: () => undefined,
      renewQuota: () => undefined,
      listProcesses: () => [],
      removeGroup: async () => undefined,
      removeAllSync: () => {
        calls.push('removeAllSync');
        return [];
      },
      hostVcpusFor: (vcpus) => vcpus,
    };
  };

  it.each([
    ['a faithful quota keeps the CPU groups', [13.8], 'cgroup', 'cgroup-v1', []],
    [
      'an unfaithful quota drops the CPU groups for virtual time',
      [17.5],
      'virtual-time',
      'virtual-time',
      ['removeAllSync'],
    ],
  ] as const)('%s', async (_label, slowdowns, model, mode, calls) => {
    // Prepare
    const controller = fakeController();

    // Act
    const selected = await selectCpuModel({
      requested: 'auto',
      controller,
      probeCpu: async () => ({ plain: probe([...slowdowns]) }),
      instance: 1,
      logger: () => undefined,
    });

    // Assess
    expect(selected.choice.model).toBe(model);
    expect(selected.controller.mode).toBe(mode);
    expect(controller.calls).toEqual(calls);
  });

  it('does not probe when a model was asked for', async () => {
    const controller = fakeController();
    let probed = false;

    const selected = await selectCpuModel({
      requested: 'cgroup',
      controller,
      probeCpu: async () => {
        probed = true;
        return { plain: probe([20]) };
      },
      instance: 1,
      logger: () => undefined,
    });

    expect(selected.choice.model).toBe('cgroup');
    expect(probed).toBe(false);
  });
});

describe('Function: fileCalibrationCache — one decision per host for ten minutes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const choice = { model: 'cgroup' as const, reason: 'calibrated: the quota is faithful here' };

  it('gives a decision written minutes ago back, saying when it was measured', () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'pt-calibration-'));
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const cache = fileCalibrationCache({ path: join(dir, 'c.json'), now: () => now });

    // Act
    cache.write(choice);
    now += 9 * 60_000;
    const reused = cache.read();

    // Assess
    expect(reused?.model).toBe('cgroup');
    expect(reused?.reason).toBe(
      'calibrated: the quota is faithful here (measured at 2026-01-01T12:00:00.000Z, reused on this host for 10 minutes)',
    );
  });

  it('forgets a decision older than ten minutes', () => {
    dir = mkdtempSync(join(tmpdir(), 'pt-calibration-'));
    let now = 0;
    const cache = fileCalibrationCache({ path: join(dir, 'c.json'), now: () => now });

    cache.write(choice);
    now += 10 * 60_000 + 1;

    expect(cache.read()).toBeUndefined();
  });

  it('ignores a decision measured on another host, and a file that is not one', () => {
    dir = mkdtempSync(join(tmpdir(), 'pt-calibration-'));
    const path = join(dir, 'c.json');
    const cache = fileCalibrationCache({ path, now: () => 1000 });

    writeFileSync(path, JSON.stringify({ hostKey: 'another host', measuredAtMs: 1000, choice }));
    const other = cache.read();
    writeFileSync(path, 'not json');
    const garbage = cache.read();

    expect(other).toBeUndefined();
    expect(garbage).toBeUndefined();
  });

  it('lets selectCpuModel reuse the decision without probing, and stores a new one after probing', async () => {
    const stored: unknown[] = [];
    let probes = 0;
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
    const probeCpu = async (): Promise<{ plain: QuotaProbe }> => {
      probes += 1;
      return { plain: probe([13.8]) };
    };

    const reused = await selectCpuModel({
      requested: 'auto',
      controller,
      probeCpu,
      instance: 1,
      logger: () => undefined,
      cache: { read: () => ({ model: 'virtual-time', reason: 'earlier' }), write: (c) => stored.push(c) },
    });
    const fresh = await selectCpuModel({
      requested: 'auto',
      controller,
      probeCpu,
      instance: 1,
      logger: () => undefined,
      cache: { read: () => undefined, write: (c) => stored.push(c) },
    });

    expect(reused.choice).toEqual({ model: 'virtual-time', reason: 'earlier' });
    expect(fresh.choice.model).toBe('cgroup');
    expect(probes).toBe(1);
    expect(stored).toEqual([fresh.choice]);
  });
});
