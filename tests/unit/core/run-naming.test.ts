import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aliasNameOf,
  aliasPrefixOf,
  coldStartDescription,
  copyFunctionDescription,
  copyFunctionName,
  parseAliasName,
  parseCopyFunctionName,
  parseRunVersionDescription,
  runLabelOf,
  runVersionDescription,
  runVersionMarkerOf,
  stripColdStartTag,
} from '../../../src/core/index.js';

/** Run ids are base36 (see createRunId). */
const runId = fc.stringMatching(/^[0-9a-z]{1,20}$/);
const power = fc.integer({ min: 128, max: 10_240 });
const index = fc.option(fc.integer({ min: 0, max: 9_999 }), { nil: undefined });
const original = fc.option(fc.integer({ min: 128, max: 10_240 }), { nil: undefined });
const architecture = fc.constantFrom('x86_64' as const, 'arm64' as const);
/** Lambda function names: letters, digits, hyphens and underscores, 1–64 characters. */
const functionName = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

describe('Module: core/run-naming', () => {
  it('reads back every alias name it builds', () => {
    fc.assert(
      fc.property(runId, power, index, (id, mb, i) => {
        // Act
        const name = aliasNameOf({ aliasPrefix: aliasPrefixOf(id), power: mb, index: i });
        // Assess
        expect(parseAliasName(name)).toEqual({
          runId: id,
          aliasPrefix: aliasPrefixOf(id),
          power: mb,
          ...(i === undefined ? {} : { index: i }),
        });
        expect(name).toMatch(/^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/);
      }),
    );
  });

  it('reads back the run, the alias and the recorded original memory from every version marker it writes', () => {
    fc.assert(
      fc.property(runId, power, index, original, (id, mb, i, originalMB) => {
        // Prepare
        const aliasName = aliasNameOf({ aliasPrefix: aliasPrefixOf(id), power: mb, index: i });
        // Act
        const parsed = parseRunVersionDescription(runVersionDescription(aliasName, originalMB));
        // Assess
        expect(parsed).toEqual({
          runId: id,
          aliasPrefix: aliasPrefixOf(id),
          aliasName,
          power: mb,
          ...(i === undefined ? {} : { index: i }),
          ...(originalMB === undefined ? {} : { originalMemoryMB: originalMB }),
        });
      }),
    );
  });

  it('reads back the run and architecture from every copy name it builds, within 64 characters', () => {
    fc.assert(
      fc.property(functionName, runId, architecture, (name, id, arch) => {
        // Act
        const copy = copyFunctionName({
          functionName: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
          runId: id,
          architecture: arch,
        });
        const parsed = parseCopyFunctionName(copy);
        // Assess
        expect(copy.length).toBeLessThanOrEqual(64);
        expect(parsed).toMatchObject({ runId: id, architecture: arch });
        expect(name.startsWith(parsed?.baseName ?? '\u0000')).toBe(true);
        expect(parseCopyFunctionName(`arn:aws:lambda:eu-west-1:123456789012:function:${copy}`)).toEqual(parsed);
      }),
    );
  });

  it("strips exactly the cold-start tag it adds to $LATEST's description", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        runId,
        power,
        fc.integer({ min: 0, max: 999 }),
        (description, id, mb, i) => {
          // Prepare
          const tag = aliasNameOf({ aliasPrefix: aliasPrefixOf(id), power: mb, index: i });
          // Act
          const tagged = coldStartDescription({ original: description, tag });
          // Assess
          expect(tagged.length).toBeLessThanOrEqual(256);
          expect(stripColdStartTag({ description: tagged, aliasPrefix: aliasPrefixOf(id) })).toBe(description);
        },
      ),
    );
  });

  // The exact formats earlier releases wrote (git history of lambda/find-run-versions.ts):
  // first `powertune run <alias>`, then `powertune run <alias> (original <MB> MB)`.
  it.each([
    [
      'powertune run pt-0mjuohs00iiii-1024',
      { runId: '0mjuohs00iiii', aliasPrefix: 'pt-0mjuohs00iiii-', aliasName: 'pt-0mjuohs00iiii-1024', power: 1024 },
    ],
    [
      'powertune run pt-0mjuohs00iiii-256-7',
      {
        runId: '0mjuohs00iiii',
        aliasPrefix: 'pt-0mjuohs00iiii-',
        aliasName: 'pt-0mjuohs00iiii-256-7',
        power: 256,
        index: 7,
      },
    ],
    [
      'powertune run pt-lx1abc-1024 (original 512 MB)',
      { runId: 'lx1abc', aliasPrefix: 'pt-lx1abc-', aliasName: 'pt-lx1abc-1024', power: 1024, originalMemoryMB: 512 },
    ],
    [
      'powertune run pt-lx1abc-1024-3 (original 3008 MB)',
      {
        runId: 'lx1abc',
        aliasPrefix: 'pt-lx1abc-',
        aliasName: 'pt-lx1abc-1024-3',
        power: 1024,
        index: 3,
        originalMemoryMB: 3008,
      },
    ],
  ])('still reads the marker %j written by an earlier version', (description, expected) => {
    expect(parseRunVersionDescription(description)).toEqual(expected);
  });

  it.each([
    ['release 42'],
    [''],
    ['powertune run pt-lx1abc-1024 (original MB)'],
    ['my powertune run pt-a-1 (original 5 MB)'],
    ['powertune run pt-LX1-128'],
    ['powertune run pt-a-128 and more'],
    ['powertune run prod'],
  ])('reads no run from the version description %j', (description) => {
    expect(parseRunVersionDescription(description)).toBeUndefined();
  });

  it.each([['prod'], ['pt-a'], ['pt-a-'], ['pt-a-b'], ['pt-A-128'], ['live-pt-a-128'], ['pt-a-128-']])(
    'reads no run from the alias %j',
    (name) => {
      expect(parseAliasName(name)).toBeUndefined();
    },
  );

  it.each([['api'], ['api-pt-a-arm'], ['api-pt-A-arm64'], ['api-pt--arm64'], ['api-arm64'], ['pt-a-128']])(
    'never takes %j for a temporary copy',
    (name) => {
      expect(parseCopyFunctionName(name)).toBeUndefined();
    },
  );

  it('names another run in messages the way its versions do', () => {
    expect(runLabelOf(aliasPrefixOf('lx1abc'))).toBe('powertune run pt-lx1abc');
  });

  it("marks every version of a run with the marker cleanup looks for, and no other run's", () => {
    fc.assert(
      fc.property(runId, runId, power, original, (id, otherId, mb, originalMB) => {
        fc.pre(id !== otherId);
        // Act
        const description = runVersionDescription(
          aliasNameOf({ aliasPrefix: aliasPrefixOf(id), power: mb }),
          originalMB,
        );

        // Assess
        expect(description.startsWith(runVersionMarkerOf(aliasPrefixOf(id)))).toBe(true);
        expect(description.startsWith(runVersionMarkerOf(aliasPrefixOf(otherId)))).toBe(false);
      }),
    );
  });

  it("describes a temporary copy so anyone who finds it knows what it is, within Lambda's 256 characters", () => {
    // Act
    const short = copyFunctionDescription({ functionName: 'api', runId: 'lx1abc', architecture: 'arm64' });
    const long = copyFunctionDescription({ functionName: 'f'.repeat(300), runId: 'lx1abc', architecture: 'x86_64' });

    // Assess
    expect(short).toBe('powertune arm64 copy of api (run lx1abc); deleted when the run ends');
    expect(long.length).toBeLessThanOrEqual(256);
  });
});
