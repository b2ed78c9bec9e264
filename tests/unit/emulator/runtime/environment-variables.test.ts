import { describe, expect, it } from 'vitest';

import { buildEnvironmentVariables, logStreamNameFor } from '../../../../src/emulator/runtime/environment-variables.js';
import type { FunctionSnapshot } from '../../../../src/emulator/runtime/types.js';

const fn: FunctionSnapshot = {
  functionName: 'orders',
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders',
  version: '4',
  runtime: 'nodejs22.x',
  handler: 'src/app.handler',
  codeDir: '/srv/orders',
  codeSha256: 'sha',
  memorySizeMB: 512,
  timeoutSeconds: 10,
  environment: { TABLE: 'orders', AWS_REGION: 'mars-1', TZ: 'Europe/Paris' },
  logFormat: 'JSON',
  architecture: 'arm64',
  region: 'eu-west-1',
  accountId: '123456789012',
  logGroup: '/aws/lambda/orders',
};

describe('Function: buildEnvironmentVariables', () => {
  const env = buildEnvironmentVariables({
    fn,
    runtimeApi: '127.0.0.1:4000',
    logStreamName: '2024/01/01/[4]abc',
    executionEnv: 'AWS_Lambda_nodejs22.x',
    runtimeDir: '/opt/runtime',
    hostEnv: { PATH: '/usr/bin', HOME: '/root', AWS_SECRET_ACCESS_KEY: 'secret', NODE_OPTIONS: '--inspect' },
  });

  it('defines the Lambda runtime variables from the snapshot', () => {
    expect(env).toMatchObject({
      _HANDLER: 'src/app.handler',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '4',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[4]abc',
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:4000',
      LAMBDA_TASK_ROOT: '/srv/orders',
      LAMBDA_RUNTIME_DIR: '/opt/runtime',
    });
  });

  it("adds the function's own variables but never lets them replace a reserved one", () => {
    expect(env.TABLE).toBe('orders');
    expect(env.TZ).toBe('Europe/Paris');
    expect(env.AWS_REGION).toBe('eu-west-1');
  });

  it('takes only PATH from the host: no credentials, no NODE_OPTIONS, no HOME', () => {
    expect(env.PATH).toBe('/usr/bin');
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('NODE_OPTIONS');
    expect(env).not.toHaveProperty('HOME');
  });
});

describe('Function: logStreamNameFor', () => {
  it('names a stream YYYY/MM/DD/[version]hex as Lambda does', () => {
    expect(
      logStreamNameFor({ version: '$LATEST', timeMs: Date.parse('2024-03-05T10:00:00Z'), hex: 'f'.repeat(32) }),
    ).toBe(`2024/03/05/[$LATEST]${'f'.repeat(32)}`);
  });
});
