import { describe, expect, it } from 'vitest';
import { runVersionDescription } from '../../../src/core/index.js';
import { cleanupLeftoverRun, findLeftoverRuns } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

/** A function after two killed runs: `$LATEST` still has run "b"'s 512 MB; the user has release 1 behind "live". */
const afterTwoKilledRuns = () =>
  createFakeLambdaPort({
    memoryMB: 512,
    description: 'api',
    versions: [
      { version: '1', memoryMB: 1024, description: 'release 1' },
      { version: '2', memoryMB: 128, description: runVersionDescription('pt-a-128', 1024) },
      { version: '3', memoryMB: 256, description: runVersionDescription('pt-b-256', 1024) },
      { version: '4', memoryMB: 512, description: runVersionDescription('pt-b-512', 1024) },
    ],
    aliases: [
      { name: 'live', version: '1' },
      { name: 'pt-a-128', version: '2' },
      { name: 'pt-b-256', version: '3' },
      { name: 'pt-b-512', version: '4' },
      { name: 'pt-release', version: '1' },
    ],
  });

describe('Function: findLeftoverRuns', () => {
  it('groups the aliases and versions powertune runs left by run, with the original each recorded, and nothing of the user', async () => {
    const lambda = afterTwoKilledRuns();

    const runs = await findLeftoverRuns({ lambda, functionName: lambda.arn });

    expect(
      runs.map((run) => ({
        runId: run.runId,
        aliases: run.aliases,
        versions: run.versions.map((v) => v.version),
        original: run.originalMemoryMB,
      })),
    ).toEqual([
      { runId: 'a', aliases: ['pt-a-128'], versions: ['2'], original: 1024 },
      { runId: 'b', aliases: ['pt-b-256', 'pt-b-512'], versions: ['3', '4'], original: 1024 },
    ]);
    expect(lambda.calls.filter((call) => !['listAliases', 'listVersions'].includes(call.op))).toEqual([]);
  });
});

describe('Function: cleanupLeftoverRun', () => {
  it("deletes the run's aliases and versions and restores the original it recorded while $LATEST carries one of its sizes", async () => {
    const lambda = afterTwoKilledRuns();
    const run = (await findLeftoverRuns({ lambda, functionName: lambda.arn })).find((r) => r.runId === 'b');
    if (run === undefined) throw new Error('run b not found');

    const report = await cleanupLeftoverRun({ lambda, functionName: lambda.arn, run });

    expect(report).toMatchObject({
      deletedAliases: ['pt-b-256', 'pt-b-512'],
      deletedVersions: ['3', '4'],
      restored: true,
      complete: true,
    });
    expect(lambda.latest).toMatchObject({ memoryMB: 1024, description: 'api' });
    expect([...lambda.aliases.keys()].sort()).toEqual(['live', 'pt-a-128', 'pt-release']);
    expect([...lambda.versions.keys()]).toEqual(['1', '2']);
  });

  it("leaves $LATEST alone, with a warning, when it carries none of the run's sizes", async () => {
    const lambda = afterTwoKilledRuns();
    const run = (await findLeftoverRuns({ lambda, functionName: lambda.arn })).find((r) => r.runId === 'a');
    if (run === undefined) throw new Error('run a not found');

    const report = await cleanupLeftoverRun({ lambda, functionName: lambda.arn, run });

    expect(report).toMatchObject({
      deletedAliases: ['pt-a-128'],
      deletedVersions: ['2'],
      restored: false,
      complete: true,
    });
    expect(report.warnings).toEqual([
      `$LATEST of ${lambda.arn} has 512 MB, none of the sizes this run published, so it was left as it is; the run recorded 1024 MB as the original.`,
    ]);
    expect(lambda.latest.memoryMB).toBe(512);
  });

  it('keeps a run version that a user alias points to', async () => {
    const lambda = createFakeLambdaPort({
      memoryMB: 1024,
      versions: [{ version: '5', memoryMB: 256, description: runVersionDescription('pt-c-256', 1024) }],
      aliases: [
        { name: 'pt-c-256', version: '5' },
        { name: 'canary', version: '5' },
      ],
    });
    const [run] = await findLeftoverRuns({ lambda, functionName: lambda.arn });
    if (run === undefined) throw new Error('run c not found');

    const report = await cleanupLeftoverRun({ lambda, functionName: lambda.arn, run });

    expect(report.deletedAliases).toEqual(['pt-c-256']);
    expect(report.deletedVersions).toEqual([]);
    expect(report.skipped).toEqual([expect.objectContaining({ kind: 'version', name: '5' })]);
    expect([...lambda.aliases.keys()]).toEqual(['canary']);
  });
});
