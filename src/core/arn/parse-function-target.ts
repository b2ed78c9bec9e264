/**
 * Parses what a user may pass as `lambdaARN`: a function name, a name with a
 * version or alias, a partial ARN or a full (optionally qualified) ARN. The
 * reference accepts only unqualified 7-part ARNs (its issue #166).
 *
 * @module core/arn/parse-function-target
 */
import { MAX_ALIAS_NAME_LENGTH } from '../constants.js';
import { InputError } from '../errors.js';
import { describeValue } from '../input/describe-value.js';
import { isValidRegion, partitionOfRegion } from './is-valid-region.js';

/** A parsed `lambdaARN`. Fields absent from the input are `undefined`. */
interface FunctionTarget {
  functionName: string;
  region?: string;
  accountId?: string;
  /** Version (`7`), alias (`live`) or `$LATEST`. */
  qualifier?: string;
  partition?: string;
}

/** Characters Lambda allows in a function name (1–64). */
const NAME = '[a-zA-Z0-9_-]{1,64}';
/** `$LATEST`, a version number, or an alias (not all digits, ≤128 chars). */
const QUALIFIER = `\\$LATEST|[0-9]+|[a-zA-Z0-9_-]{1,${MAX_ALIAS_NAME_LENGTH}}`;
const FULL_ARN = new RegExp(
  `^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):lambda:([a-z0-9-]+):(\\d{12}):function:(${NAME})(?::(${QUALIFIER}))?$`,
);
const PARTIAL_ARN = new RegExp(`^(\\d{12}):function:(${NAME})(?::(${QUALIFIER}))?$`);
const NAME_ONLY = new RegExp(`^(${NAME})(?::(${QUALIFIER}))?$`);

const EXPECTED_FORMATS =
  'expected a function name (my-fn), a name with a version or alias (my-fn:live), ' +
  'or an ARN (arn:aws:lambda:us-east-1:123456789012:function:my-fn, optionally ending in :live, :7 or :$LATEST)';

/**
 * Parses a function name or ARN. `region` fills in the region when the value
 * has none; a conflicting region is an error (field `region`).
 *
 * @throws {InputError} when the value is not a valid target (field `field`, default `lambdaARN`)
 * @example
 * parseFunctionTarget('arn:aws:lambda:eu-west-1:123456789012:function:api:live');
 * // { functionName: 'api', region: 'eu-west-1', accountId: '123456789012', qualifier: 'live', partition: 'aws' }
 * parseFunctionTarget('api', { region: 'us-east-1' }); // { functionName: 'api', region: 'us-east-1' }
 */
const parseFunctionTarget = (
  value: string,
  { region, field = 'lambdaARN' }: { region?: string; field?: string } = {},
): FunctionTarget => {
  const fail = (expected = EXPECTED_FORMATS): never => {
    throw new InputError({ field, expected, got: describeValue(value) });
  };
  if (typeof value !== 'string' || value.trim() === '') fail();
  const text = value.trim();
  const target: FunctionTarget = { functionName: '' };
  let match = FULL_ARN.exec(text);
  if (match) {
    const [, partition = '', arnRegion = '', accountId = '', functionName = '', qualifier] = match;
    if (!isValidRegion(arnRegion)) fail(`the ARN's region must look like us-east-1 (${EXPECTED_FORMATS})`);
    if (partitionOfRegion(arnRegion) !== partition) {
      fail(`partition ${partition} does not match region ${arnRegion} (expected ${partitionOfRegion(arnRegion)})`);
    }
    Object.assign(target, { functionName, region: arnRegion, accountId, partition });
    if (qualifier !== undefined) target.qualifier = qualifier;
  } else if ((match = PARTIAL_ARN.exec(text))) {
    const [, accountId = '', functionName = '', qualifier] = match;
    Object.assign(target, { functionName, accountId });
    if (qualifier !== undefined) target.qualifier = qualifier;
  } else if (text.startsWith('arn:')) {
    // "arn:aws" would otherwise read as function "arn", alias "aws".
    fail();
  } else if ((match = NAME_ONLY.exec(text))) {
    const [, functionName = '', qualifier] = match;
    target.functionName = functionName;
    if (qualifier !== undefined) target.qualifier = qualifier;
  } else {
    fail();
  }
  if (region !== undefined) {
    if (target.region !== undefined && target.region !== region) {
      throw new InputError({
        field: 'region',
        expected: `must match the region in ${field} (${target.region}); drop the region option or use an ARN from ${region}`,
        got: describeValue(region),
      });
    }
    target.region = region;
  }
  return target;
};

export { parseFunctionTarget };
export type { FunctionTarget };
