import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3PayloadSource, parseS3Path, PayloadS3Error } from '../../../src/lambda/index.js';

const s3Mock = mockClient(S3Client);
/** The part of the SDK's streaming body the source uses. */
const body = (text: string): never => ({ transformToString: async () => text }) as never;
const s3Error = (name: string, status: number): S3ServiceException =>
  new S3ServiceException({
    name,
    $fault: 'client',
    message: `${name} happened`,
    $metadata: { httpStatusCode: status },
  });

describe('Function: parseS3Path', () => {
  it('splits a valid URI', () => {
    expect(parseS3Path('s3://bucket/dir/key.json')).toEqual({ bucket: 'bucket', key: 'dir/key.json' });
  });

  // The reference's nine invalid URIs.
  it.each([
    '',
    '/',
    'bucket/key.json',
    '/bucket/key.json',
    '/key.json',
    'key.json',
    's3://bucket/',
    's3://key.json',
    's3://',
  ])('refuses %j with the reference message', (uri) => {
    expect(() => parseS3Path(uri)).toThrow(/^Invalid S3 path/);
  });
});

describe('Function: createS3PayloadSource', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('returns parsed JSON for a JSON object and the raw text otherwise', async () => {
    const source = createS3PayloadSource({ client: new S3Client({ region: 'eu-west-1' }) });
    s3Mock.on(GetObjectCommand, { Bucket: 'b', Key: 'a.json' }).resolves({ Body: body('{"a":[1,2]}') });
    s3Mock.on(GetObjectCommand, { Bucket: 'b', Key: 'raw.txt' }).resolves({ Body: body('just text') });
    await expect(source.fetch('s3://b/a.json')).resolves.toEqual({ a: [1, 2] });
    await expect(source.fetch('s3://b/raw.txt')).resolves.toBe('just text');
  });

  it.each([
    [
      s3Error('AccessDenied', 403),
      'permission-denied',
      /^Permission denied when trying to read s3:\/\/b\/k\. Grant s3:GetObject/,
    ],
    [
      s3Error('NoSuchKey', 404),
      'not-found',
      /^The object s3:\/\/b\/k does not exist\. Make sure you are trying to access an existing object in the correct bucket\./,
    ],
    [
      s3Error('InternalError', 500),
      'unknown',
      /^Unknown error when trying to read s3:\/\/b\/k\. InternalError happened/,
    ],
  ])('maps %s to the reference message (%s)', async (error, reason, message) => {
    const source = createS3PayloadSource({ client: new S3Client({ region: 'eu-west-1' }) });
    s3Mock.on(GetObjectCommand).rejects(error);
    const thrown = await source.fetch('s3://b/k').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(PayloadS3Error);
    expect(thrown).toMatchObject({ reason, uri: 's3://b/k' });
    expect((thrown as Error).message).toMatch(message);
  });
});
