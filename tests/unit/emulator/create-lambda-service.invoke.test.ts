import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from '../../helpers/lambda-service-harness.js';
import type { Harness } from '../../helpers/lambda-service-harness.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
const FN = '/2015-03-31/functions';
const invokePath = (name: string, qualifier?: string): string =>
  `${FN}/${encodeURIComponent(name)}/invocations${qualifier ? `?Qualifier=${encodeURIComponent(qualifier)}` : ''}`;

let harness: Harness;
afterEach(async () => {
  harness?.backend.release({ stopHolding: true });
  await harness?.service.close();
});

async function publishVersions(count: number, name = 'demo'): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await harness.call('PUT', `${FN}/${name}/configuration`, {
      body: { Description: `v${index + 1}`, MemorySize: 128 * (index + 2) },
    });
    harness.settle();
    await harness.call('POST', `${FN}/${name}/versions`, { body: {} });
  }
}

describe('Function: createLambdaService — Invoke (RequestResponse)', () => {
  it('returns 200 with the handler response and X-Amz-Executed-Version', async () => {
    // Prepare
    harness = createHarness();
    await harness.createFunction('demo');

    // Act
    const reply = await harness.call('POST', invokePath('demo'), { body: { hello: 'world' } });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ hello: 'world' });
    expect(reply.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(reply.headers.get('x-amz-function-error')).toBeNull();
    expect(reply.headers.get('x-amz-log-result')).toBeNull();
  });

  it('passes the function as configured to the execution backend', async () => {
    harness = createHarness();
    await harness.createFunction('demo', {
      MemorySize: 1769,
      Timeout: 30,
      Environment: { Variables: { STAGE: 'dev' } },
      LoggingConfig: { LogFormat: 'JSON' },
    });
    await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-client-context': 'eyJhIjoxfQ==' } });
    const request = harness.backend.requests[0]!;
    expect(request.fn).toMatchObject({
      functionName: 'demo',
      functionArn: `${ARN}:demo`,
      version: '$LATEST',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memorySizeMB: 1769,
      timeoutSeconds: 30,
      environment: { STAGE: 'dev' },
      logFormat: 'JSON',
      architecture: 'x86_64',
      region: 'us-east-1',
      accountId: '123456789012',
      logGroup: '/aws/lambda/demo',
    });
    expect(request.clientContext).toBe('eyJhIjoxfQ==');
    expect(request.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns base64 of the log in X-Amz-Log-Result when LogType is Tail', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-log-type': 'Tail' } });
    const log = Buffer.from(reply.headers.get('x-amz-log-result') ?? '', 'base64').toString();
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST/);
    expect(log).toMatch(
      /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB/,
    );
  });

  it('returns only the last 4096 bytes of a long log, cut on bytes', async () => {
    // Prepare: 10 KB of multi-byte output
    harness = createHarness({ backend: { respond: () => ({ payload: '"ok"', output: 'é'.repeat(5000) }) } });
    await harness.createFunction('demo');

    // Act
    const reply = await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-log-type': 'Tail' } });

    // Assess
    const tail = Buffer.from(reply.headers.get('x-amz-log-result') ?? '', 'base64');
    const full = Buffer.from(harness.service.invocations()[0]!.log);
    expect(tail.length).toBe(4096);
    expect(tail.equals(full.subarray(full.length - 4096))).toBe(true);
    expect(tail.toString()).toContain('REPORT RequestId');
  });

  it('returns 200 with X-Amz-Function-Error: Unhandled and the error payload when the handler fails', async () => {
    const error = JSON.stringify({ errorType: 'Error', errorMessage: 'boom', stackTrace: ['at handler'] });
    harness = createHarness({ backend: { respond: () => ({ payload: error, functionError: 'Unhandled' }) } });
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), { body: {} });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(reply.body).toEqual({ errorType: 'Error', errorMessage: 'boom', stackTrace: ['at handler'] });
  });

  it('returns Function.ResponseSizeTooLarge when the response exceeds 6 MB', async () => {
    harness = createHarness({ backend: { respond: () => ({ payload: Buffer.alloc(6_291_457, 0x61) }) } });
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), { body: {} });
    expect(reply.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(reply.body?.errorType).toBe('Function.ResponseSizeTooLarge');
  });

  it('passes {} to the handler when the payload is empty', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('POST', invokePath('demo'));
    expect(harness.backend.requests[0]!.payload.toString()).toBe('{}');
  });

  it.each([
    ['a payload that is not JSON', { rawBody: '{not json' }, 400, 'InvalidRequestContentException'],
    ['a payload over 6 MB', { rawBody: `"${'a'.repeat(6_291_456)}"` }, 413, 'RequestTooLargeException'],
    [
      'an unknown invocation type',
      { body: {}, headers: { 'x-amz-invocation-type': 'Later' } },
      400,
      'ValidationException',
    ],
  ])('returns an error for %s and does not run the handler', async (_case, options, status, type) => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), options);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('x-amzn-errortype')).toBe(type);
    expect(harness.backend.requests).toHaveLength(0);
  });

  it("returns 413 with Lambda's message for a 6 MB + 1 byte payload", async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), { rawBody: Buffer.alloc(6_291_457, 0x20) });
    expect(reply.body).toEqual({
      Type: 'User',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });

  it('returns 409 when invoking a function that is still Pending', async () => {
    harness = createHarness();
    await harness.call('POST', FN, {
      body: {
        FunctionName: 'demo',
        Role: 'arn:aws:iam::123456789012:role/r',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: (await import('../../helpers/lambda-service-harness.js')).zipOf('x') },
      },
    });
    const reply = await harness.call('POST', invokePath('demo'), { body: {} });
    expect(reply.status).toBe(409);
    expect(reply.body?.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
  });

  it('returns 404 when the qualifier does not exist', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo', 'nope'), { body: {} });
    expect(reply.body).toEqual({ Type: 'User', Message: `Function not found: ${ARN}:demo:nope` });
  });
});

