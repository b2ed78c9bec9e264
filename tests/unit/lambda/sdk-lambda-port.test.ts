import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSdkLambdaPort,
  DEFAULT_RETRY_POLICY,
  FunctionUpdateFailedError,
  LambdaApiError,
  preparePowerConfiguration,
} from '../../../src/lambda/index.js';

const lambdaMock = mockClient(LambdaClient);
const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';

const throttle = (): TooManyRequestsException =>
  new TooManyRequestsException({
    message: 'Rate exceeded',
    $metadata: { httpStatusCode: 429 },
    Type: 'User',
    Reason: 'CallerRateLimitExceeded',
  });
const conflict = (): ResourceConflictException =>
  new ResourceConflictException({
    message: `The operation cannot be performed at this time. An update is in progress for resource: ${FN}`,
    $metadata: { httpStatusCode: 409 },
  });
const notFound = (): ResourceNotFoundException =>
  new ResourceNotFoundException({ message: `Function not found: ${FN}`, $metadata: { httpStatusCode: 404 } });

/** Names of the commands sent, in order. */
const sentCommands = (): string[] => lambdaMock.calls().map((call) => (call.args[0] as object).constructor.name);

interface Harness {
  sleeps: number[];
  port: ReturnType<typeof createSdkLambdaPort>;
}

const makePort = ({ random = 0.5 }: { random?: number } = {}): Harness => {
  const sleeps: number[] = [];
  const port = createSdkLambdaPort({
    client: new LambdaClient({ region: 'eu-west-1' }),
    region: 'eu-west-1',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => random,
    env: {},
  });
  return { sleeps, port };
};

const latestConfig = {
  FunctionName: 'my-fn',
  FunctionArn: FN,
  Version: '$LATEST',
  MemorySize: 1024,
  Description: 'api',
  RevisionId: 'r2',
};

