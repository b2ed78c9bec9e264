import { describe, expect, it } from 'vitest';

import { runVersionDescription } from '../../../src/core/index.js';
import type { FunctionConfiguration } from '../../../src/lambda/index.js';
import { recordedOriginal } from '../../../src/tuner/plan-run.js';

const version = (v: string, memoryMB: number, description: string): FunctionConfiguration => ({
  functionName: 'api',
  functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:api:${v}`,
  version: v,
  memoryMB,
  description,
  architecture: 'x86_64',
});

describe('Function: recordedOriginal', () => {
  const crashed = [
    version('3', 256, runVersionDescription('pt-crashed-256', 1024)),
    version('4', 512, runVersionDescription('pt-crashed-512', 1024)),
  ];

  it('takes the original from the run whose size $LATEST still carries', () => {
    expect(
      recordedOriginal({
        latest: { memoryMB: 512, description: 'api' },
        versions: [version('1', 1024, 'release'), ...crashed],
        ownPrefix: 'pt-new-',
      }),
    ).toEqual({
      kind: 'inherited',
      memoryMB: 1024,
      description: 'api',
      aliasPrefix: 'pt-crashed-',
    });
  });

  it("keeps $LATEST as the original when it is already that run's original (it restored before it stopped)", () => {
    expect(
      recordedOriginal({ latest: { memoryMB: 1024, description: 'api' }, versions: crashed, ownPrefix: 'pt-new-' }),
    ).toBeUndefined();
  });

  it("does not guess when $LATEST is none of the sizes that run published (a size it had not published yet, or a change since): it reports that run's original", () => {
    expect(
      recordedOriginal({ latest: { memoryMB: 2048, description: 'api' }, versions: crashed, ownPrefix: 'pt-new-' }),
    ).toEqual({ kind: 'suspect', memoryMB: 1024, aliasPrefix: 'pt-crashed-' });
  });

  it("ignores the run's own versions, versions of older powertune releases and the user's versions", () => {
    const versions = [
      version('1', 512, 'release 1'),
      version('2', 512, 'powertune run pt-old-512'),
      version('5', 512, runVersionDescription('pt-new-512', 128)),
    ];

    expect(
      recordedOriginal({ latest: { memoryMB: 512, description: 'api' }, versions, ownPrefix: 'pt-new-' }),
    ).toBeUndefined();
  });

  it('believes the newest run when several left $LATEST at the same size', () => {
    const versions = [
      version('3', 512, runVersionDescription('pt-first-512', 1024)),
      version('9', 512, runVersionDescription('pt-second-512', 2048)),
    ];

    expect(
      recordedOriginal({ latest: { memoryMB: 512, description: 'api' }, versions, ownPrefix: 'pt-new-' }),
    ).toMatchObject({ kind: 'inherited', memoryMB: 2048 });
  });

  it('removes the cold-start tag that run put on the description, and only that', () => {
    const versions = [version('7', 256, runVersionDescription('pt-cold-256-0', 1024))];

    expect(
      recordedOriginal({
        latest: { memoryMB: 256, description: 'api - pt-cold-256-0' },
        versions,
        ownPrefix: 'pt-new-',
      }),
    ).toMatchObject({ kind: 'inherited', description: 'api' });
    expect(
      recordedOriginal({
        latest: { memoryMB: 256, description: 'api - pt-other-256-0' },
        versions,
        ownPrefix: 'pt-new-',
      }),
    ).toMatchObject({ kind: 'inherited', description: 'api - pt-other-256-0' });
  });
});
