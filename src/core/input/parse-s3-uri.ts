/**
 * The `payloadS3` option: `s3://bucket/key`.
 *
 * @module core/input/parse-s3-uri
 */
import { InputError } from '../errors.js';
import { describeValue } from './describe-value.js';

/** Bucket: 3–63 of lowercase letters, digits, dots, hyphens (plus legacy uppercase/underscore); key: anything non-empty. */
const S3_URI = /^s3:\/\/([A-Za-z0-9][A-Za-z0-9._-]{1,254})\/(.+)$/;

/**
 * Splits an `s3://bucket/key` URI.
 *
 * @throws {InputError} field `field` (default `payloadS3`) for anything else
 * @example
 * parseS3Uri('s3://my-bucket/payloads/big.json'); // { bucket: 'my-bucket', key: 'payloads/big.json' }
 */
const parseS3Uri = (
  value: unknown,
  { field = 'payloadS3' }: { field?: string } = {},
): { bucket: string; key: string } => {
  const match = typeof value === 'string' ? S3_URI.exec(value) : null;
  if (!match?.[1] || !match[2]) {
    throw new InputError({
      field,
      expected: 'expected an S3 URI such as s3://my-bucket/path/payload.json',
      got: describeValue(value),
    });
  }
  return { bucket: match[1], key: match[2] };
};

export { parseS3Uri };
