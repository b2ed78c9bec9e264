import { describe, expect, it } from 'vitest';
import { LambdaApiError, restoreFunction } from '../../../src/lambda/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

const original = { memoryMB: 512, description: 'api' };

describe('Function: restoreFunction', () => {
  it('restores memory and description when $LATEST still carries what the run set', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({ memoryMB: 3008, description: 'api - pt-x-3008-0' });
    // Act
    const result = await restoreFunction({
      port: lambda,
      functionName: 'my-fn',
      original,
      setByRun: [{ memoryMB: 3008, description: 'api - pt-x-3008-0' }],
    });
    // Assess
    expect(result).toEqual({ restored: true, changed: true });
    expect(lambda.latest).toMatchObject(original);
    expect(lambda.calls.map((c) => c.op)).toEqual(['getConfiguration', 'updateConfiguration', 'waitUntilUpdated']);
  });

  it('does nothing when $LATEST already has the original settings', async () => {
    const lambda = createFakeLambdaPort({ memoryMB: 512, description: 'api' });
    const result = await restoreFunction({
      port: lambda,
      functionName: 'my-fn',
      original,
      setByRun: [{ memoryMB: 1024, description: 'api' }],
    });
    expect(result).toEqual({ restored: true, changed: false });
    expect(lambda.callsOf('updateConfiguration')).toHaveLength(0);
  });

  it('leaves $LATEST alone and explains how to restore it when someone else changed it', async () => {
    const lambda = createFakeLambdaPort({ memoryMB: 2000, description: 'hotfix' });
    const result = await restoreFunction({
      port: lambda,
      functionName: 'my-fn',
      original,
      setByRun: [{ memoryMB: 1024, description: 'api' }],
    });
    expect(result.restored).toBe(false);
    expect(result.warning).toMatch(/changed by someone else.*2000 MB.*powertune had set 1024 MB.*--memory-size 512/);
    expect(lambda.latest.memoryMB).toBe(2000);
  });

  it('passes the RevisionId it read, and reports a concurrent change instead of overwriting it', async () => {
    const lambda = createFakeLambdaPort({
      memoryMB: 1024,
      description: 'api',
      // Someone deploys between our read and our update.
      onCall: (call, fake) => {
        if (call.op === 'updateConfiguration') fake.externalUpdate({ description: 'deployed meanwhile' });
      },
    });
    const result = await restoreFunction({
      port: lambda,
      functionName: 'my-fn',
      original,
      setByRun: [{ memoryMB: 1024, description: 'api' }],
    });
    expect(result.restored).toBe(false);
    expect(result.warning).toMatch(/changed while powertune was restoring it/);
    expect(lambda.latest.description).toBe('deployed meanwhile');
  });

  it('rethrows other errors', async () => {
    const lambda = createFakeLambdaPort({
      memoryMB: 1024,
      failOn: (c) =>
        c.op === 'updateConfiguration'
          ? new LambdaApiError({
              operation: 'UpdateFunctionConfiguration',
              functionName: 'my-fn',
              code: 'AccessDeniedException',
              message: 'denied',
            })
          : undefined,
    });
    await expect(
      restoreFunction({
        port: lambda,
        functionName: 'my-fn',
        original,
        setByRun: [{ memoryMB: 1024, description: 'original' }],
      }),
    ).rejects.toThrow('denied');
  });
});