describe('Function: createLambdaService — Invoke qualifiers', () => {
  it.each([
    ['Qualifier=1', 'demo', '1', '1', 256],
    ['Qualifier=2', 'demo', '2', '2', 384],
    ['an alias', 'demo', 'live', '2', 384],
    ['an alias inside the name', 'demo:live', undefined, '2', 384],
    ['a qualified full ARN', `${ARN}:demo:1`, undefined, '1', 256],
    ['$LATEST', 'demo', '$LATEST', '$LATEST', 384],
  ])('runs the right version for %s', async (_case, name, qualifier, executed, memory) => {
    // Prepare
    harness = createHarness();
    await harness.createFunction('demo');
    await publishVersions(2);
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '2' } });

    // Act
    const reply = await harness.call('POST', invokePath(name, qualifier), { body: {} });

    // Assess
    expect(reply.headers.get('x-amz-executed-version')).toBe(executed);
    expect(harness.backend.requests[0]!.fn).toMatchObject({ version: executed, memorySizeMB: memory });
  });

  it('runs the previous configuration of $LATEST while an update is in progress, the new one after', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { MemorySize: 512 });
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 2048 } });
    await harness.call('POST', invokePath('demo'), { body: {} });
    harness.settle();
    await harness.call('POST', invokePath('demo'), { body: {} });
    expect(harness.backend.requests.map((request) => request.fn.memorySizeMB)).toEqual([512, 2048]);
  });

  it('routes an alias with weights to the additional version by the injected random number', async () => {
    // Prepare: random() returns 0.1, then 0.9; 30% go to version 2
    const draws = [0.1, 0.9];
    harness = createHarness({ random: () => draws.shift() ?? 0.5 });
    await harness.createFunction('demo');
    await publishVersions(2);
    await harness.call('POST', `${FN}/demo/aliases`, {
      body: { Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } } },
    });

    // Act
    const first = await harness.call('POST', invokePath('demo', 'canary'), { body: {} });
    const second = await harness.call('POST', invokePath('demo', 'canary'), { body: {} });

    // Assess
    expect([first.headers.get('x-amz-executed-version'), second.headers.get('x-amz-executed-version')]).toEqual([
      '2',
      '1',
    ]);
  });
});

