/**
 * Drives every route of the emulator over real HTTP with the real AWS SDK v3
 * Lambda client (fake execution backend: no handler processes).
 */
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { createZip } from '../../../src/emulator/zip.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';

const ROLE = 'arn:aws:iam::123456789012:role/powertune-test';
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
const WAIT = { maxWaitTime: 15, minDelay: 1, maxDelay: 1 };

let emulator: RunningEmulator;
let lambda: LambdaClient;
let backend: FakeExecutionBackend;

function zip(source: string): Uint8Array {
  return createZip([{ path: 'index.mjs', data: Buffer.from(source) }]);
}

beforeAll(async () => {
  backend = new FakeExecutionBackend({
    respond: (request) => {
      const event = JSON.parse(request.payload.toString()) as { fail?: boolean; print?: string };
      if (event.fail)
        return {
          payload: JSON.stringify({ errorType: 'Error', errorMessage: 'requested failure', stackTrace: [] }),
          functionError: 'Unhandled',
        };
      return {
        payload: JSON.stringify({ ok: true, memory: request.fn.memorySizeMB, version: request.fn.version }),
        output: event.print ?? '',
      };
    },
  });
  emulator = await startEmulator({
    backend,
    updateDelayMs: 300,
    logger: { info: () => undefined, warn: () => undefined },
  });
  lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await emulator?.stop();
});

