import { describe, expect, it } from 'vitest';
import { AllSizesFailedError, validateInput } from '../../../src/core/index.js';
import type { TuningInput } from '../../../src/core/index.js';
import { LambdaApiError } from '../../../src/lambda/index.js';
import {
  createMemoryJournal,
  QualifierCodeMismatchError,
  RunInterruptedError,
  runTuning,
} from '../../../src/tuner/index.js';
import type { RunTuningOptions, TuningEvent } from '../../../src/tuner/index.js';
import { apiError, createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import type { FakeCall, FakeLambda } from '../../helpers/fake-lambda-port.js';

const RUN_ID = 'run1';

const makeInput = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 256], ...overrides });

const run = async (
  lambda: FakeLambda,
  input: TuningInput,
  extra: Partial<RunTuningOptions> = {},
): Promise<{ result: Awaited<ReturnType<typeof runTuning>>; events: TuningEvent[]; sleeps: number[] }> => {
  const events: TuningEvent[] = [];
  const sleeps: number[] = [];
  const result = await runTuning({
    input,
    lambda,
    runId: RUN_ID,
    onEvent: (e) => events.push(e),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    ...extra,
  });
  return { result, events, sleeps };
};

/** Control-plane calls in order, as short strings. */
const controlPlane = (lambda: FakeLambda): string[] =>
  lambda.calls
    .filter((c) => c.op !== 'invoke')
    .map((c) => [c.op, c.memoryMB ?? c.name ?? c.version ?? c.qualifier].filter((x) => x !== undefined).join(' '));

const ownAliases = (lambda: FakeLambda): string[] => [...lambda.aliases.keys()].filter((n) => n.startsWith('pt-'));

const expectPristine = (
  lambda: FakeLambda,
  {
    versions,
    memoryMB = 128,
    description = 'original',
  }: { versions: string[]; memoryMB?: number; description?: string },
): void => {
  expect(ownAliases(lambda)).toEqual([]);
  expect([...lambda.versions.keys()].sort()).toEqual([...versions].sort());
  expect(lambda.latest.memoryMB).toBe(memoryMB);
  expect(lambda.latest.description).toBe(description);
};

