import { describe, expect, it } from 'vitest';
import { deployHandlerFile } from '../../../src/emulator/deploy-handler-file.js';
import { PackageHandlerError } from '../../../src/emulator/errors.js';

describe('Function: deployHandlerFile', () => {
  it("refuses a package above Lambda's 50 MB zipped limit before any request, saying what to move out", async () => {
    // Prepare: a service that records whether it was called at all.
    let requests = 0;
    const service = {
      fetch: async (): Promise<Response> => {
        requests += 1;
        return new Response('{}');
      },
    };
    const zip = Buffer.alloc(52_428_801);

    // Act
    const deploying = deployHandlerFile({
      service,
      endpoint: 'http://127.0.0.1:9',
      functionName: 'too-big',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      zip,
    });

    // Assess
    await expect(deploying).rejects.toThrow(PackageHandlerError);
    await expect(deploying).rejects.toThrow(
      /too-big is 50\.0 MB zipped, above Lambda's 50\.0 MB limit .*devDependencies.*--bundle/u,
    );
    expect(requests).toBe(0);
  });
});
