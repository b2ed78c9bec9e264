/**
 * `payloadS3`: read the payload from an S3 object (for payloads too large
 * for the input), through the `PayloadSource` port. It sits with the other
 * AWS adapters so that only this folder imports an AWS SDK client.
 *
 * @module lambda/s3-payload-source
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PayloadS3Error } from './errors.js';
import type { PayloadSource } from './types.js';

const HTTP_FORBIDDEN = 403;
const HTTP_NOT_FOUND = 404;
const S3_PREFIX = 's3://';

/**
 * Splits `s3://bucket/key`; anything else is a `PayloadS3Error` with the
 * reference's "Invalid S3 path" message.
 *
 * @example
 * parseS3Path('s3://my-bucket/payloads/big.json'); // { bucket: 'my-bucket', key: 'payloads/big.json' }
 */
const parseS3Path = (uri: unknown): { bucket: string; key: string } => {
  if (typeof uri !== 'string' || !uri.startsWith(S3_PREFIX))
    throw new PayloadS3Error({ uri: String(uri), reason: 'invalid-path' });
  const rest = uri.slice(S3_PREFIX.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucket === '' || key === '') throw new PayloadS3Error({ uri, reason: 'invalid-path' });
  return { bucket, key };
};

/**
 * The object's body: parsed JSON when it is JSON, the raw text otherwise
 * (like the reference).
 *
 * @example
 * parseS3Body('{"a":1}'); // { a: 1 }
 */
const parseS3Body = (body: string): unknown => {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
};

interface S3PayloadSourceOptions {
  region?: string;
  profile?: string;
  /** Custom S3 endpoint (e.g. a local S3); also read from AWS_ENDPOINT_URL_S3 by the SDK. */
  endpoint?: string;
  /** An existing client (the test seam). */
  client?: S3Client;
}

/**
 * A `PayloadSource` over S3 `GetObject`.
 *
 * @example
 * const source = createS3PayloadSource({ region: 'eu-west-1' });
 * const payload = await source.fetch('s3://my-bucket/event.json');
 */
const createS3PayloadSource = ({ region, profile, endpoint, client }: S3PayloadSourceOptions = {}): PayloadSource => {
  const s3 =
    client ??
    new S3Client({
      ...(region !== undefined ? { region } : {}),
      ...(profile !== undefined ? { profile } : {}),
      ...(endpoint !== undefined ? { endpoint, forcePathStyle: true } : {}),
    });
  return {
    fetch: async (uri) => {
      const { bucket, key } = parseS3Path(uri);
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = out.Body === undefined ? '' : await out.Body.transformToString('utf8');
        return parseS3Body(text);
      } catch (error) {
        const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        const status = e.$metadata?.httpStatusCode;
        if (status === HTTP_FORBIDDEN || e.name === 'AccessDenied')
          throw new PayloadS3Error({ uri, reason: 'permission-denied', cause: error });
        if (status === HTTP_NOT_FOUND || e.name === 'NoSuchKey' || e.name === 'NoSuchBucket') {
          throw new PayloadS3Error({ uri, reason: 'not-found', cause: error });
        }
        throw new PayloadS3Error({ uri, reason: 'unknown', detail: e.message ?? String(error), cause: error });
      }
    },
  };
};

export { createS3PayloadSource, parseS3Body, parseS3Path };
export type { S3PayloadSourceOptions };
