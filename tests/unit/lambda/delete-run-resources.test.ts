import { describe, expect, it } from 'vitest';
import { deleteRunResources } from '../../../src/lambda/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

const PREFIX = 'pt-r1-';

describe('Function: deleteRunResources', () => {
  it('deletes the run aliases first, then the versions the run published', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({
      versions: [
        { version: '5', memoryMB: 128 },
        { version: '6', memoryMB: 256 },
      ],
      aliases: [
        { name: 'pt-r1-128', version: '5' },
        { name: 'pt-r1-256', version: '6' },
      ],
    });
    // Act
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: ['pt-r1-128', 'pt-r1-256'],
      versions: [
        { version: '5', preExisted: false },
        { version: '6', preExisted: false },
      ],
    });
    // Assess
    expect(result).toEqual({
      deletedAliases: ['pt-r1-128', 'pt-r1-256'],
      deletedVersions: ['5', '6'],
      skipped: [],
      failures: [],
    });
    expect(lambda.calls.map((c) => c.op)).toEqual([
      'deleteAlias',
      'deleteAlias',
      'listAliases',
      'deleteVersion',
      'deleteVersion',
    ]);
    expect(lambda.versions.size).toBe(0);
  });

  it('never deletes a version PublishVersion returned unchanged, even when listed twice', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '3', memoryMB: 128 }],
      aliases: [{ name: 'pt-r1-128', version: '3' }],
    });
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: ['pt-r1-128'],
      versions: [
        { version: '3', preExisted: false },
        { version: '3', preExisted: true },
      ],
    });
    expect(lambda.versions.has('3')).toBe(true);
    expect(result.deletedVersions).toEqual([]);
    expect(result.skipped).toEqual([
      { kind: 'version', name: '3', reason: expect.stringMatching(/existed before the run/) },
    ]);
  });

  it.each([
    ['as its main version', { name: 'live', version: '7' }],
    ['through weighted routing', { name: 'live', version: '1', additionalVersions: ['7'] }],
  ])('keeps a version that an alias the run did not create points to %s', async (_label, alias) => {
    const lambda = createFakeLambdaPort({
      versions: [
        { version: '1', memoryMB: 128 },
        { version: '7', memoryMB: 512 },
      ],
      aliases: [alias],
    });
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: [],
      versions: [{ version: '7', preExisted: false }],
    });
    expect(lambda.versions.has('7')).toBe(true);
    expect(result.skipped).toEqual([
      { kind: 'version', name: '7', reason: 'alias live, not created by this run, points to it' },
    ]);
  });

  it('refuses aliases outside the run prefix', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '1', memoryMB: 128 }],
      aliases: [{ name: 'prod', version: '1' }],
    });
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: ['prod'],
      versions: [],
    });
    expect(lambda.aliases.has('prod')).toBe(true);
    expect(lambda.callsOf('deleteAlias')).toHaveLength(0);
    expect(result.skipped[0]).toMatchObject({ kind: 'alias', name: 'prod' });
  });

  it('treats what is already gone as done and reports failures without throwing', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '2', memoryMB: 128 }],
      failOn: (c) => (c.op === 'deleteVersion' ? new Error('throttled') : undefined),
    });
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: ['pt-r1-999'],
      versions: [{ version: '2', preExisted: false }],
    });
    expect(result.deletedAliases).toEqual([]);
    expect(result.failures).toEqual([{ kind: 'version', name: '2', error: new Error('throttled') }]);
  });

  it('keeps every version when the alias list cannot be read (it cannot prove they are unused)', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '2', memoryMB: 128 }],
      failOn: (c) => (c.op === 'listAliases' ? new Error('denied') : undefined),
    });
    const result = await deleteRunResources({
      port: lambda,
      functionName: 'my-fn',
      aliasPrefix: PREFIX,
      aliases: [],
      versions: [{ version: '2', preExisted: false }],
    });
    expect(lambda.versions.has('2')).toBe(true);
    expect(result.failures.map((f) => f.name)).toEqual(['2']);
  });
});