describe('Function: startEmulator — AWS SDK v3 compatibility', () => {
  it('serves the whole create → update → publish → alias → invoke → delete cycle', async () => {
    // CreateFunction + waitUntilFunctionActiveV2
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'cycle',
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip('v1') },
        MemorySize: 256,
        Tags: { team: 'perf' },
      }),
    );
    expect(created).toMatchObject({
      FunctionName: 'cycle',
      FunctionArn: `${ARN}:cycle`,
      State: 'Pending',
      MemorySize: 256,
      Version: '$LATEST',
    });
    expect(created.$metadata.httpStatusCode).toBe(201);
    const active = await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'cycle' });
    expect(active.state).toBe('SUCCESS');

    // UpdateFunctionConfiguration + waitUntilFunctionUpdatedV2
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: `${ARN}:cycle`,
        MemorySize: 1024,
        Description: 'RAM1024',
      }),
    );
    expect(updated.LastUpdateStatus).toBe('InProgress');
    await expect(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'cycle', MemorySize: 512 })),
    ).rejects.toBeInstanceOf(ResourceConflictException);
    const done = await waitUntilFunctionUpdatedV2({ client: lambda, ...WAIT }, { FunctionName: 'cycle' });
    expect(done.state).toBe('SUCCESS');

    // PublishVersion (twice: the second returns the same version)
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'cycle' }));
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'cycle' }));
    expect(v1).toMatchObject({ Version: '1', MemorySize: 1024, FunctionArn: `${ARN}:cycle:1` });
    expect(again.Version).toBe('1');

    // UpdateFunctionCode, publish version 2
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'cycle', ZipFile: zip('v2') }));
    expect(code.CodeSha256).not.toBe(v1.CodeSha256);
    await waitUntilFunctionUpdatedV2({ client: lambda, ...WAIT }, { FunctionName: 'cycle' });
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'cycle', Description: 'second' }));
    expect(v2).toMatchObject({ Version: '2', Description: 'second' });

    // ListVersionsByFunction
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'cycle' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);

    // Aliases
    const alias = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'cycle', Name: 'live', FunctionVersion: '1' }),
    );
    expect(alias).toMatchObject({ AliasArn: `${ARN}:cycle:live`, FunctionVersion: '1' });
    const read = await lambda.send(new GetAliasCommand({ FunctionName: 'cycle', Name: 'live' }));
    await expect(
      lambda.send(
        new UpdateAliasCommand({ FunctionName: 'cycle', Name: 'live', FunctionVersion: '2', RevisionId: 'stale' }),
      ),
    ).rejects.toBeInstanceOf(PreconditionFailedException);
    const moved = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'cycle',
        Name: 'live',
        FunctionVersion: '2',
        RevisionId: read.RevisionId,
      }),
    );
    expect(moved.FunctionVersion).toBe('2');
    const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: 'cycle' }));
    expect(aliases.Aliases?.map((a) => a.Name)).toEqual(['live']);
    const qualified = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'cycle', Qualifier: 'live' }),
    );
    expect(qualified).toMatchObject({ Version: '2', State: 'Active' });
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'cycle', Qualifier: 'live' });

    // Invoke through the alias, with LogType Tail
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: 'cycle',
        Qualifier: 'live',
        Payload: JSON.stringify({ print: 'hello from the handler' }),
        LogType: 'Tail',
      }),
    );
    expect(invoked.StatusCode).toBe(200);
    expect(invoked.ExecutedVersion).toBe('2');
    expect(JSON.parse(Buffer.from(invoked.Payload ?? []).toString())).toEqual({ ok: true, memory: 1024, version: '2' });
    const log = Buffer.from(invoked.LogResult ?? '', 'base64').toString();
    expect(log).toContain('hello from the handler');
    expect(log).toMatch(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 1024 MB\tMax Memory Used: \d+ MB/,
    );

    // GetFunction, tags
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'cycle' }));
    expect(fn.Configuration?.Version).toBe('$LATEST');
    expect(fn.Tags).toEqual({ team: 'perf' });
    expect(fn.Code?.Location).toMatch(new RegExp(`^${emulator.endpoint}/_powertune/code/[0-9a-f]{64}\\.zip$`));
    expect((await lambda.send(new ListTagsCommand({ Resource: `${ARN}:cycle` }))).Tags).toEqual({ team: 'perf' });

    // Version deletion guarded by the alias, then the cleanup
    const blocked = await lambda
      .send(new DeleteFunctionCommand({ FunctionName: 'cycle', Qualifier: '2' }))
      .catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(ResourceConflictException);
    expect((blocked as Error).message).toBe(
      'Unable to delete version because the following aliases reference it: [live]',
    );
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'cycle', Name: 'live' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'cycle', Qualifier: '2' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'cycle', Qualifier: '1' }));
    const state = emulator.service.state().functions.find((f) => f.functionName === 'cycle');
    expect(state).toMatchObject({ versions: [], aliases: [] });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'cycle' }));
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'cycle' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('returns Event (202), DryRun (204) and function errors as the SDK expects', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'modes',
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip('m') },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'modes' });
    const event = await lambda.send(
      new InvokeCommand({ FunctionName: 'modes', InvocationType: 'Event', Payload: '{}' }),
    );
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'modes', InvocationType: 'DryRun' }));
    const failed = await lambda.send(
      new InvokeCommand({ FunctionName: 'modes', Payload: JSON.stringify({ fail: true }) }),
    );
    expect(event.StatusCode).toBe(202);
    expect(dryRun.StatusCode).toBe(204);
    expect(failed.StatusCode).toBe(200);
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString())).toMatchObject({
      errorMessage: 'requested failure',
    });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'modes' }));
  });

  it('serves concurrency, account settings and ListFunctions, and throttles with TooManyRequestsException', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'conc',
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip('c') },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'conc' });
    const put = await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'conc', ReservedConcurrentExecutions: 0 }),
    );
    expect(put.ReservedConcurrentExecutions).toBe(0);
    expect(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'conc' }))).ReservedConcurrentExecutions,
    ).toBe(0);
    const throttled = await lambda
      .send(new InvokeCommand({ FunctionName: 'conc', Payload: '{}' }))
      .catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(TooManyRequestsException);
    expect((throttled as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect((throttled as TooManyRequestsException).retryAfterSeconds).toBe('1');
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'conc' }));
    expect(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'conc' }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
    const account = await lambda.send(new GetAccountSettingsCommand({}));
    expect(account.AccountLimit?.ConcurrentExecutions).toBe(1000);
    const list = await lambda.send(new ListFunctionsCommand({}));
    expect(list.Functions?.map((f) => f.FunctionName)).toContain('conc');
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'conc' }));
  });

  it.each([
    [
      'ResourceNotFoundException',
      () => new GetFunctionConfigurationCommand({ FunctionName: 'ghost' }),
      ResourceNotFoundException,
      /Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost/,
    ],
    [
      'InvalidParameterValueException',
      () => new DeleteFunctionCommand({ FunctionName: 'errs', Qualifier: '$LATEST' }),
      InvalidParameterValueException,
      /\$LATEST/,
    ],
    [
      'RequestTooLargeException',
      () => new InvokeCommand({ FunctionName: 'errs', Payload: Buffer.alloc(6_291_457, 0x20) }),
      RequestTooLargeException,
      /6291456/,
    ],
    [
      'ResourceConflictException',
      () =>
        new CreateFunctionCommand({
          FunctionName: 'errs',
          Role: ROLE,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Code: { ZipFile: zip('e') },
        }),
      ResourceConflictException,
      /already exist/,
    ],
  ])('surfaces %s as the SDK exception class with its message', async (_name, command, errorClass, message) => {
    if (!emulator.service.state().functions.some((f) => f.functionName === 'errs')) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'errs',
          Role: ROLE,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Code: { ZipFile: zip('e') },
        }),
      );
      await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'errs' });
    }
    const error = await lambda.send(command() as InvokeCommand).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toMatch(message);
  });

  it('surfaces injected server errors as ServiceException', async () => {
    emulator.service.setFaults({ controlPlaneErrorRate: 0, serverErrorRate: 1 });
    try {
      const error = await lambda
        .send(new InvokeCommand({ FunctionName: 'errs', Payload: '{}' }))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceException);
      expect((error as ServiceException).$metadata.httpStatusCode).toBe(500);
    } finally {
      emulator.service.setFaults({ serverErrorRate: 0 });
    }
  });
});
