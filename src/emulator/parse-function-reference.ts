/**
 * Reads the `FunctionName` of a request — a name, a partial ARN or a full
 * ARN, optionally with `:qualifier` — as Lambda does.
 *
 * @module emulator/parse-function-reference
 */
import { LAMBDA_LIMITS, PATTERNS } from './constants.js';
import { InvalidParameterValueError, ResourceNotFoundError, ValidationError } from './errors.js';

/** A function's name, and the version or alias asked for (if any). */
interface FunctionReference {
  name: string;
  qualifier?: string;
}

interface ParseFunctionReferenceOptions {
  functionName: string;
  /** The `Qualifier` parameter; an empty string counts as absent. */
  qualifier?: string | undefined;
  region: string;
  accountId: string;
  /** False for operations that take no qualifier (e.g. UpdateFunctionConfiguration). Default true. */
  allowQualifier?: boolean;
}

const ARN_TOO_LONG = 170;

/**
 * Splits a `FunctionName` into name and qualifier. ARNs of another region or
 * account are unknown here (404, like Lambda answers for a function that
 * does not exist).
 *
 * @example
 * parseFunctionReference({ functionName: '123456789012:function:demo:live', region: 'us-east-1', accountId: '123456789012' });
 * // { name: 'demo', qualifier: 'live' }
 */
function parseFunctionReference({
  functionName,
  qualifier,
  region,
  accountId,
  allowQualifier = true,
}: ParseFunctionReferenceOptions): FunctionReference {
  const invalid = (): ValidationError =>
    ValidationError.constraint({
      field: 'functionName',
      value: functionName,
      constraint: `Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    });
  if (functionName.length === 0 || functionName.length > ARN_TOO_LONG) throw invalid();

  let name: string;
  let inName: string | undefined;
  let arnRegion = region;
  let arnAccount = accountId;
  const full = PATTERNS.fullArn.exec(functionName);
  const partial = PATTERNS.partialArn.exec(functionName);
  if (full) {
    [, , arnRegion = region, arnAccount = accountId, name = '', inName] = full;
  } else if (partial) {
    [, arnAccount = accountId, name = '', inName] = partial;
  } else {
    const parts = functionName.split(':');
    if (parts.length > 2) throw invalid();
    [name = '', inName] = parts;
  }
  if (!PATTERNS.functionName.test(name) || name.length > LAMBDA_LIMITS.functionNameLength) throw invalid();
  if (inName !== undefined && !PATTERNS.qualifier.test(inName)) throw invalid();
  if (qualifier !== undefined && qualifier !== '' && !PATTERNS.qualifier.test(qualifier)) {
    throw ValidationError.constraint({
      field: 'qualifier',
      value: qualifier,
      constraint: 'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)',
    });
  }
  if (arnRegion !== region || arnAccount !== accountId) {
    throw new ResourceNotFoundError({
      message: `Function not found: arn:aws:lambda:${arnRegion}:${arnAccount}:function:${name}`,
    });
  }
  const given = qualifier === '' ? undefined : qualifier;
  if (inName !== undefined && given !== undefined && inName !== given) {
    throw new InvalidParameterValueError({
      message: `The derived qualifier from the function name does not match the specified qualifier (${inName} in the name, ${given} in Qualifier). Give the qualifier once.`,
    });
  }
  const resolved = inName ?? given;
  if (resolved !== undefined && !allowQualifier) {
    throw new InvalidParameterValueError({
      message: `This operation does not take a qualifier; got ${JSON.stringify(functionName)}. Pass the unqualified function name.`,
    });
  }
  return resolved === undefined ? { name } : { name, qualifier: resolved };
}

export { parseFunctionReference };
export type { FunctionReference, ParseFunctionReferenceOptions };