describe('Function: createLambdaService — Invoke (Event, DryRun)', () => {
  it('returns 202 at once for Event and still runs the handler', async () => {
    // Prepare
    harness = createHarness({ backend: { hold: true } });
    await harness.createFunction('demo');

    // Act
    const reply = await harness.call('POST', invokePath('demo'), {
      body: { n: 1 },
      headers: { 'x-amz-invocation-type': 'Event' },
    });
    await harness.backend.waitForInFlight(1);
    harness.backend.release({ stopHolding: true });
    await harness.service.close();

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.text).toBe('');
    expect(harness.service.invocations()).toHaveLength(1);
    expect(harness.service.invocations()[0]).toMatchObject({
      functionName: 'demo',
      invocationType: 'Event',
      version: '$LATEST',
    });
  });

  it('returns 413 for an Event payload over 1 MB', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), {
      rawBody: `"${'a'.repeat(1_048_577)}"`,
      headers: { 'x-amz-invocation-type': 'Event' },
    });
    expect(reply.status).toBe(413);
  });

  it('returns 204 for DryRun without running the handler', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), {
      body: {},
      headers: { 'x-amz-invocation-type': 'DryRun' },
    });
    expect(reply.status).toBe(204);
    expect(harness.backend.requests).toHaveLength(0);
  });

  it('returns 404 for DryRun of a missing function', async () => {
    harness = createHarness();
    const reply = await harness.call('POST', invokePath('ghost'), {
      body: {},
      headers: { 'x-amz-invocation-type': 'DryRun' },
    });
    expect(reply.status).toBe(404);
  });
});

describe('Function: createLambdaService — concurrency limits', () => {
  it('returns 429 ConcurrentInvocationLimitExceeded beyond the account limit, and accepts again once a slot frees', async () => {
    // Prepare
    harness = createHarness({ limits: { concurrentExecutions: 2, unreservedMinimum: 0 }, backend: { hold: true } });
    await harness.createFunction('demo');
    const running = [
      harness.call('POST', invokePath('demo'), { body: {} }),
      harness.call('POST', invokePath('demo'), { body: {} }),
    ];
    await harness.backend.waitForInFlight(2);

    // Act
    const throttled = await harness.call('POST', invokePath('demo'), { body: {} });
    harness.backend.release({ stopHolding: true });
    await Promise.all(running);
    const after = await harness.call('POST', invokePath('demo'), { body: {} });

    // Assess
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.body).toEqual({
      Type: 'User',
      message: 'Rate Exceeded.',
      Reason: 'ConcurrentInvocationLimitExceeded',
    });
    expect(after.status).toBe(200);
    expect(harness.backend.maxInFlight).toBe(2);
  });

  it('returns 429 ReservedFunctionConcurrentInvocationLimitExceeded beyond the reservation, without starving others', async () => {
    harness = createHarness({ limits: { concurrentExecutions: 10, unreservedMinimum: 1 }, backend: { hold: true } });
    await harness.createFunction('limited');
    await harness.createFunction('other');
    await harness.call('PUT', '/2017-10-31/functions/limited/concurrency', {
      body: { ReservedConcurrentExecutions: 1 },
    });
    const first = harness.call('POST', invokePath('limited'), { body: {} });
    await harness.backend.waitForInFlight(1);
    const throttled = await harness.call('POST', invokePath('limited'), { body: {} });
    const other = harness.call('POST', invokePath('other'), { body: {} });
    await harness.backend.waitForInFlight(2);
    harness.backend.release({ stopHolding: true });
    expect(throttled.status).toBe(429);
    expect(throttled.body?.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect((await first).status).toBe(200);
    expect((await other).status).toBe(200);
  });

  it('returns 429 for every invocation when reserved concurrency is 0', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('PUT', '/2017-10-31/functions/demo/concurrency', { body: { ReservedConcurrentExecutions: 0 } });
    const reply = await harness.call('POST', invokePath('demo'), { body: {} });
    expect(reply.status).toBe(429);
    expect(harness.backend.requests).toHaveLength(0);
  });

  it('queues Event invocations beyond the limit instead of throttling them', async () => {
    harness = createHarness({ limits: { concurrentExecutions: 1, unreservedMinimum: 0 }, backend: { hold: true } });
    await harness.createFunction('demo');
    const replies = [
      await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-invocation-type': 'Event' } }),
      await harness.call('POST', invokePath('demo'), { body: {}, headers: { 'x-amz-invocation-type': 'Event' } }),
    ];
    await harness.backend.waitForInFlight(1);
    expect(harness.service.state().inFlightInvocations).toBe(1);
    harness.backend.release({ stopHolding: true });
    for (let attempt = 0; attempt < 200 && harness.service.invocations().length < 2; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(replies.map((reply) => reply.status)).toEqual([202, 202]);
    expect(harness.service.invocations()).toHaveLength(2);
    expect(harness.backend.maxInFlight).toBe(1);
  });
});

