/**
 * The JSON Schemas the package ships (schemas/): they compile under ajv's
 * strict mode, accept the example inputs and the result fixtures, stay in
 * step with what `validateInput` knows, and agree with the small run-time
 * walker that `report`/`check`/`compare` use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { findShapeProblem } from '../../../src/cli/check-result-shape.js';
import type { SchemaNode } from '../../../src/cli/check-result-shape.js';
import { KNOWN_OPTIONS } from '../../../src/core/input/validate-input.js';
import { validateInput } from '../../../src/core/index.js';

const ROOT = new URL('../../../', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));

const inputSchema = readJson('schemas/input.schema.json') as { properties: Record<string, unknown> };
const resultSchema = readJson('schemas/result.schema.json') as SchemaNode;
const ajv = new Ajv({ strict: true, allErrors: false });
const validateInputSchema = ajv.compile(inputSchema);
const validateResultSchema = ajv.compile(resultSchema);

const EXAMPLE_INPUTS = readdirSync(new URL('examples/inputs/', ROOT)).filter((name) => name.endsWith('.json'));
const RESULT_FIXTURES = readdirSync(new URL('tests/fixtures/results/', ROOT)).filter((name) => name.endsWith('.json'));

describe('File: schemas/input.schema.json', () => {
  it.each(EXAMPLE_INPUTS.map((name) => [name]))(
    'accepts examples/inputs/%s, which validateInput accepts too',
    (name) => {
      // Prepare
      const input = readJson(`examples/inputs/${name}`);
      // Act
      const valid = validateInputSchema(input);
      // Assess
      expect(validateInputSchema.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(() => validateInput(input)).not.toThrow();
    },
  );

  it('describes every option validateInput knows, and "$schema"', () => {
    expect(Object.keys(inputSchema.properties)).toEqual(expect.arrayContaining(['$schema', ...KNOWN_OPTIONS]));
  });

  it.each([
    ['no lambdaARN', { num: 10 }],
    ['an unknown option', { lambdaARN: 'f', colour: 'blue' }],
    ['num below 5', { lambdaARN: 'f', num: 3 }],
    ['an unknown strategy', { lambdaARN: 'f', strategy: 'cheapest' }],
    ['balancedWeight above 1', { lambdaARN: 'f', balancedWeight: 2 }],
    ['a boolean given as a string', { lambdaARN: 'f', parallelInvocation: 'true' }],
  ])('refuses an input with %s, as validateInput does', (_label, input) => {
    expect(validateInputSchema(input)).toBe(false);
    expect(() => validateInput(input)).toThrow();
  });
});

describe('Function: validateInput with "$schema"', () => {
  it.each([['../../schemas/input.schema.json'], ['https://example.com/some-other-schema.json'], ['']])(
    'accepts and ignores "$schema": %j',
    (schema) => {
      // Prepare
      const plain = { lambdaARN: 'my-fn', num: 10 };
      // Act
      const withSchema = validateInput({ $schema: schema, ...plain });
      // Assess
      expect(withSchema).toEqual(validateInput(plain));
      expect(withSchema).not.toHaveProperty('$schema');
    },
  );
});

describe('File: schemas/result.schema.json', () => {
  it.each(RESULT_FIXTURES.map((name) => [name]))('accepts the result fixture %s', (name) => {
    const result = readJson(`tests/fixtures/results/${name}`);
    expect(validateResultSchema(result), JSON.stringify(validateResultSchema.errors)).toBe(true);
    expect(findShapeProblem({ value: result, schema: resultSchema })).toBeUndefined();
  });

  /** A fixture with one change at `path` (set, or deleted when `value` is undefined). */
  const broken = (path: Array<string | number>, value: unknown): unknown => {
    const result = readJson('tests/fixtures/results/cpu-bound.json') as Record<string | number, unknown>;
    let node = result;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return result;
  };

  it.each([
    ['power removed', ['power'], undefined, 'power', 'a number (required)'],
    ['a size value given as a string', ['sizes', 1, 'value'], '256', 'sizes[1].value', 'a number'],
    ['an unknown size status', ['sizes', 0, 'status'], 'great', 'sizes[0].status', 'one of "ok", "failed"'],
    ['sizes empty', ['sizes'], [], 'sizes', 'at least 1 item(s)'],
    ['a negative invocation count', ['sizes', 0, 'invocations'], -1, 'sizes[0].invocations', 'a number >= 0'],
    ['an unknown architecture', ['run', 'architecture'], 'sparc', 'run.architecture', 'one of "x86_64", "arm64"'],
    [
      'the recommendation sentence removed',
      ['recommendation', 'sentence'],
      undefined,
      'recommendation.sentence',
      'a string (required)',
    ],
    [
      'a confidence interval of one number',
      ['sizes', 0, 'duration', 'ci95'],
      [1],
      'sizes[0].duration.ci95',
      'at least 2 item(s)',
    ],
    ['an error count given as a string', ['sizes', 0, 'errors'], { Boom: 'x' }, 'sizes[0].errors.Boom', 'an integer'],
  ])('refuses a result with %s, and the run-time walker names %s', (_label, path, value, where, expected) => {
    // Prepare
    const result = broken(path as Array<string | number>, value);
    // Act
    const problem = findShapeProblem({ value: result, schema: resultSchema });
    // Assess
    expect(validateResultSchema(result)).toBe(false);
    expect(problem).toMatchObject({ path: where, expected });
  });
});
