import { describe, expect, it } from 'vitest';

import { chooseCpuModel, probeQuotaFor, probeSlowdown } from '../../../../src/emulator/runtime/cpu-calibration.js';
import type { ProbeTrial, QuotaProbe } from '../../../../src/emulator/runtime/cpu-calibration.js';
import { cfsQuotaFor } from '../../../../src/emulator/runtime/cpu-limit.js';

/** A trial whose probe ran `slowdown` times slower under the quota than at full speed. */
const trial = (slowdown: number): ProbeTrial => ({ fullWork: 500, fullCpuMs: 10, work: 360, wallMs: (360 / 50) * slowdown, cpuMs: 7 });
const probe = (model: 'cgroup' | 'cgroup-corrected', slowdowns: number[]): QuotaProbe => ({ quota: probeQuotaFor(model), trials: slowdowns.map(trial) });

describe('Function: probeSlowdown', () => {
  it('takes the median of the trials, so one disturbed trial does not move it', () => {
    expect(probeSlowdown([trial(13.9), trial(30), trial(13.7)])).toBeCloseTo(13.9, 6);
  });

  it('ignores trials the quota never paused, and gives undefined when none is left', () => {
    expect(probeSlowdown([{ fullWork: 500, fullCpuMs: 10, work: 0, wallMs: 0, cpuMs: 0 }])).toBeUndefined();
  });
});

describe('Function: probeQuotaFor', () => {
  it('probes 128 MB\'s share: 1.45 ms per 20 ms plain, 7.24 ms per 100 ms corrected', () => {
    expect(probeQuotaFor('cgroup')).toEqual({ vcpus: 128 / 1769, periodUs: 20_000, quotaUs: 1447 });
    expect(probeQuotaFor('cgroup-corrected')).toEqual({ vcpus: 128 / 1769, periodUs: 100_000, quotaUs: 7236 });
  });
});

describe('Function: chooseCpuModel', () => {
  it.each([
    ['the plain quota within 5% of Lambda\'s 13.8x', { plain: probe('cgroup', [13.9, 14.2, 13.6]) }, 'cgroup', /quota is faithful here .*13\.9x slower/],
    ['the plain quota over-throttled (17.5x) but long slices faithful', { plain: probe('cgroup', [17.5, 16.9, 18]), corrected: probe('cgroup-corrected', [13.9]) }, 'cgroup-corrected', /20 ms quota is off here .*\+27%.*at least 7\.5 ms per period are faithful/],
    ['both quotas off', { plain: probe('cgroup', [17.5, 16.9, 18]), corrected: probe('cgroup-corrected', [11.4]) }, 'virtual-time', /no quota is faithful here/],
    ['a quota that never throttled the probe', { plain: probe('cgroup', []), corrected: probe('cgroup-corrected', []) }, 'virtual-time', /never throttled/],
    ['a quota that runs faster than the share (under-throttling)', { plain: probe('cgroup', [12.5, 12.6, 12.4]), corrected: probe('cgroup-corrected', [13.8]) }, 'cgroup-corrected', /-10%/],
  ])('chooses with auto when %s', (_label, probes, model, reason) => {
    // Act
    const choice = chooseCpuModel({ requested: 'auto', cgroupAvailable: true, ...probes });

    // Assess
    expect(choice.model).toBe(model);
    expect(choice.reason).toMatch(reason);
  });

  it('records the measured slowdowns for the report', () => {
    const choice = chooseCpuModel({ requested: 'auto', cgroupAvailable: true, plain: probe('cgroup', [17.5]), corrected: probe('cgroup-corrected', [13.9]) });

    expect(choice.measured?.cgroup).toBeCloseTo(17.5, 6);
    expect(choice.measured?.['cgroup-corrected']).toBeCloseTo(13.9, 6);
  });

  it.each([
    ['virtual-time asked for', { requested: 'virtual-time' as const, cgroupAvailable: true }, 'virtual-time', /asked for/],
    ['cgroup asked for (not calibrated)', { requested: 'cgroup' as const, cgroupAvailable: true }, 'cgroup', /asked for .*not calibrated/],
    ['no cgroup here', { requested: 'auto' as const, cgroupAvailable: false, unavailableReason: 'no CPU quota possible (not root)' }, 'virtual-time', /not root/],
  ])('chooses without a probe when %s', (_label, args, model, reason) => {
    const choice = chooseCpuModel(args);

    expect(choice.model).toBe(model);
    expect(choice.reason).toMatch(reason);
  });
});

describe('Function: cfsQuotaFor — the corrected model\'s periods', () => {
  it.each([
    [128 / 1769, 100_000, 7236],
    [256 / 1769, 51_827, 7500],
    [1024 / 1769, 20_000, 11_577],
    [1, 20_000, 20_000],
  ])('gives %f vCPUs a period of %d µs and a quota of %d µs (slices of at least 7.5 ms)', (vcpus, periodUs, quotaUs) => {
    expect(cfsQuotaFor(vcpus, { minSliceUs: 7500 })).toEqual({ periodUs, quotaUs });
  });
});