describe('Function: createLambdaService — fault injection', () => {
  it.each([
    [{ throttleRate: 1 }, 429, 'TooManyRequestsException'],
    [{ serverErrorRate: 1 }, 500, 'ServiceException'],
  ])('returns injected faults on Invoke for %j', async (faults, status, type) => {
    harness = createHarness({ faults });
    await harness.createFunction('demo');
    const reply = await harness.call('POST', invokePath('demo'), { body: {} });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('x-amzn-errortype')).toBe(type);
    expect(harness.backend.requests).toHaveLength(0);
  });

  it('returns 429 only for the control-plane operation the error rate targets', async () => {
    harness = createHarness({ faults: { controlPlaneErrorRate: { PublishVersion: 1 } } });
    await harness.createFunction('demo');
    const publish = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    const read = await harness.call('GET', `${FN}/demo`);
    expect(publish.status).toBe(429);
    expect(read.status).toBe(200);
  });

  it('waits the control-plane latency through the injected sleep', async () => {
    const waits: number[] = [];
    harness = createHarness({ faults: { controlPlaneLatencyMs: 250 }, sleep: async (ms) => void waits.push(ms) });
    await harness.createFunction('demo');
    await harness.call('POST', invokePath('demo'), { body: {} });
    expect(waits).toEqual([250]);
  });

  it('changes faults at run time through POST /_powertune/faults and reports them with GET', async () => {
    // Prepare
    harness = createHarness();
    await harness.createFunction('demo');

    // Act
    const set = await harness.call('POST', '/_powertune/faults', { body: { throttleRate: 1 } });
    const throttled = await harness.call('POST', invokePath('demo'), { body: {} });
    await harness.call('POST', '/_powertune/faults', { body: { throttleRate: 0 } });
    const ok = await harness.call('POST', invokePath('demo'), { body: {} });
    const read = await harness.call('GET', '/_powertune/faults');

    // Assess
    expect(set.body).toMatchObject({ throttleRate: 1, serverErrorRate: 0 });
    expect(throttled.status).toBe(429);
    expect(ok.status).toBe(200);
    expect(read.body).toEqual({
      throttleRate: 0,
      serverErrorRate: 0,
      controlPlaneLatencyMs: 0,
      controlPlaneErrorRate: 0,
    });
  });

  it.each([[{ throttleRate: 2 }], [{ bogus: 1 }], [{ controlPlaneLatencyMs: -1 }]])(
    'returns 400 for the invalid fault settings %j',
    async (body) => {
      harness = createHarness();
      const reply = await harness.call('POST', '/_powertune/faults', { body });
      expect(reply.status).toBe(400);
      expect(harness.service.getFaults().throttleRate).toBe(0);
    },
  );

  it('returns invocation logs from GET /_powertune/invocations, filtered by function', async () => {
    harness = createHarness({ invocationLogCapacity: 2 });
    await harness.createFunction('a');
    await harness.createFunction('b');
    for (const name of ['a', 'b', 'a']) await harness.call('POST', invokePath(name), { body: {} });
    const all = await harness.call('GET', '/_powertune/invocations');
    const onlyA = await harness.call('GET', '/_powertune/invocations?functionName=a');
    expect((all.body?.invocations as Array<{ functionName: string }>).map((i) => i.functionName)).toEqual(['b', 'a']);
    expect((onlyA.body?.invocations as Array<{ log: string }>)[0]?.log).toContain('REPORT RequestId');
  });
});
