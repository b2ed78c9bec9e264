import { describe, expect, it } from 'vitest';
import { InputError, parseS3Uri } from '../../../../src/core/index.js';

describe('Function: parseS3Uri', () => {
  it.each([
    ['s3://my-bucket/key.json', { bucket: 'my-bucket', key: 'key.json' }],
    ['s3://my.bucket/deep/path/payload.json', { bucket: 'my.bucket', key: 'deep/path/payload.json' }],
  ])('splits %s', (uri, expected) => {
    expect(parseS3Uri(uri)).toEqual(expected);
  });

  // The reference's nine invalid URIs (test-utils.js fetchPayloadFromS3).
  it.each([
    [''],
    ['/'],
    ['bucket/key.json'],
    ['/bucket/key.json'],
    ['/key.json'],
    ['key.json'],
    ['s3://bucket/'],
    ['s3://key.json'],
    ['s3://'],
    [42],
  ])('refuses %j', (uri) => {
    expect(() => parseS3Uri(uri)).toThrow(InputError);
    expect(() => parseS3Uri(uri)).toThrow(
      /^payloadS3: expected an S3 URI such as s3:\/\/my-bucket\/path\/payload.json; got /,
    );
  });
});
