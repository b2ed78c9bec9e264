/**
 * Checks a saved result against `schemas/result.schema.json` (the schema the
 * package ships) at run time, without a JSON Schema library: a small walker
 * over the keywords that schema uses (`type`, `required`, `properties`,
 * `items`, `enum`, `minimum`, `minItems`, `maxItems`,
 * `additionalProperties`). It reports the first problem only, by its path,
 * so `report`/`check`/`compare` can name the bad field. The tests check that
 * this walker and a full validator (ajv) agree on the schema.
 *
 * @module cli/check-result-shape
 */
import { readFileSync } from 'node:fs';

interface SchemaNode {
  type?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  minimum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: SchemaNode | boolean;
}

interface ShapeProblem {
  /** Where, e.g. `sizes[2].duration.mean`. */
  path: string;
  expected: string;
  got: string;
}

const describeGot = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

const isType = (value: unknown, type: string): boolean => {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
};

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * The first place where `value` does not match `schema`, or `undefined`.
 *
 * @example
 * findShapeProblem({ value: { sizes: 'x' }, schema: loadResultSchema() });
 * // { path: 'power', expected: 'a number', got: 'nothing' } (a required field comes first)
 */
const findShapeProblem = ({
  value,
  schema,
  path = '',
}: {
  value: unknown;
  schema: SchemaNode;
  path?: string;
}): ShapeProblem | undefined => {
  const where = path === '' ? '(the top level)' : path;
  if (schema.type !== undefined && !isType(value, schema.type)) {
    return { path: where, expected: ARTICLE[schema.type] ?? schema.type, got: describeGot(value) };
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return {
      path: where,
      expected: `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`,
      got: describeGot(value),
    };
  }
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) {
    return { path: where, expected: `a number >= ${schema.minimum}`, got: describeGot(value) };
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      return { path: where, expected: `at least ${schema.minItems} item(s)`, got: describeGot(value) };
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      return { path: where, expected: `at most ${schema.maxItems} item(s)`, got: describeGot(value) };
    }
    if (schema.items !== undefined) {
      for (const [index, item] of value.entries()) {
        const problem = findShapeProblem({ value: item, schema: schema.items, path: `${path}[${index}]` });
        if (problem !== undefined) return problem;
      }
    }
  }
  if (isType(value, 'object')) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (record[key] === undefined) {
        const type = schema.properties?.[key]?.type;
        return {
          path: join(path, key),
          expected: type === undefined ? 'a value (required)' : `${ARTICLE[type] ?? type} (required)`,
          got: 'nothing',
        };
      }
    }
    for (const [key, item] of Object.entries(record)) {
      const sub =
        schema.properties?.[key] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (sub === undefined || item === undefined) continue;
      const problem = findShapeProblem({ value: item, schema: sub, path: join(path, key) });
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
};

let cached: SchemaNode | undefined;

/**
 * The result schema shipped with the package: two folders up from `src/cli/`
 * as from the built `dist/cli/`.
 */
const loadResultSchema = (): SchemaNode => {
  cached ??= JSON.parse(
    readFileSync(new URL('../../schemas/result.schema.json', import.meta.url), 'utf8'),
  ) as SchemaNode;
  return cached;
};

export { findShapeProblem, loadResultSchema };
export type { SchemaNode, ShapeProblem };
