import { describe, expect, it } from 'vitest';
import { getLambdaPrice, invocationCost, validateInput } from '../../../src/core/index.js';
import { runDryRun } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

describe('Function: runDryRun', () => {
  it('checks access, invokes once at the current configuration and publishes nothing', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ memoryMB: 512, durationModel: () => 100 });
    // Act
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, num: 10, powerValues: [128, 1024] }),
      lambda,
    });
    // Assess
    expect(lambda.calls.map((c) => c.op)).toEqual(['getConfiguration', 'invoke']);
    expect(lambda.callsOf('invoke')[0]?.qualifier).toBeUndefined();
    expect(dry.memoryMB).toBe(512);
    expect(dry.qualifier).toBe('$LATEST');
    expect(dry.invocation.report?.billedDurationMs).toBe(100);
  });

  it('estimates the full run: (num + warm-up) invocations per size, priced at the measured duration', async () => {
    const lambda = createFakeLambdaPort({ memoryMB: 512, durationModel: () => 100 });
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, num: 10, powerValues: [128, 1024] }),
      lambda,
    });
    const price = getLambdaPrice({ region: 'eu-west-1', architecture: 'x86_64' });
    const at = (memoryMB: number, billedDurationMs: number): number =>
      invocationCost({ billedDurationMs, memoryMB, price, includeRequestCharge: true });
    expect(dry.plan).toEqual({
      powerValues: [128, 1024],
      warmupsPerSize: 1,
      countedPerSize: 10,
      invocationsPerSize: 11,
      coldStartsPerSize: 1,
      invocations: 22,
      processorInvocations: 0,
      versions: 2,
    });
    expect(dry.estimate.currency).toBe('USD');
    expect(dry.estimate.assumingConstantDuration).toBeCloseTo(11 * (at(128, 100) + at(1024, 100)), 15);
    // 100 ms at 512 MB → 400 ms at 128 MB, 50 ms at 1024 MB
    expect(dry.estimate.assumingProportionalSpeedup).toBeCloseTo(11 * (at(128, 400) + at(1024, 50)), 15);
  });

  it('invokes the qualifier the user named', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '4', memoryMB: 2048 }],
      aliases: [{ name: 'prod', version: '4' }],
    });
    const dry = await runDryRun({ input: validateInput({ lambdaARN: 'my-fn:prod', dryRun: true }), lambda });
    expect(lambda.callsOf('invoke')[0]?.qualifier).toBe('prod');
    expect(dry.memoryMB).toBe(2048);
    expect(dry.qualifier).toBe('prod');
  });

  it('counts onlyColdStarts as one version per invocation and no warm-up', async () => {
    const lambda = createFakeLambdaPort();
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, num: 5, powerValues: [128, 256], onlyColdStarts: true }),
      lambda,
    });
    expect(dry.plan).toMatchObject({ invocationsPerSize: 5, invocations: 10, versions: 10 });
  });

  it('sends the first weighted payload', async () => {
    const lambda = createFakeLambdaPort();
    await runDryRun({
      input: validateInput({
        lambdaARN: 'my-fn',
        dryRun: true,
        num: 10,
        payload: [
          { payload: { a: 1 }, weight: 1 },
          { payload: { b: 2 }, weight: 1 },
        ],
      }),
      lambda,
    });
    expect(lambda.callsOf('invoke')[0]?.payload).toBe('{"a":1}');
  });

  it('explains a missing estimate when no REPORT could be read', async () => {
    const lambda = createFakeLambdaPort({ noLogs: true });
    const dry = await runDryRun({ input: validateInput({ lambdaARN: 'my-fn', dryRun: true }), lambda });
    expect(dry.estimate.assumingConstantDuration).toBe(0);
    expect(dry.estimate.note).toMatch(/no REPORT could be read/);
  });
});
