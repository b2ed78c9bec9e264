import { describe, expect, it } from 'vitest';
import { applyOptimalPower } from '../../../src/lambda/index.js';
import type { ChangeRecord } from '../../../src/lambda/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

describe('Function: applyOptimalPower', () => {
  it('sets $LATEST memory and waits for the update, without publishing', async () => {
    const lambda = createFakeLambdaPort({ memoryMB: 128 });
    const result = await applyOptimalPower({ port: lambda, functionName: 'my-fn', power: 1024 });
    expect(result).toEqual({ memoryMB: 1024 });
    expect(lambda.calls.map((c) => c.op)).toEqual(['updateConfiguration', 'waitUntilUpdated']);
    expect(lambda.latest.memoryMB).toBe(1024);
  });

  it('publishes and creates the alias when it does not exist, recording the kept version', async () => {
    const records: ChangeRecord[] = [];
    const lambda = createFakeLambdaPort();
    const result = await applyOptimalPower({
      port: lambda,
      functionName: 'my-fn',
      power: 512,
      alias: 'live',
      recorder: { record: async (c) => void records.push(c) },
    });
    expect(lambda.calls.map((c) => c.op)).toEqual([
      'updateConfiguration',
      'waitUntilUpdated',
      'publishVersion',
      'getAlias',
      'createAlias',
    ]);
    expect(result).toEqual({ memoryMB: 512, alias: 'live', version: '1', aliasCreated: true });
    expect(records.map((r) => r.type)).toEqual(['apply-optimal', 'publish-version']);
    expect(records[1]).toMatchObject({ keep: true });
  });

  it('moves an existing alias to the new version', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '4', memoryMB: 128 }],
      aliases: [{ name: 'live', version: '4' }],
    });
    const result = await applyOptimalPower({ port: lambda, functionName: 'my-fn', power: 2048, alias: 'live' });
    expect(lambda.callsOf('updateAlias')).toHaveLength(1);
    expect(lambda.aliases.get('live')?.functionVersion).toBe('5');
    expect(result.aliasCreated).toBe(false);
  });
});
