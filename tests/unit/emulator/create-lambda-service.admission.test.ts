import { afterEach, describe, expect, it } from 'vitest';

import { createHarness } from '../../helpers/lambda-service-harness.js';
import type { Harness } from '../../helpers/lambda-service-harness.js';

const invokePath = (name: string): string => `/2015-03-31/functions/${name}/invocations`;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.service.close();
  harness = undefined;
});

describe('Function: createLambdaService — what the local service tells its clients', () => {
  it('names its CPU model on every Invoke response (x-powertune-emulator), errors included', async () => {
    // Prepare
    harness = createHarness();
    await harness.createFunction('demo');

    // Act
    const ok = await harness.call('POST', invokePath('demo'), { body: {} });
    const missing = await harness.call('POST', invokePath('nope'), { body: {} });
    const dryRun = await harness.call('POST', invokePath('demo'), {
      body: {},
      headers: { 'x-amz-invocation-type': 'DryRun' },
    });
    const control = await harness.call('GET', '/2015-03-31/functions/demo');

    // Assess
    const description = harness.backend.cpu.description;
    expect(ok.headers.get('x-powertune-emulator')).toBe(description);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-powertune-emulator')).toBe(description);
    expect(dryRun.headers.get('x-powertune-emulator')).toBe(description);
    expect(control.headers.get('x-powertune-emulator')).toBeNull();
  });

  it('returns the time the invocation waited for host CPU in x-powertune-admission-wait-ms and its log record, apart from Duration', async () => {
    // Prepare
    harness = createHarness({
      backend: { respond: () => ({ payload: '"ok"', durationMs: 15, admissionWaitMs: 40.123 }) },
    });
    await harness.createFunction('demo');

    // Act
    const reply = await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-log-type': 'Tail' } });

    // Assess
    expect(reply.headers.get('x-powertune-admission-wait-ms')).toBe('40.12');
    const record = harness.service.invocations()[0];
    expect(record?.admissionWaitMs).toBe(40.123);
    expect(record?.report?.durationMs).toBe(15);
    expect(Buffer.from(reply.headers.get('x-amz-log-result') ?? '', 'base64').toString()).toMatch(
      /\tDuration: 15\.00 ms\t/,
    );
  });

  it('says 0 ms when the invocation did not wait', async () => {
    harness = createHarness();
    await harness.createFunction('demo');

    const reply = await harness.call('POST', invokePath('demo'), { body: {} });

    expect(reply.headers.get('x-powertune-admission-wait-ms')).toBe('0');
  });

  it('serves the CPU model and why at GET /_powertune/cpu and through service.cpu()', async () => {
    harness = createHarness();

    const reply = await harness.call('GET', '/_powertune/cpu');

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...harness.backend.cpu });
    expect(harness.service.cpu()).toEqual({ ...harness.backend.cpu });
  });
});
