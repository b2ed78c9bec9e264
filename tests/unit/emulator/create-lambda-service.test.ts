import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createZip } from '../../../src/emulator/zip.js';
import { createHarness, ROLE, zipOf } from '../../helpers/lambda-service-harness.js';
import type { Harness } from '../../helpers/lambda-service-harness.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
const FN = '/2015-03-31/functions';

let harness: Harness;
afterEach(async () => {
  await harness?.service.close();
});

function errorOf(reply: { status: number; headers: Headers; body: Record<string, unknown> | undefined }): {
  status: number;
  type: string | null;
  message: unknown;
} {
  return {
    status: reply.status,
    type: reply.headers.get('x-amzn-errortype'),
    message: reply.body?.message ?? reply.body?.Message,
  };
}

describe('Function: createLambdaService — CreateFunction', () => {
  it('returns 201 with a Lambda FunctionConfiguration, defaults filled in, State Pending', async () => {
    // Prepare
    harness = createHarness();
    const zip = createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]);

    // Act
    const reply = await harness.call('POST', FN, {
      body: {
        FunctionName: 'demo',
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip.toString('base64') },
      },
    });

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      FunctionName: 'demo',
      FunctionArn: `${ARN}:demo`,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      CodeSize: zip.length,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      State: 'Pending',
      StateReasonCode: 'Creating',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/demo' },
      TracingConfig: { Mode: 'PassThrough' },
    });
    expect(reply.body?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(typeof reply.body?.RevisionId).toBe('string');
  });

  it('returns State Active and LastUpdateStatus Successful once the creation delay has passed', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('GET', `${FN}/demo/configuration`);
    expect(reply.body).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
  });

  it('returns 409 ResourceConflictException when the function exists', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.createFunction('demo');
    expect(errorOf(reply)).toEqual({
      status: 409,
      type: 'ResourceConflictException',
      message: 'Function already exist: demo',
    });
    expect(reply.body?.Type).toBe('User');
  });

  it.each([
    ['no Role', { Role: undefined }, 400, 'ValidationException', /'role'.*must not be null/],
    ['memory below 128 MB', { MemorySize: 100 }, 400, 'ValidationException', /greater than or equal to 128/],
    ['memory above 10240 MB', { MemorySize: 10_241 }, 400, 'ValidationException', /less than or equal to 10240/],
    ['timeout above 900 s', { Timeout: 901 }, 400, 'ValidationException', /less than or equal to 900/],
    ['an unknown runtime', { Runtime: 'cobol85' }, 400, 'ValidationException', /enum value set/],
    ['no Handler', { Handler: undefined }, 400, 'InvalidParameterValueException', /Runtime and Handler are mandatory/],
    [
      'a reserved environment variable',
      { Environment: { Variables: { AWS_REGION: 'x' } } },
      400,
      'InvalidParameterValueException',
      /reserved keys.*AWS_REGION/,
    ],
    [
      'an S3 code location',
      { Code: { S3Bucket: 'b', S3Key: 'k' } },
      400,
      'InvalidParameterValueException',
      /Code\.ZipFile/,
    ],
    [
      'a ZipFile that is not a zip',
      { Code: { ZipFile: Buffer.from('not a zip at all, sorry!').toString('base64') } },
      400,
      'InvalidParameterValueException',
      /Could not unzip/,
    ],
    [
      'log levels with Text format',
      { LoggingConfig: { LogFormat: 'Text', ApplicationLogLevel: 'DEBUG' } },
      400,
      'InvalidParameterValueException',
      /JSON log format/,
    ],
    ['an invalid name', { FunctionName: 'bad name!' }, 400, 'ValidationException', /functionName/],
  ])('returns an error when CreateFunction gets %s', async (_case, overrides, status, type, message) => {
    // Prepare
    harness = createHarness();

    // Act
    const reply = await harness.createFunction('demo', overrides);

    // Assess
    expect(reply.status).toBe(status);
    expect(reply.headers.get('x-amzn-errortype')).toBe(type);
    expect(String(reply.body?.message ?? reply.body?.Message)).toMatch(message);
    expect((await harness.call('GET', `${FN}/demo`)).status).toBe(404);
  });

  it('returns the settings given: memory, timeout, environment, JSON logging, arm64', async () => {
    harness = createHarness();
    const reply = await harness.createFunction('demo', {
      MemorySize: 1769,
      Timeout: 60,
      Description: 'hello',
      Environment: { Variables: { STAGE: 'test' } },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: '/custom/group' },
      Architectures: ['arm64'],
    });
    expect(reply.body).toMatchObject({
      MemorySize: 1769,
      Timeout: 60,
      Description: 'hello',
      Environment: { Variables: { STAGE: 'test' } },
      LoggingConfig: {
        LogFormat: 'JSON',
        LogGroup: '/custom/group',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      },
      Architectures: ['arm64'],
    });
  });

  it('publishes version 1 at creation when Publish is true', async () => {
    harness = createHarness();
    const created = await harness.createFunction('demo', { Publish: true });
    const versions = await harness.call('GET', `${FN}/demo/versions`);
    expect(created.body).toMatchObject({ Version: '1', FunctionArn: `${ARN}:demo:1` });
    expect((versions.body?.Versions as Array<{ Version: string }>).map((v) => v.Version)).toEqual(['$LATEST', '1']);
  });
});

