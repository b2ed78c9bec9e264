import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { refuseForeignArchitectures } from '../../../src/cli/run-comparison-command.js';
import type { Architecture } from '../../../src/core/index.js';

describe('Function: refuseForeignArchitectures', () => {
  it.each<[string, Architecture[], string]>([
    ['x64', ['x86_64'], 'x86_64'],
    ['arm64', ['arm64'], 'arm64'],
    ['arm64', ['arm64', 'arm64'], 'arm64'],
  ])('accepts on a %s host the host architecture %j', (hostArch, architectures) => {
    expect(() => refuseForeignArchitectures({ architectures, hostArch })).not.toThrow();
  });

  it.each<[string, Architecture[], string, RegExp]>([
    [
      'x64',
      ['x86_64', 'arm64'],
      'arm64',
      /only this host's architecture \(x86_64\).*got "arm64", whose timings would be x86_64 timings priced as arm64\. Tune arm64 on AWS/,
    ],
    [
      'arm64',
      ['arm64', 'x86_64'],
      'x86_64',
      /only this host's architecture \(arm64\).*got "x86_64".*Tune x86_64 on AWS/,
    ],
    ['ia32', ['x86_64'], 'x86_64', /only this host's architecture \(ia32\).*got "x86_64"/],
  ])(
    'refuses on a %s host %j, naming %s and --architectures (exit 2)',
    (hostArch, architectures, _foreign, message) => {
      let error: unknown;
      try {
        refuseForeignArchitectures({ architectures, hostArch });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as UsageError).message).toMatch(/^--architectures: /);
      expect((error as UsageError).message).toMatch(message);
    },
  );
});