describe('Function: runTuning', () => {
  it('prepares, measures, cleans up and restores in the expected order of Lambda calls', async () => {
    // Prepare: version 1 is $LATEST at 128 MB as published before, so PublishVersion at 128 MB returns it.
    const lambda = createFakeLambdaPort({ versions: [{ version: '1', memoryMB: 128 }] });
    // Act
    const { result, events } = await run(lambda, makeInput());
    // Assess
    expect(controlPlane(lambda)).toEqual([
      'getConfiguration',
      'listVersions',
      'updateConfiguration 128',
      'waitUntilUpdated',
      'publishVersion',
      'createAlias pt-run1-128',
      'updateConfiguration 256',
      'waitUntilUpdated',
      'publishVersion',
      'createAlias pt-run1-256',
      'deleteAlias pt-run1-128',
      'deleteAlias pt-run1-256',
      'listAliases',
      'deleteVersion 2',
      'getConfiguration',
      'updateConfiguration 128',
      'waitUntilUpdated',
    ]);
    expect(lambda.callsOf('createAlias').map((c) => c.version)).toEqual(['1', '2']);
    // 1 warm-up + 5 counted per size
    expect(lambda.callsOf('invoke').filter((c) => c.qualifier === 'pt-run1-128')).toHaveLength(6);
    expect(lambda.callsOf('invoke').filter((c) => c.qualifier === 'pt-run1-256')).toHaveLength(6);
    expect(result.power).toBeGreaterThan(0);
    expect(result.sizes.map((s) => [s.value, s.status, s.invocations])).toEqual([
      [128, 'ok', 5],
      [256, 'ok', 5],
    ]);
    expect(result.run.totalInvocations).toBe(12);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', power: result.power });
    expect(events.find((e) => e.type === 'cleanup-done')).toEqual({
      type: 'cleanup-done',
      deletedAliases: 2,
      deletedVersions: 1,
      restored: true,
    });
    expectPristine(lambda, { versions: ['1'] });
  });

  it('measures the first size while the next one is still being prepared (pipeline)', async () => {
    const lambda = createFakeLambdaPort();
    await run(lambda, makeInput({ powerValues: [128, 256, 512] }));
    const firstInvokeOf128 = lambda.calls.findIndex((c) => c.op === 'invoke' && c.qualifier === 'pt-run1-128');
    const aliasOf256 = lambda.calls.findIndex((c) => c.op === 'createAlias' && c.name === 'pt-run1-256');
    expect(firstInvokeOf128).toBeGreaterThan(-1);
    expect(firstInvokeOf128).toBeLessThan(aliasOf256);
  });

  it('never runs more invocations at once than concurrency allows, across sizes', async () => {
    let inFlight = 0;
    let peak = 0;
    const lambda = createFakeLambdaPort({
      onCall: (call) => {
        if (call.op !== 'invoke') return;
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setImmediate(() => {
          inFlight -= 1;
        });
      },
    });
    await run(lambda, makeInput({ powerValues: [128, 256, 512], parallelInvocation: true, num: 8, concurrency: 3 }));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  describe('when a step fails', () => {
    const failures: Array<[string, (call: FakeCall) => Error | undefined, string, boolean]> = [
      [
        'UpdateFunctionConfiguration fails',
        (c) =>
          c.op === 'updateConfiguration' && c.memoryMB === 256
            ? apiError('ServiceException', 'UpdateFunctionConfiguration', 'my-fn')
            : undefined,
        'ServiceException',
        true,
      ],
      [
        'PublishVersion fails',
        (c) =>
          c.op === 'publishVersion' && lambdaUnderTest.latest.memoryMB === 256
            ? apiError('ServiceException', 'PublishVersion', 'my-fn')
            : undefined,
        'ServiceException',
        true,
      ],
      [
        'CreateAlias fails',
        (c) =>
          c.op === 'createAlias' && c.name === 'pt-run1-256'
            ? apiError('AccessDeniedException', 'CreateAlias', 'my-fn')
            : undefined,
        'AccessDeniedException',
        true,
      ],
      [
        'an invocation throws',
        (c) =>
          c.op === 'invoke' && c.qualifier === 'pt-run1-256'
            ? apiError('TooManyRequestsException', 'Invoke', 'my-fn')
            : undefined,
        'TooManyRequestsException',
        false,
      ],
    ];
    let lambdaUnderTest: FakeLambda;

    it.each(failures)(
      'cleans up and restores $LATEST when %s, then rethrows',
      async (_label, failOn, code, preparationFailed) => {
        // Prepare
        lambdaUnderTest = createFakeLambdaPort({ versions: [{ version: '1', memoryMB: 128 }], failOn });
        const journal = createMemoryJournal();
        // Act
        const error = await run(lambdaUnderTest, makeInput({ powerValues: [128, 256, 512] }), { journal }).catch(
          (e: unknown) => e,
        );
        // Assess
        expect(error).toBeInstanceOf(LambdaApiError);
        expect((error as LambdaApiError).code).toBe(code);
        expectPristine(lambdaUnderTest, { versions: ['1'] });
        expect(journal.finished).toBe(true);
        // Nothing is prepared after a failed preparation (a measurement may overlap the next preparation).
        if (preparationFailed)
          expect(lambdaUnderTest.callsOf('updateConfiguration').map((c) => c.memoryMB)).not.toContain(512);
        expect(lambdaUnderTest.callsOf('invoke').filter((c) => c.qualifier === 'pt-run1-512')).toHaveLength(0);
      },
    );

    it('stops invoking, cleans up and throws RunInterruptedError (exit 130) when aborted mid-run', async () => {
      // Prepare
      const controller = new AbortController();
      let invokes = 0;
      const lambda = createFakeLambdaPort({
        onCall: (call) => {
          if (call.op === 'invoke' && (invokes += 1) === 3) controller.abort(new Error('SIGINT'));
        },
      });
      // Act
      const error = await run(lambda, makeInput({ powerValues: [128, 256, 512] }), { signal: controller.signal }).catch(
        (e: unknown) => e,
      );
      // Assess
      expect(error).toBeInstanceOf(RunInterruptedError);
      expect((error as RunInterruptedError).exitCode).toBe(130);
      expect((error as RunInterruptedError).cleanup?.complete).toBe(true);
      expect(lambda.callsOf('invoke').length).toBeLessThanOrEqual(4);
      expectPristine(lambda, { versions: [] });
    });
  });

  it('stops before a change it could not journal, and still cleans up and restores', async () => {
    // Prepare: the disk fills up when the second size is about to be prepared.
    const lambda = createFakeLambdaPort();
    let records = 0;
    const journal = {
      record: async (): Promise<void> => {
        records += 1;
        if (records >= 4) throw new Error('ENOSPC: no space left on device');
      },
      finish: async (): Promise<void> => undefined,
    };
    // Act
    const error = await run(lambda, makeInput(), { journal }).catch((e: unknown) => e);
    // Assess
    expect((error as Error).message).toMatch(/ENOSPC/);
    // 256 MB was never applied: its journal record failed first.
    expect(lambda.callsOf('updateConfiguration').map((c) => c.memoryMB)).toEqual([128]);
    expectPristine(lambda, { versions: [] });
  });

  describe('safety: what someone else created', () => {
    it('keeps a version that PublishVersion returned because it already existed, and the alias pointing to it', async () => {
      // Prepare: $LATEST at 256 MB, unchanged since version 3 was published → PublishVersion returns 3.
      const lambda = createFakeLambdaPort({
        memoryMB: 256,
        versions: [{ version: '3', memoryMB: 256 }],
        aliases: [{ name: 'live', version: '3' }],
      });
      // Act
      await run(lambda, makeInput({ powerValues: [256, 512] }));
      // Assess
      expect(lambda.callsOf('createAlias').find((c) => c.name === 'pt-run1-256')?.version).toBe('3');
      expect(lambda.callsOf('deleteVersion').map((c) => c.version)).toEqual(['4']);
      expect(lambda.aliases.get('live')).toEqual({ name: 'live', functionVersion: '3', additionalVersions: [] });
      expectPristine(lambda, { versions: ['3'], memoryMB: 256 });
    });

    it('leaves a version it published when an alias it did not create points to it, and warns', async () => {
      // Prepare: someone points "canary" at our 128 MB version during the run.
      const lambda = createFakeLambdaPort({
        onCall: (call, fake) => {
          if (call.op === 'createAlias' && call.name === 'pt-run1-128')
            fake.aliases.set('canary', { name: 'canary', functionVersion: call.version ?? '', additionalVersions: [] });
        },
      });
      // Act
      const { events } = await run(lambda, makeInput());
      // Assess
      expect(lambda.aliases.get('canary')?.functionVersion).toBe('1');
      expect(lambda.versions.has('1')).toBe(true);
      expect(lambda.versions.has('2')).toBe(false);
      expect(ownAliases(lambda)).toEqual([]);
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'warning',
          code: 'kept',
          message: expect.stringMatching(/version 1 .*alias canary/),
        }),
      );
    });

    it('does not overwrite $LATEST when someone else changed it during the run, and warns', async () => {
      const lambda = createFakeLambdaPort({
        onCall: (call, fake) => {
          if (call.op === 'invoke' && call.qualifier === 'pt-run1-256' && fake.latest.memoryMB === 256)
            fake.externalUpdate({ memoryMB: 999 });
        },
      });
      const { events } = await run(lambda, makeInput());
      expect(lambda.latest.memoryMB).toBe(999);
      const warning = events.find((e) => e.type === 'warning' && e.code === 'cleanup');
      expect(warning).toBeDefined();
      expect(JSON.stringify(warning)).toMatch(/changed by someone else.*999 MB.*--memory-size 128/);
      expect(events.find((e) => e.type === 'cleanup-done')).toMatchObject({ restored: false });
    });
  });

  describe('failing sizes', () => {
    it('reports a size that times out as failed, stops invoking it after the first error, and recommends among the others', async () => {
      // Prepare
      const lambda = createFakeLambdaPort({
        functionErrorOn: ({ power }) =>
          power === 128 ? { type: 'Sandbox.Timedout', message: 'Task timed out after 3.00 seconds' } : undefined,
      });
      // Act
      const { result, events } = await run(lambda, makeInput({ powerValues: [128, 256, 512] }));
      // Assess
      const failed = result.sizes.find((s) => s.value === 128);
      expect(failed?.status).toBe('failed');
      expect(failed?.failureReason).toContain('Sandbox.Timedout: Task timed out after 3.00 seconds');
      expect(result.power).not.toBe(128);
      expect(lambda.callsOf('invoke').filter((c) => c.qualifier === 'pt-run1-128')).toHaveLength(1);
      expect(events).toContainEqual({
        type: 'size-failed',
        power: 128,
        reason: 'Sandbox.Timedout: Task timed out after 3.00 seconds',
      });
      expectPristine(lambda, { versions: [] });
    });

    it('counts errors listed in allowedExceptions as successful samples', async () => {
      const lambda = createFakeLambdaPort({ functionErrorOn: () => ({ type: 'HandledError', message: 'expected' }) });
      const { result } = await run(lambda, makeInput({ allowedExceptions: ['HandledError'] }));
      expect(result.sizes.map((s) => s.status)).toEqual(['ok', 'ok']);
      expect(result.sizes[0]?.errors).toEqual({ HandledError: 5 });
    });

    it('throws AllSizesFailedError with every reason, after cleaning up, when every size fails', async () => {
      const lambda = createFakeLambdaPort({
        functionErrorOn: ({ power }) => ({ type: 'Runtime.OutOfMemory', message: `OOM at ${power}` }),
      });
      const error = await run(lambda, makeInput()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AllSizesFailedError);
      expect((error as AllSizesFailedError).exitCode).toBe(1);
      expect((error as AllSizesFailedError).reasons).toEqual([
        { power: 128, reason: 'Runtime.OutOfMemory: OOM at 128' },
        { power: 256, reason: 'Runtime.OutOfMemory: OOM at 256' },
      ]);
      expectPristine(lambda, { versions: [] });
    });

    it('reports a memory size Lambda refuses to configure as failed and goes on', async () => {
      const lambda = createFakeLambdaPort({
        failOn: (c) =>
          c.op === 'updateConfiguration' && c.memoryMB === 10240
            ? new LambdaApiError({
                operation: 'UpdateFunctionConfiguration',
                functionName: 'my-fn',
                code: 'InvalidParameterValueException',
                message: 'MemorySize above 3008',
              })
            : undefined,
      });
      const { result } = await run(lambda, makeInput({ powerValues: [128, 10240] }));
      expect(result.sizes.find((s) => s.value === 10240)).toMatchObject({ status: 'failed' });
      expect(result.power).toBe(128);
      expectPristine(lambda, { versions: [] });
    });
  });

  describe('cold starts', () => {
    it('keeps cold starts out of the warm statistics: averageDuration has no init time', async () => {
      const lambda = createFakeLambdaPort({ durationModel: () => 100, initDurationMs: 400 });
      const { result } = await run(lambda, makeInput({ powerValues: [512], warmup: 0, num: 5 }));
      // Serial without warm-up: only the first invocation is cold.
      expect(result.sizes[0]?.coldStarts.count).toBe(1);
      expect(result.sizes[0]?.averageDuration).toBe(100);
    });

    it('warms a parallel size with an uncounted burst of the same concurrency, so counted invocations are warm', async () => {
      const lambda = createFakeLambdaPort({ durationModel: () => 100, initDurationMs: 400 });
      const { result } = await run(lambda, makeInput({ powerValues: [512], parallelInvocation: true, num: 5 }));
      expect(lambda.callsOf('invoke')).toHaveLength(10);
      expect(result.sizes[0]?.coldStarts.count).toBe(0);
      expect(result.sizes[0]?.invocations).toBe(5);
      expect(result.sizes[0]?.averageDuration).toBe(100);
    });

    it('without warm-up in parallel mode every counted invocation is cold and reported as such', async () => {
      const lambda = createFakeLambdaPort({ durationModel: () => 100, initDurationMs: 400 });
      const { result } = await run(
        lambda,
        makeInput({ powerValues: [512], parallelInvocation: true, num: 5, warmup: 0 }),
      );
      expect(result.sizes[0]?.coldStarts.count).toBe(5);
      expect(result.sizes[0]?.coldStarts.initDuration?.mean).toBe(400);
    });

    it('with onlyColdStarts publishes num versions per size, invokes each alias once, and restores the description', async () => {
      // Prepare
      const lambda = createFakeLambdaPort({ durationModel: () => 100, initDurationMs: 400 });
      // Act
      const { result } = await run(lambda, makeInput({ onlyColdStarts: true, num: 5 }));
      // Assess
      expect(lambda.callsOf('publishVersion')).toHaveLength(10);
      expect(lambda.callsOf('createAlias').map((c) => c.name)).toEqual([
        ...[0, 1, 2, 3, 4].map((i) => `pt-run1-128-${i}`),
        ...[0, 1, 2, 3, 4].map((i) => `pt-run1-256-${i}`),
      ]);
      expect(lambda.callsOf('updateConfiguration')[0]?.description).toBe('original - pt-run1-128-0');
      const invoked = lambda.callsOf('invoke').map((c) => c.qualifier);
      expect(invoked).toHaveLength(10);
      expect(new Set(invoked).size).toBe(10);
      expect(result.sizes.every((s) => s.coldStarts.count === 5)).toBe(true);
      expect(result.sizes[0]?.averageDuration).toBe(500);
      expectPristine(lambda, { versions: [] });
    });
  });

  describe('options', () => {
    it('sleeps sleepBetweenRunsMs between serial invocations only', async () => {
      const serial = await run(createFakeLambdaPort(), makeInput({ powerValues: [128], sleepBetweenRunsMs: 250 }));
      const parallel = await run(
        createFakeLambdaPort(),
        makeInput({ powerValues: [128], sleepBetweenRunsMs: 250, parallelInvocation: true }),
      );
      expect(serial.sleeps).toEqual([250, 250, 250, 250]);
      expect(parallel.sleeps).toEqual([]);
    });

    it('invokes pre- and post-processors unqualified around each invocation and uses the pre output as the event', async () => {
      const seen: string[] = [];
      const lambda = createFakeLambdaPort({
        processors: {
          pre: (payload) => ({ payload: JSON.stringify({ wrapped: JSON.parse(payload) as unknown }) }),
          post: (payload) => {
            seen.push(payload);
            return { payload: 'null' };
          },
        },
      });
      const { result } = await run(
        lambda,
        makeInput({ powerValues: [128], payload: { a: 1 }, preProcessorARN: 'pre', postProcessorARN: 'post' }),
      );
      expect(
        lambda.callsOf('invoke').filter((c) => c.functionName === 'pre' && c.qualifier === undefined),
      ).toHaveLength(6);
      expect(
        lambda
          .callsOf('invoke')
          .filter((c) => c.qualifier === 'pt-run1-128')
          .map((c) => c.payload),
      ).toEqual(Array(6).fill('{"wrapped":{"a":1}}'));
      expect(seen).toHaveLength(6);
      expect(result.run.totalInvocations).toBe(6);
    });

    it('keeps the original payload when the pre-processor returns null', async () => {
      const lambda = createFakeLambdaPort({ processors: { pre: () => ({ payload: 'null' }) } });
      await run(lambda, makeInput({ powerValues: [128], payload: { a: 1 }, preProcessorARN: 'pre' }));
      expect(
        new Set(
          lambda
            .callsOf('invoke')
            .filter((c) => c.qualifier !== undefined)
            .map((c) => c.payload),
        ),
      ).toEqual(new Set(['{"a":1}']));
    });

    it('reports a failing pre-processor as the size error', async () => {
      const lambda = createFakeLambdaPort({
        processors: { pre: () => ({ error: { type: 'PreBroken', message: 'no db' } }) },
      });
      const error = await run(lambda, makeInput({ powerValues: [128], preProcessorARN: 'pre' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AllSizesFailedError);
      expect((error as Error).message).toMatch(/PreProcessor pre failed.*original error type: "PreBroken"/);
    });

    it('sends weighted payloads in the reference distribution', async () => {
      const lambda = createFakeLambdaPort();
      await run(
        lambda,
        makeInput({
          powerValues: [128],
          num: 10,
          warmup: 0,
          payload: [
            { payload: 'A', weight: 30 },
            { payload: 'B', weight: 70 },
          ],
        }),
      );
      const sent = lambda.callsOf('invoke').map((c) => c.payload);
      expect(sent).toEqual([...Array(3).fill('"A"'), ...Array(7).fill('"B"')]);
    });

    it('reads payloadS3 through the payload source', async () => {
      const lambda = createFakeLambdaPort();
      const fetched: string[] = [];
      await run(lambda, makeInput({ powerValues: [128], payloadS3: 's3://bucket/event.json' }), {
        payloadSource: {
          fetch: async (uri) => {
            fetched.push(uri);
            return { from: 's3' };
          },
        },
      });
      expect(fetched).toEqual(['s3://bucket/event.json']);
      expect(lambda.callsOf('invoke')[0]?.payload).toBe('{"from":"s3"}');
    });

    it('with autoOptimize leaves $LATEST at the recommended size', async () => {
      const lambda = createFakeLambdaPort({ durationModel: (p) => 50_000 / p });
      const { result } = await run(lambda, makeInput({ autoOptimize: true, strategy: 'speed' }));
      expect(result.power).toBe(256);
      expect(lambda.latest.memoryMB).toBe(256);
      expect(ownAliases(lambda)).toEqual([]);
    });

    it('with autoOptimizeAlias publishes the recommended size and points the alias at it, keeping that version', async () => {
      const lambda = createFakeLambdaPort({ durationModel: (p) => 50_000 / p, aliases: [], versions: [] });
      const { result } = await run(
        lambda,
        makeInput({ autoOptimize: true, autoOptimizeAlias: 'live', strategy: 'speed' }),
      );
      const live = lambda.aliases.get('live');
      expect(live).toBeDefined();
      expect(lambda.versions.get(live?.functionVersion ?? '')?.memoryMB).toBe(result.power);
      expect(ownAliases(lambda)).toEqual([]);
    });

    it('refuses a qualifier whose code differs from $LATEST before changing anything', async () => {
      const lambda = createFakeLambdaPort({
        versions: [{ version: '1', memoryMB: 128 }],
        aliases: [{ name: 'prod', version: '1' }],
      });
      lambda.versions.get('1')!.codeSha256 = 'old-code';
      const error = await run(lambda, makeInput({ lambdaARN: 'my-fn:prod' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QualifierCodeMismatchError);
      expect((error as QualifierCodeMismatchError).exitCode).toBe(2);
      expect(lambda.callsOf('updateConfiguration')).toHaveLength(0);
    });

    it('tunes a qualified alias whose code matches $LATEST and reports its memory as the original', async () => {
      const lambda = createFakeLambdaPort({
        memoryMB: 1024,
        versions: [{ version: '1', memoryMB: 512 }],
        aliases: [{ name: 'prod', version: '1' }],
      });
      const { result } = await run(
        lambda,
        makeInput({ lambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod' }),
      );
      expect(result.run.originalMemoryMB).toBe(512);
      expect(result.run.region).toBe('eu-west-1');
      expectPristine(lambda, { versions: ['1'], memoryMB: 1024 });
    });
  });
});