describe('Function: createLambdaService — addressing a function', () => {
  it.each([
    ['a name', 'demo'],
    ['a full ARN', `${ARN}:demo`],
    ['a partial ARN', '123456789012:function:demo'],
    ['a full ARN with $LATEST', `${ARN}:demo:$LATEST`],
  ])('returns the function when addressed by %s', async (_case, functionName) => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('GET', `${FN}/${encodeURIComponent(functionName)}/configuration`);
    expect(reply.status).toBe(200);
    expect(reply.body?.FunctionName).toBe('demo');
  });

  it('returns 404 with the AWS error shape when the function does not exist', async () => {
    harness = createHarness();
    const reply = await harness.call('GET', `${FN}/missing`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(reply.body).toEqual({ Type: 'User', Message: `Function not found: ${ARN}:missing` });
    expect(reply.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('returns 404 when the ARN names another region', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call(
      'GET',
      `${FN}/${encodeURIComponent('arn:aws:lambda:eu-west-1:123456789012:function:demo')}`,
    );
    expect(errorOf(reply).type).toBe('ResourceNotFoundException');
  });

  it('returns 400 when the qualifier in the name differs from the Qualifier parameter', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    const reply = await harness.call('GET', `${FN}/demo:1/configuration?Qualifier=2`);
    expect(errorOf(reply)).toMatchObject({ status: 400, type: 'InvalidParameterValueException' });
  });

  it('returns the code zip from GetFunction Code.Location', async () => {
    harness = createHarness();
    const created = await harness.createFunction('demo');
    const reply = await harness.call('GET', `${FN}/demo`);
    const location = new URL((reply.body?.Code as { Location: string }).Location);
    const download = await harness.service.fetch(new Request(location));
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('base64')).toBe(created.body?.CodeSha256);
    expect((reply.body?.Code as { RepositoryType: string }).RepositoryType).toBe('S3');
  });

  it('returns 404 UnknownOperationException for a path the API does not have', async () => {
    harness = createHarness();
    const reply = await harness.call('GET', '/2099-01-01/nothing');
    expect(errorOf(reply)).toMatchObject({ status: 404, type: 'UnknownOperationException' });
  });
});