describe('Function: createSdkLambdaPort', () => {
  beforeEach(() => {
    lambdaMock.reset();
  });
  afterEach(() => {
    lambdaMock.reset();
  });

  describe('Method: preparePowerConfiguration over the SDK port', () => {
    it('sends UpdateFunctionConfiguration, then polls GetFunctionConfiguration until Successful, then PublishVersion, then CreateAlias', async () => {
      // Prepare
      const { port, sleeps } = makePort();
      lambdaMock.on(UpdateFunctionConfigurationCommand).resolves({ ...latestConfig, LastUpdateStatus: 'InProgress' });
      lambdaMock
        .on(GetFunctionConfigurationCommand)
        .resolvesOnce({ ...latestConfig, LastUpdateStatus: 'InProgress' })
        .resolves({ ...latestConfig, LastUpdateStatus: 'Successful', State: 'Active' });
      lambdaMock
        .on(PublishVersionCommand)
        .resolves({ ...latestConfig, Version: '7', FunctionArn: `${FN}:7`, State: 'Active' });
      lambdaMock.on(CreateAliasCommand).resolves({ Name: 'pt-abc-1024', FunctionVersion: '7' });
      // Act
      const prepared = await preparePowerConfiguration({
        port,
        functionName: FN,
        power: 1024,
        aliasName: 'pt-abc-1024',
        before: { memoryMB: 128, description: 'api' },
        knownVersions: ['1', '2'],
      });
      // Assess
      expect(sentCommands()).toEqual([
        'UpdateFunctionConfigurationCommand',
        'GetFunctionConfigurationCommand',
        'GetFunctionConfigurationCommand',
        'PublishVersionCommand',
        'CreateAliasCommand',
      ]);
      expect(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand)[0]?.args[0].input).toMatchObject({
        FunctionName: FN,
        MemorySize: 1024,
      });
      expect(lambdaMock.commandCalls(CreateAliasCommand)[0]?.args[0].input).toEqual({
        FunctionName: FN,
        Name: 'pt-abc-1024',
        FunctionVersion: '7',
      });
      expect(prepared).toMatchObject({ version: '7', versionPreExisted: false, aliasName: 'pt-abc-1024' });
      expect(sleeps).toHaveLength(1);
    });

    it('marks the version as pre-existing when PublishVersion returns a version that existed before the run', async () => {
      const { port } = makePort();
      lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(latestConfig);
      lambdaMock.on(GetFunctionConfigurationCommand).resolves({ ...latestConfig, LastUpdateStatus: 'Successful' });
      lambdaMock.on(PublishVersionCommand).resolves({ ...latestConfig, Version: '2' });
      lambdaMock.on(CreateAliasCommand).resolves({ Name: 'pt-abc-1024', FunctionVersion: '2' });
      const prepared = await preparePowerConfiguration({
        port,
        functionName: FN,
        power: 1024,
        aliasName: 'pt-abc-1024',
        before: { memoryMB: 1024, description: 'api' },
        knownVersions: ['1', '2'],
      });
      expect(prepared.versionPreExisted).toBe(true);
    });

    it('waits for the running update and tries again when UpdateFunctionConfiguration hits ResourceConflictException', async () => {
      // Prepare
      const { port } = makePort();
      lambdaMock.on(UpdateFunctionConfigurationCommand).rejectsOnce(conflict()).resolves(latestConfig);
      lambdaMock.on(GetFunctionConfigurationCommand).resolves({ ...latestConfig, LastUpdateStatus: 'Successful' });
      // Act
      const result = await port.updateConfiguration({ functionName: FN, memoryMB: 512 });
      // Assess
      expect(result.memoryMB).toBe(1024);
      expect(sentCommands()).toEqual([
        'UpdateFunctionConfigurationCommand',
        'GetFunctionConfigurationCommand',
        'UpdateFunctionConfigurationCommand',
      ]);
    });

    it('gives up with a LambdaApiError after the conflict budget is spent', async () => {
      const { port } = makePort();
      lambdaMock.on(PublishVersionCommand).rejects(conflict());
      lambdaMock.on(GetFunctionConfigurationCommand).resolves({ ...latestConfig, LastUpdateStatus: 'Successful' });
      const error = await port.publishVersion({ functionName: FN }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LambdaApiError);
      expect(error).toMatchObject({ code: 'ResourceConflictException', operation: 'PublishVersion' });
      expect(lambdaMock.commandCalls(PublishVersionCommand)).toHaveLength(6);
    });

    it('throws FunctionUpdateFailedError with the reason when the update ends Failed', async () => {
      const { port } = makePort();
      lambdaMock
        .on(GetFunctionConfigurationCommand)
        .resolves({ ...latestConfig, LastUpdateStatus: 'Failed', LastUpdateStatusReason: 'ENI limit reached' });
      const error = await port.waitUntilUpdated({ functionName: FN }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FunctionUpdateFailedError);
      expect((error as Error).message).toContain('ENI limit reached');
    });
  });

  describe('Method: invoke', () => {
    it('decodes the base64 LogResult and the payload, and asks for LogType Tail', async () => {
      // Prepare
      const { port } = makePort();
      const log = 'START RequestId: 1\nREPORT RequestId: 1\tDuration: 12.50 ms\tBilled Duration: 13 ms\t\n';
      lambdaMock.on(InvokeCommand).resolves({
        StatusCode: 200,
        LogResult: Buffer.from(log).toString('base64'),
        Payload: Buffer.from('{"ok":true}') as unknown as never,
        ExecutedVersion: '7',
      });
      // Act
      const outcome = await port.invoke({ functionName: FN, qualifier: 'pt-abc-128', payload: '{"a":1}' });
      // Assess
      expect(outcome).toEqual({
        statusCode: 200,
        payload: '{"ok":true}',
        log,
        executedVersion: '7',
        retries: 0,
        throttles: 0,
      });
      const input = lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input;
      expect(input).toMatchObject({ FunctionName: FN, Qualifier: 'pt-abc-128', LogType: 'Tail' });
      expect(Buffer.from(input?.Payload as Uint8Array).toString()).toBe('{"a":1}');
    });

    it('retries TooManyRequestsException with exponential backoff and full jitter, and counts the throttles', async () => {
      // Prepare
      const { port, sleeps } = makePort({ random: 0.5 });
      lambdaMock
        .on(InvokeCommand)
        .rejectsOnce(throttle())
        .rejectsOnce(throttle())
        .rejectsOnce(throttle())
        .resolves({ StatusCode: 200 });
      // Act
      const outcome = await port.invoke({ functionName: FN });
      // Assess
      expect(outcome).toMatchObject({ statusCode: 200, retries: 3, throttles: 3 });
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(4);
      // random 0.5 × min(5000, 100 × 2^(n-1)) = 50, 100, 200
      expect(sleeps).toEqual([50, 100, 200]);
    });

    it('counts a 5xx retry as a retry but not as a throttle', async () => {
      const { port } = makePort();
      lambdaMock
        .on(InvokeCommand)
        .rejectsOnce(new ServiceException({ message: 'boom', $metadata: { httpStatusCode: 500 } }))
        .resolves({ StatusCode: 200 });
      await expect(port.invoke({ functionName: FN })).resolves.toMatchObject({ retries: 1, throttles: 0 });
    });

    it('stops after the retry budget and reports how often it was throttled', async () => {
      const { port, sleeps } = makePort({ random: 1 });
      lambdaMock.on(InvokeCommand).rejects(throttle());
      const error = await port.invoke({ functionName: FN }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LambdaApiError);
      expect(error).toMatchObject({ code: 'TooManyRequestsException', retries: DEFAULT_RETRY_POLICY.maxAttempts - 1 });
      expect((error as Error).message).toMatch(/still throttled after 5 retries.*--concurrency/);
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
      expect(sleeps).toEqual([100, 200, 400, 800, 1600]);
    });

    it('makes AWS_MAX_ATTEMPTS attempts in all when the environment sets it', async () => {
      // Prepare
      const sleeps: number[] = [];
      const port = createSdkLambdaPort({
        client: new LambdaClient({ region: 'eu-west-1' }),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 1,
        env: { AWS_MAX_ATTEMPTS: '3' },
      });
      lambdaMock.on(InvokeCommand).rejects(throttle());
      // Act
      const error = await port.invoke({ functionName: FN }).catch((e: unknown) => e);
      // Assess
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(3);
      expect(error).toMatchObject({ retries: 2 });
      expect((error as Error).message).toMatch(/still throttled after 2 retries/);
      expect(sleeps).toEqual([100, 200]);
    });

    it('waits as long as the Retry-After header of a throttling response asks', async () => {
      const { port, sleeps } = makePort({ random: 0.5 });
      lambdaMock
        .on(InvokeCommand)
        .rejectsOnce(Object.assign(throttle(), { $response: { statusCode: 429, headers: { 'retry-after': '4' } } }))
        .resolves({ StatusCode: 200 });
      await expect(port.invoke({ functionName: FN })).resolves.toMatchObject({ retries: 1, throttles: 1 });
      expect(sleeps).toEqual([4_000]);
    });

    it('refuses an AWS_RETRY_MODE it does not know before sending anything', () => {
      expect(() =>
        createSdkLambdaPort({ client: new LambdaClient({ region: 'eu-west-1' }), env: { AWS_RETRY_MODE: 'fast' } }),
      ).toThrow(/^AWS_RETRY_MODE: one of standard, adaptive, legacy .*; got "fast"$/);
      expect(lambdaMock.calls()).toHaveLength(0);
    });

    it('caps the backoff window at maxDelayMs', async () => {
      const sleeps: number[] = [];
      const port = createSdkLambdaPort({
        client: new LambdaClient({ region: 'eu-west-1' }),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.999,
        retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 2_500 },
      });
      lambdaMock.on(InvokeCommand).rejects(throttle());
      await port.invoke({ functionName: FN }).catch(() => undefined);
      expect(sleeps).toEqual([999, 1998, 2497, 2497]);
    });

    it.each([
      ['a successful invocation', { StatusCode: 200, Payload: Buffer.from('"ok"') }],
      [
        'a function error (HTTP 200 + FunctionError)',
        { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from('{"errorType":"Error"}') },
      ],
    ])('never retries %s', async (_label, response) => {
      const { port, sleeps } = makePort();
      lambdaMock.on(InvokeCommand).resolves(response as never);
      const outcome = await port.invoke({ functionName: FN });
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(outcome.retries).toBe(0);
    });

    it('does not retry a fatal error such as ResourceNotFoundException', async () => {
      const { port } = makePort();
      lambdaMock.on(InvokeCommand).rejects(notFound());
      await expect(port.invoke({ functionName: FN, qualifier: 'pt-x-128' })).rejects.toThrow(
        /not found in region eu-west-1/,
      );
      expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
    });
  });

  describe('Method: getAlias, deleteAlias, deleteVersion', () => {
    it('returns undefined for a missing alias and false for deleting a missing alias or version', async () => {
      const { port } = makePort();
      lambdaMock.on(GetAliasCommand).rejects(notFound());
      lambdaMock.on(DeleteAliasCommand).rejects(notFound());
      lambdaMock.on(DeleteFunctionCommand).rejects(notFound());
      await expect(port.getAlias({ functionName: FN, name: 'pt-x-1' })).resolves.toBeUndefined();
      await expect(port.deleteAlias({ functionName: FN, name: 'pt-x-1' })).resolves.toBe(false);
      await expect(port.deleteVersion({ functionName: FN, version: '9' })).resolves.toBe(false);
    });

    it.each(['$LATEST', '', 'live', '7a'])(
      'refuses to delete "%s", which is not a version number, without calling Lambda',
      async (version) => {
        const { port } = makePort();
        await expect(port.deleteVersion({ functionName: FN, version })).rejects.toThrow(
          /only numbered versions are deleted/,
        );
        expect(lambdaMock.calls()).toHaveLength(0);
      },
    );

    it('deletes a version by sending DeleteFunction with the version as Qualifier', async () => {
      const { port } = makePort();
      lambdaMock.on(DeleteFunctionCommand).resolves({});
      await expect(port.deleteVersion({ functionName: FN, version: '12' })).resolves.toBe(true);
      expect(lambdaMock.commandCalls(DeleteFunctionCommand)[0]?.args[0].input).toEqual({
        FunctionName: FN,
        Qualifier: '12',
      });
    });
  });

  describe('Method: listVersions and listAliases', () => {
    it('follows NextMarker over every page and leaves $LATEST out', async () => {
      const { port } = makePort();
      lambdaMock
        .on(ListVersionsByFunctionCommand)
        .resolvesOnce({ Versions: [{ Version: '$LATEST' }, { Version: '1' }], NextMarker: 'm1' })
        .resolvesOnce({ Versions: [{ Version: '2' }] });
      lambdaMock.on(ListAliasesCommand).resolves({
        Aliases: [{ Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }],
      });
      const versions = await port.listVersions({ functionName: FN });
      const aliases = await port.listAliases({ functionName: FN });
      expect(versions.map((v) => v.version)).toEqual(['1', '2']);
      expect(lambdaMock.commandCalls(ListVersionsByFunctionCommand)[1]?.args[0].input).toMatchObject({ Marker: 'm1' });
      expect(aliases).toEqual([{ name: 'live', functionVersion: '1', additionalVersions: ['2'] }]);
    });
  });

  describe('Method: getConfiguration', () => {
    it('reads memory, description, architecture, state, log format, RevisionId and PackageType', async () => {
      const { port } = makePort();
      lambdaMock.on(GetFunctionConfigurationCommand).resolves({
        ...latestConfig,
        Architectures: ['arm64'],
        State: 'Active',
        LoggingConfig: { LogFormat: 'JSON' },
        PackageType: 'Image',
      });
      const config = await port.getConfiguration({ functionName: FN });
      expect(config).toMatchObject({
        memoryMB: 1024,
        description: 'api',
        architecture: 'arm64',
        state: 'Active',
        logFormat: 'JSON',
        revisionId: 'r2',
        packageType: 'Image',
        version: '$LATEST',
      });
      expect(lambdaMock.commandCalls(GetFunctionConfigurationCommand)[0]?.args[0].input).toEqual({
        FunctionName: FN,
        Qualifier: '$LATEST',
      });
    });

    it('defaults the architecture to x86_64 when Lambda omits it', async () => {
      const { port } = makePort();
      lambdaMock.on(GetFunctionConfigurationCommand).resolves(latestConfig);
      await expect(port.getConfiguration({ functionName: FN })).resolves.toMatchObject({ architecture: 'x86_64' });
    });
  });
});
