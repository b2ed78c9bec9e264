import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import { describeBackend, runTuning } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

const runOn = async (
  lambda: ReturnType<typeof createFakeLambdaPort>,
  backend?: string,
): Promise<Awaited<ReturnType<typeof runTuning>>> =>
  runTuning({
    input: validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 256] }),
    lambda,
    runId: 'run1',
    sleep: async () => undefined,
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    ...(backend === undefined ? {} : { backend }),
  });

describe('Function: runTuning — run.backend', () => {
  it('records the local service and its CPU model when its Invoke header names it, whatever the caller assumed', async () => {
    // Prepare: a run through --endpoint-url starts out assuming AWS.
    const lambda = createFakeLambdaPort({
      localService: { description: 'cgroup-corrected (cgroup-v2 quota, slices of at least 10 ms), 2 host cores' },
    });
    // Act
    const result = await runOn(lambda);
    // Assess
    expect(result.run.backend).toBe(
      'emulator (cgroup-corrected (cgroup-v2 quota, slices of at least 10 ms), 2 host cores)',
    );
    expect(result.run.cpuModel?.model).toBe('cgroup-corrected');
  });

  it('says aws, with no CPU model, when no answer carries the header', async () => {
    const result = await runOn(createFakeLambdaPort());
    expect(result.run.backend).toBe('aws');
    expect(result.run).not.toHaveProperty('cpuModel');
    expect(result.samples?.some((sample) => 'admissionWaitMs' in sample)).toBe(false);
  });

  it('keeps on each sample how long the local service held it for host CPU', async () => {
    // Prepare: every Invoke waited 12.5 ms for admission
    const lambda = createFakeLambdaPort({
      localService: { description: 'virtual-time (…), 2 host cores', admissionWaitMs: 12.5 },
    });
    // Act
    const result = await runOn(lambda);
    // Assess
    expect(result.samples?.length).toBeGreaterThan(0);
    expect(result.samples?.every((sample) => sample.admissionWaitMs === 12.5)).toBe(true);
  });
});

describe('Function: describeBackend', () => {
  it.each([
    ['virtual-time (durations scaled by CPU time), 2 host cores', 'virtual-time'],
    ['cgroup (cgroup-v1 quota, 20 ms periods), 2 host cores', 'cgroup'],
    ['cgroup-corrected (cgroup-v2 quota), 4 host cores', 'cgroup-corrected'],
    ['virtual-time: durations scaled by CPU time, 2 host cores', 'virtual-time'],
    ['cgroup: cgroup-v2 quota, 2 host cores', 'cgroup'],
    ['cgroup-v1, 2 host cores', undefined],
  ])('reads the CPU model of %j as %s', (description, model) => {
    const described = describeBackend({ localService: { description }, fallback: 'aws' });
    expect(described.backend).toBe(`emulator (${description})`);
    expect(described.cpuModel?.model).toBe(model);
  });

  it('prefers the CPU model and reason the caller knows (the embedded service)', () => {
    const cpuModel = { model: 'virtual-time' as const, reason: 'the quota gave 17.1x where Lambda gives 13.8x' };
    expect(
      describeBackend({
        localService: { description: 'virtual-time (…), 2 host cores' },
        fallback: 'emulator (virtual-time)',
        cpuModel,
      }).cpuModel,
    ).toEqual(cpuModel);
    expect(describeBackend({ localService: undefined, fallback: 'emulator (virtual-time)', cpuModel })).toEqual({
      backend: 'emulator (virtual-time)',
      cpuModel,
    });
  });
});
