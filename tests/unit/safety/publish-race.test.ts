import { describe, expect, it } from 'vitest';
import {
  ConcurrentModificationError,
  MAX_PUBLISH_RACE_RETRIES,
  preparePowerConfiguration,
} from '../../../src/lambda/index.js';
import type { ChangeRecord } from '../../../src/lambda/index.js';
import { apiError, createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

const precondition = (): Error =>
  apiError(
    'PreconditionFailedException',
    'PublishVersion',
    'my-fn',
    'The Revision Id provided does not match the latest Revision Id.',
  );

describe('Function: preparePowerConfiguration — someone else changes $LATEST before our PublishVersion', () => {
  it('records and re-applies the size after a jittered wait, and publishes only its own settings', async () => {
    // Prepare: the first PublishVersion loses a race against a deploy that set 3008 MB.
    let publishes = 0;
    const lambda = createFakeLambdaPort({
      memoryMB: 512,
      onCall: (call, fake) => {
        if (call.op === 'publishVersion' && (publishes += 1) === 1) fake.externalUpdate({ memoryMB: 3008 });
      },
      failOn: (call) => (call.op === 'publishVersion' && publishes === 1 ? precondition() : undefined),
    });
    const records: ChangeRecord[] = [];
    const waits: number[] = [];

    // Act
    const prepared = await preparePowerConfiguration({
      port: lambda,
      functionName: 'my-fn',
      power: 1024,
      aliasName: 'pt-r1-1024',
      before: { memoryMB: 512, description: 'original' },
      knownVersions: [],
      recorder: { record: async (change) => void records.push(change) },
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });

    // Assess
    expect(lambda.versions.get(prepared.version)?.memoryMB).toBe(1024);
    expect(
      records.filter((r) => r.type === 'update-config').map((r) => r.type === 'update-config' && r.before.memoryMB),
    ).toEqual([512, 3008]);
    expect(waits).toEqual([125]);
  });

  it('gives up with ConcurrentModificationError after the documented number of re-applies', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({
      memoryMB: 512,
      failOn: (call) => (call.op === 'publishVersion' ? precondition() : undefined),
    });

    // Act
    const attempt = preparePowerConfiguration({
      port: lambda,
      functionName: 'my-fn',
      power: 1024,
      aliasName: 'pt-r1-1024',
      before: { memoryMB: 512, description: 'original' },
      knownVersions: [],
      sleep: async () => undefined,
      random: () => 0,
    });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConcurrentModificationError);
    await expect(attempt).rejects.toThrow(
      `each of the ${MAX_PUBLISH_RACE_RETRIES + 1} times powertune set it to 1024 MB`,
    );
    expect(lambda.callsOf('publishVersion')).toHaveLength(MAX_PUBLISH_RACE_RETRIES + 1);
    expect(lambda.callsOf('createAlias')).toHaveLength(0);
  });
});
