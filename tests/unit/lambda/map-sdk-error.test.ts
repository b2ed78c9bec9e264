import { describe, expect, it } from 'vitest';
import { classifyError, LambdaApiError, mapSdkError } from '../../../src/lambda/index.js';
import { RetryFailure } from '../../../src/lambda/with-retry.js';

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name, ...extra });

describe('Function: mapSdkError', () => {
  it.each([
    {
      label: 'AccessDenied on UpdateFunctionConfiguration names the IAM action to grant',
      error: sdkError('AccessDeniedException', 'User is not authorized', { $metadata: { httpStatusCode: 403 } }),
      operation: 'UpdateFunctionConfiguration',
      code: 'AccessDeniedException',
      message: /Grant the IAM action lambda:UpdateFunctionConfiguration/,
    },
    {
      label: 'AccessDenied on Invoke names lambda:InvokeFunction',
      error: sdkError('AccessDeniedException', 'denied', { $metadata: { httpStatusCode: 403 } }),
      operation: 'Invoke',
      code: 'AccessDeniedException',
      message: /lambda:InvokeFunction/,
    },
    {
      label: 'ResourceNotFound says which function is missing in which region (exit 2: nothing was changed)',
      error: sdkError('ResourceNotFoundException', 'Function not found'),
      operation: 'GetFunctionConfiguration',
      code: 'ResourceNotFoundException',
      message: /function my-fn not found in region eu-west-1/,
      exitCode: 2,
    },
    {
      label: 'ResourceNotFound in the middle of a run keeps exit 1',
      error: sdkError('ResourceNotFoundException', 'Function not found'),
      operation: 'Invoke',
      code: 'ResourceNotFoundException',
      message: /function my-fn not found in region eu-west-1/,
    },
    {
      label: 'missing credentials explain how to configure them',
      error: sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      operation: 'GetFunctionConfiguration',
      code: 'CredentialsMissing',
      message: /--profile.*AWS_PROFILE.*AWS_ACCESS_KEY_ID/,
      exitCode: 2,
    },
    {
      label: 'a missing region says how to set one',
      error: sdkError('Error', 'Region is missing'),
      operation: 'GetFunctionConfiguration',
      code: 'RegionMissing',
      message: /Pass --region/,
      exitCode: 2,
    },
    {
      label: 'expired credentials say to refresh them',
      error: sdkError('ExpiredTokenException', 'The security token included in the request is expired'),
      operation: 'Invoke',
      code: 'ExpiredTokenException',
      message: /expired.*aws sso login/,
    },
    {
      label: 'an invalid memory size mentions the account limit',
      error: sdkError('InvalidParameterValueException', "'MemorySize' value failed to satisfy constraint"),
      operation: 'UpdateFunctionConfiguration',
      code: 'InvalidParameterValueException',
      message: /3008 MB/,
    },
    {
      label: 'an unknown error keeps its name and message',
      error: sdkError('KMSAccessDeniedException', 'kms says no'),
      operation: 'Invoke',
      code: 'KMSAccessDeniedException',
      message: /Invoke on my-fn failed with KMSAccessDeniedException: kms says no/,
    },
  ] as Array<{ label: string; error: Error; operation: string; code: string; message: RegExp; exitCode?: number }>)(
    '$label',
    ({ error, operation, code, message, exitCode = 1 }) => {
      // Act
      const mapped = mapSdkError({ error, operation, functionName: 'my-fn', region: 'eu-west-1' });
      // Assess
      expect(mapped).toBeInstanceOf(LambdaApiError);
      expect(mapped.code).toBe(code);
      expect(mapped.operation).toBe(operation);
      expect(mapped.functionName).toBe('my-fn');
      expect(mapped.message).toMatch(message);
      expect(mapped.cause).toBe(error);
      expect(mapped.exitCode).toBe(exitCode);
    },
  );

  it('asks whether the emulator runs when a custom endpoint refuses the connection', () => {
    const error = sdkError('Error', 'connect ECONNREFUSED 127.0.0.1:9001', { code: 'ECONNREFUSED' });
    const mapped = mapSdkError({ error, operation: 'Invoke', functionName: 'f', endpoint: 'http://127.0.0.1:9001' });
    expect(mapped.code).toBe('NetworkError');
    expect(mapped.message).toMatch(/could not connect to http:\/\/127\.0\.0\.1:9001.*emulator/);
  });

  it('reports the retries spent when a transient error outlives the budget', () => {
    const error = sdkError('ServiceException', 'internal', { $metadata: { httpStatusCode: 500 } });
    const mapped = mapSdkError({
      error: new RetryFailure({ error, retries: 5, throttles: 0, errorClass: 'transient' }),
      operation: 'PublishVersion',
      functionName: 'f',
    });
    expect(mapped.retries).toBe(5);
    expect(mapped.message).toMatch(/failed after 5 retries with ServiceException/);
  });
});

describe('Function: classifyError', () => {
  it.each([
    [sdkError('TooManyRequestsException', 'Rate exceeded'), 'throttle'],
    [sdkError('Error', 'x', { $metadata: { httpStatusCode: 429 } }), 'throttle'],
    [sdkError('ServiceException', 'x', { $metadata: { httpStatusCode: 500 } }), 'transient'],
    [sdkError('Error', 'bad gateway', { $metadata: { httpStatusCode: 502 } }), 'transient'],
    [sdkError('Error', 'socket hang up', { code: 'ECONNRESET' }), 'transient'],
    [sdkError('TimeoutError', 'timed out'), 'transient'],
    [sdkError('ResourceConflictException', 'update in progress', { $metadata: { httpStatusCode: 409 } }), 'fatal'],
    [sdkError('AccessDeniedException', 'no', { $metadata: { httpStatusCode: 403 } }), 'fatal'],
    [sdkError('AbortError', 'aborted'), 'fatal'],
    ['a string', 'fatal'],
  ])('classifies %o as %s', (error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });
});