describe('Function: createLambdaService — UpdateFunctionConfiguration', () => {
  it('returns LastUpdateStatus InProgress, then Successful after the delay, with a new RevisionId', async () => {
    // Prepare
    harness = createHarness();
    const created = await harness.createFunction('demo');

    // Act
    const updated = await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 1024 } });
    const during = await harness.call('GET', `${FN}/demo/configuration`);
    harness.settle();
    const after = await harness.call('GET', `${FN}/demo/configuration`);

    // Assess
    expect(updated.body).toMatchObject({ MemorySize: 1024, LastUpdateStatus: 'InProgress' });
    expect(during.body?.LastUpdateStatus).toBe('InProgress');
    expect(after.body).toMatchObject({ MemorySize: 1024, LastUpdateStatus: 'Successful' });
    expect(new Set([created.body?.RevisionId, updated.body?.RevisionId, after.body?.RevisionId]).size).toBe(3);
  });

  it("returns 409 with Lambda's message when an update is already in progress", async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 256 } });
    const reply = await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 512 } });
    expect(errorOf(reply)).toEqual({
      status: 409,
      type: 'ResourceConflictException',
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${ARN}:demo`,
    });
  });

  it('returns 409 while the function is still Pending after creation', async () => {
    harness = createHarness();
    await harness.call('POST', FN, {
      body: {
        FunctionName: 'demo',
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipOf('x') },
      },
    });
    const reply = await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 256 } });
    expect(errorOf(reply)).toMatchObject({ status: 409, message: expect.stringContaining('Pending') });
  });

  it('returns 412 PreconditionFailedException when the RevisionId is stale', async () => {
    harness = createHarness();
    const created = await harness.createFunction('demo');
    const reply = await harness.call('PUT', `${FN}/demo/configuration`, {
      body: { MemorySize: 256, RevisionId: created.body?.RevisionId },
    });
    expect(errorOf(reply)).toMatchObject({ status: 412, type: 'PreconditionFailedException' });
  });

  it('applies the update when the RevisionId is current', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const current = await harness.call('GET', `${FN}/demo/configuration`);
    const reply = await harness.call('PUT', `${FN}/demo/configuration`, {
      body: { Description: 'v2', RevisionId: current.body?.RevisionId },
    });
    expect(reply.status).toBe(200);
    expect(reply.body?.Description).toBe('v2');
  });

  it('removes the environment when Environment.Variables is empty and keeps other settings', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Environment: { Variables: { STAGE: '1' } }, Timeout: 10 });
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { Environment: { Variables: {} } } });
    harness.settle();
    const reply = await harness.call('GET', `${FN}/demo/configuration`);
    expect(reply.body?.Environment).toBeUndefined();
    expect(reply.body?.Timeout).toBe(10);
  });

  it('asks the backend to discard $LATEST environments', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 256 } });
    expect(harness.backend.discarded).toContainEqual({ functionArn: `${ARN}:demo`, version: '$LATEST' });
  });
});

describe('Function: createLambdaService — UpdateFunctionCode', () => {
  it('returns the new CodeSha256 and InProgress, and invokes run the new code once done', async () => {
    harness = createHarness();
    const created = await harness.createFunction('demo');
    const zip = createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 2;') }]);
    const reply = await harness.call('PUT', `${FN}/demo/code`, { body: { ZipFile: zip.toString('base64') } });
    expect(reply.body).toMatchObject({
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      LastUpdateStatus: 'InProgress',
    });
    expect(reply.body?.CodeSha256).not.toBe(created.body?.CodeSha256);
    harness.settle();
    await harness.call('POST', `${FN}/demo/invocations`, { body: {} });
    expect(harness.backend.requests.at(-1)?.fn.codeSha256).toBe(reply.body?.CodeSha256);
  });

  it('publishes a version with the new code when Publish is true', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('PUT', `${FN}/demo/code`, { body: { ZipFile: zipOf('v2'), Publish: true } });
    expect(reply.body).toMatchObject({ Version: '1', FunctionArn: `${ARN}:demo:1` });
  });
});

describe('Function: createLambdaService — PublishVersion', () => {
  it('returns an immutable version: later updates of $LATEST do not change it', async () => {
    // Prepare
    harness = createHarness();
    await harness.createFunction('demo', { MemorySize: 256 });

    // Act
    const v1 = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 2048 } });
    harness.settle();
    const v2 = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    const v1Later = await harness.call('GET', `${FN}/demo/configuration?Qualifier=1`);

    // Assess
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      Version: '1',
      FunctionArn: `${ARN}:demo:1`,
      MemorySize: 256,
      State: 'Active',
      LastUpdateStatus: 'Successful',
    });
    expect(v2.body).toMatchObject({ Version: '2', MemorySize: 2048 });
    expect(v1Later.body).toMatchObject({ Version: '1', MemorySize: 256, FunctionArn: `${ARN}:demo:1` });
  });

  it('returns the latest version unchanged when nothing changed since it was published', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const first = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    const second = await harness.call('POST', `${FN}/demo/versions`, { body: { Description: 'another' } });
    const versions = await harness.call('GET', `${FN}/demo/versions`);
    expect(second.body?.Version).toBe(first.body?.Version);
    expect(second.body?.RevisionId).toBe(first.body?.RevisionId);
    expect((versions.body?.Versions as unknown[]).length).toBe(2);
  });

  it('returns a new version when only the $LATEST description changed', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { Description: 'RAM128-1' } });
    harness.settle();
    const reply = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    expect(reply.body).toMatchObject({ Version: '2', Description: 'RAM128-1' });
  });

  it('returns 409 while an update is in progress', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { MemorySize: 256 } });
    const reply = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    expect(errorOf(reply)).toMatchObject({ status: 409, type: 'ResourceConflictException' });
  });

  it.each([
    ['a stale RevisionId', { RevisionId: 'stale' }, 412, 'PreconditionFailedException'],
    ['another CodeSha256', { CodeSha256: 'AAAA' }, 400, 'InvalidParameterValueException'],
  ])('returns an error when given %s', async (_case, body, status, type) => {
    harness = createHarness();
    await harness.createFunction('demo');
    const reply = await harness.call('POST', `${FN}/demo/versions`, { body });
    expect(errorOf(reply)).toMatchObject({ status, type });
  });

  it('returns pages of versions with NextMarker', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    for (const description of ['a', 'b', 'c']) {
      await harness.call('PUT', `${FN}/demo/configuration`, { body: { Description: description } });
      harness.settle();
      await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    }
    const first = await harness.call('GET', `${FN}/demo/versions?MaxItems=3`);
    const second = await harness.call('GET', `${FN}/demo/versions?MaxItems=3&Marker=${String(first.body?.NextMarker)}`);
    const seen = [
      ...(first.body?.Versions as Array<{ Version: string }>),
      ...(second.body?.Versions as Array<{ Version: string }>),
    ].map((v) => v.Version);
    expect(seen).toEqual(['$LATEST', '1', '2', '3']);
    expect(second.body?.NextMarker).toBeUndefined();
  });
});

describe('Function: createLambdaService — aliases', () => {
  async function withVersions(count: number): Promise<void> {
    await harness.createFunction('demo');
    for (let index = 0; index < count; index += 1) {
      await harness.call('PUT', `${FN}/demo/configuration`, { body: { Description: `v${index + 1}` } });
      harness.settle();
      await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    }
  }

  it('creates, reads, repoints, lists and deletes an alias', async () => {
    // Prepare
    harness = createHarness();
    await withVersions(2);

    // Act
    const created = await harness.call('POST', `${FN}/demo/aliases`, {
      body: { Name: 'live', FunctionVersion: '1', Description: 'prod' },
    });
    const read = await harness.call('GET', `${FN}/demo/aliases/live`);
    const updated = await harness.call('PUT', `${FN}/demo/aliases/live`, {
      body: { FunctionVersion: '2', RevisionId: read.body?.RevisionId },
    });
    const listed = await harness.call('GET', `${FN}/demo/aliases`);
    const deleted = await harness.call('DELETE', `${FN}/demo/aliases/live`);
    const gone = await harness.call('GET', `${FN}/demo/aliases/live`);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      AliasArn: `${ARN}:demo:live`,
      Name: 'live',
      FunctionVersion: '1',
      Description: 'prod',
    });
    expect(read.body).toEqual(created.body);
    expect(updated.body).toMatchObject({ FunctionVersion: '2', Description: 'prod' });
    expect(updated.body?.RevisionId).not.toBe(read.body?.RevisionId);
    expect((listed.body?.Aliases as Array<{ Name: string }>).map((a) => a.Name)).toEqual(['live']);
    expect(deleted.status).toBe(204);
    expect(errorOf(gone)).toEqual({
      status: 404,
      type: 'ResourceNotFoundException',
      message: `Alias not found: ${ARN}:demo:live`,
    });
  });

  it.each([
    ['a version that does not exist', { Name: 'live', FunctionVersion: '9' }, 404, 'ResourceNotFoundException'],
    ['an all-digit name', { Name: '123', FunctionVersion: '1' }, 400, 'ValidationException'],
    ['a name with a dot', { Name: 'a.b', FunctionVersion: '1' }, 400, 'ValidationException'],
    [
      'routing to $LATEST',
      { Name: 'live', FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } },
      400,
      'InvalidParameterValueException',
    ],
  ])('returns an error when creating an alias to %s', async (_case, body, status, type) => {
    harness = createHarness();
    await withVersions(1);
    const reply = await harness.call('POST', `${FN}/demo/aliases`, { body });
    expect(errorOf(reply)).toMatchObject({ status, type });
  });

  it('returns 409 when the alias already exists', async () => {
    harness = createHarness();
    await withVersions(1);
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    expect(errorOf(reply)).toEqual({
      status: 409,
      type: 'ResourceConflictException',
      message: `Alias already exists: ${ARN}:demo:live`,
    });
  });

  it('returns 412 when UpdateAlias gets a stale RevisionId', async () => {
    harness = createHarness();
    await withVersions(1);
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('PUT', `${FN}/demo/aliases/live`, {
      body: { Description: 'x', RevisionId: 'stale' },
    });
    expect(errorOf(reply)).toMatchObject({ status: 412, type: 'PreconditionFailedException' });
  });

  it('returns a qualified configuration for an alias, with the version it points to', async () => {
    harness = createHarness();
    await withVersions(2);
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('GET', `${FN}/demo/configuration?Qualifier=live`);
    expect(reply.body).toMatchObject({
      Version: '1',
      Description: 'v1',
      FunctionArn: `${ARN}:demo:live`,
      State: 'Active',
    });
  });

  it('lists only the aliases of one version when FunctionVersion is given', async () => {
    harness = createHarness();
    await withVersions(2);
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'a', FunctionVersion: '1' } });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'b', FunctionVersion: '2' } });
    const reply = await harness.call('GET', `${FN}/demo/aliases?FunctionVersion=2`);
    expect((reply.body?.Aliases as Array<{ Name: string }>).map((a) => a.Name)).toEqual(['b']);
  });
});

describe('Function: createLambdaService — DeleteFunction', () => {
  it('returns 409 naming the aliases when a version is still referenced', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'beta', FunctionVersion: '1' } });
    const reply = await harness.call('DELETE', `${FN}/demo?Qualifier=1`);
    expect(errorOf(reply)).toEqual({
      status: 409,
      type: 'ResourceConflictException',
      message: 'Unable to delete version because the following aliases reference it: [live, beta]',
    });
  });

  it('deletes an unreferenced version and never reuses its number', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    const deleted = await harness.call('DELETE', `${FN}/demo?Qualifier=1`);
    await harness.call('PUT', `${FN}/demo/configuration`, { body: { Description: 'next' } });
    harness.settle();
    const next = await harness.call('POST', `${FN}/demo/versions`, { body: {} });
    expect(deleted.status).toBe(204);
    expect((await harness.call('GET', `${FN}/demo/configuration?Qualifier=1`)).status).toBe(404);
    expect(next.body?.Version).toBe('2');
    expect(harness.backend.discarded).toContainEqual({ functionArn: `${ARN}:demo`, version: '1' });
  });

  it.each([
    ['$LATEST', '%24LATEST', 400, 'InvalidParameterValueException'],
    ['an alias name', 'live', 400, 'InvalidParameterValueException'],
    ['a missing version', '7', 404, 'ResourceNotFoundException'],
  ])('returns an error when the Qualifier is %s', async (_case, qualifier, status, type) => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('DELETE', `${FN}/demo?Qualifier=${qualifier}`);
    expect(errorOf(reply)).toMatchObject({ status, type });
  });

  it('deletes the function with its versions and aliases', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('DELETE', `${FN}/demo`);
    expect(reply.status).toBe(204);
    expect((await harness.call('GET', `${FN}/demo`)).status).toBe(404);
    expect(harness.service.state().functions).toEqual([]);
    expect(harness.backend.discarded).toContainEqual({ functionArn: `${ARN}:demo` });
  });
});

describe('Function: createLambdaService — concurrency settings and account', () => {
  it('stores, returns and removes reserved concurrency', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    const put = await harness.call('PUT', '/2017-10-31/functions/demo/concurrency', {
      body: { ReservedConcurrentExecutions: 5 },
    });
    const get = await harness.call('GET', '/2019-09-30/functions/demo/concurrency');
    const fn = await harness.call('GET', `${FN}/demo`);
    const del = await harness.call('DELETE', '/2017-10-31/functions/demo/concurrency');
    const after = await harness.call('GET', '/2019-09-30/functions/demo/concurrency');
    expect(put.body).toEqual({ ReservedConcurrentExecutions: 5 });
    expect(get.body).toEqual({ ReservedConcurrentExecutions: 5 });
    expect(fn.body?.Concurrency).toEqual({ ReservedConcurrentExecutions: 5 });
    expect(del.status).toBe(204);
    expect(after.body).toEqual({});
  });

  it('returns 400 when a reservation would leave less than the unreserved minimum', async () => {
    harness = createHarness({ limits: { concurrentExecutions: 10, unreservedMinimum: 2 } });
    await harness.createFunction('demo');
    const reply = await harness.call('PUT', '/2017-10-31/functions/demo/concurrency', {
      body: { ReservedConcurrentExecutions: 9 },
    });
    expect(errorOf(reply)).toMatchObject({
      status: 400,
      type: 'InvalidParameterValueException',
      message: expect.stringContaining('minimum value of [2]'),
    });
  });

  it('returns account limits and usage from GetAccountSettings', async () => {
    harness = createHarness({ limits: { concurrentExecutions: 50, unreservedMinimum: 5 } });
    await harness.createFunction('a');
    await harness.createFunction('b');
    await harness.call('PUT', '/2017-10-31/functions/a/concurrency', { body: { ReservedConcurrentExecutions: 10 } });
    const reply = await harness.call('GET', '/2016-08-19/account-settings/');
    expect(reply.body).toMatchObject({
      AccountLimit: { ConcurrentExecutions: 50, UnreservedConcurrentExecutions: 40 },
      AccountUsage: { FunctionCount: 2 },
    });
  });
});

describe('Function: createLambdaService — state, tags and cleanup', () => {
  it('returns functions, versions and aliases from GET /_powertune/state', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Publish: true });
    await harness.call('POST', `${FN}/demo/aliases`, { body: { Name: 'live', FunctionVersion: '1' } });
    const reply = await harness.call('GET', '/_powertune/state');
    expect(reply.body).toEqual({
      functions: [
        {
          functionName: 'demo',
          functionArn: `${ARN}:demo`,
          versions: ['1'],
          aliases: [{ name: 'live', functionVersion: '1' }],
        },
      ],
      inFlightInvocations: 0,
    });
  });

  it('returns the tags given at creation from ListTags and GetFunction', async () => {
    harness = createHarness();
    await harness.createFunction('demo', { Tags: { team: 'perf' } });
    const tags = await harness.call('GET', `/2017-03-31/tags/${encodeURIComponent(`${ARN}:demo`)}`);
    const fn = await harness.call('GET', `${FN}/demo`);
    expect(tags.body).toEqual({ Tags: { team: 'perf' } });
    expect(fn.body?.Tags).toEqual({ team: 'perf' });
  });

  it('lists functions with ListFunctions', async () => {
    harness = createHarness();
    await harness.createFunction('b');
    await harness.createFunction('a');
    const reply = await harness.call('GET', FN);
    expect((reply.body?.Functions as Array<{ FunctionName: string }>).map((f) => f.FunctionName)).toEqual(['a', 'b']);
  });

  it('removes the unzipped code when closed', async () => {
    harness = createHarness();
    await harness.createFunction('demo');
    await harness.call('POST', `${FN}/demo/invocations`, { body: {} });
    const codeDir = harness.backend.requests[0]!.fn.codeDir;
    expect(existsSync(`${codeDir}/index.mjs`)).toBe(true);
    await harness.service.close();
    expect(existsSync(codeDir)).toBe(false);
  });
});
