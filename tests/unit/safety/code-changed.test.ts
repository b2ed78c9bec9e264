import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import { CodeChangedError } from '../../../src/lambda/index.js';
import { runTuning } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

describe('Function: runTuning — a deployment changes the code during the run', () => {
  it('stops at the first version with other code, undoes what it changed, and keeps the deployed code', async () => {
    // Prepare: a deploy lands right after the first size was published (when its alias is created).
    let aliases = 0;
    const lambda = createFakeLambdaPort({
      memoryMB: 512,
      description: 'api',
      durationModel: (power) => 10_000 / power,
      onCall: (call, fake) => {
        if (call.op !== 'createAlias') return;
        aliases += 1;
        if (aliases === 1) {
          fake.latest.codeSha256 = 'code-2';
          fake.latest.revisionId = 'rev-deploy';
        }
      },
    });
    const input = validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 256, 1024] });

    // Act
    const run = runTuning({ input, lambda });

    // Assess
    await expect(run).rejects.toBeInstanceOf(CodeChangedError);
    await expect(run).rejects.toThrow(
      /The code of my-fn changed during the run \(CodeSha256 code-1 when it started, code-2 in the version published for 256 MB\)/u,
    );
    expect([...lambda.aliases.keys()]).toEqual([]);
    expect([...lambda.versions.keys()]).toEqual([]);
    expect(lambda.latest).toMatchObject({ memoryMB: 512, description: 'api', codeSha256: 'code-2' });
    // Nothing was measured on the second size's version.
    expect(lambda.calls.filter((call) => call.op === 'invoke' && call.qualifier?.endsWith('-256') === true)).toEqual(
      [],
    );
  });
});
