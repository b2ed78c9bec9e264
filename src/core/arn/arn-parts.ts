/**
 * Non-throwing readers of ARN parts, for identifiers that are already known
 * to be valid (a `FunctionArn` Lambda returned, a resolved target, a checked
 * state-machine ARN). Input from users goes through `parseFunctionTarget`.
 *
 * @module core/arn/arn-parts
 */

/** `arn:partition:service:region:account:resource-type:name` — the parts of an unqualified ARN. */
const ARN_PARTS = 7;
const ARN_REGION_INDEX = 3;
/** What precedes the name in a (full or partial) function ARN. */
const FUNCTION_ARN_MARKER = ':function:';

const arnPartsOf = (value: string): string[] | undefined => {
  const parts = value.split(':');
  return parts[0] === 'arn' && parts.length >= ARN_PARTS ? parts : undefined;
};

/**
 * The region of an ARN, or undefined when `value` is not an ARN (a plain
 * function name, say).
 *
 * @example
 * regionOfArn('arn:aws:lambda:eu-west-1:123456789012:function:api:live'); // 'eu-west-1'
 * regionOfArn('api'); // undefined
 */
const regionOfArn = (value: string): string | undefined => arnPartsOf(value)?.[ARN_REGION_INDEX];

/**
 * The ARN without its qualifier (`arn:…:function:name[:qualifier]` →
 * `arn:…:function:name`), or undefined when `value` is not an ARN.
 *
 * @example
 * unqualifiedArn('arn:aws:lambda:eu-west-1:123456789012:function:api:7'); // 'arn:aws:lambda:eu-west-1:123456789012:function:api'
 * unqualifiedArn('api'); // undefined
 */
const unqualifiedArn = (value: string): string | undefined => arnPartsOf(value)?.slice(0, ARN_PARTS).join(':');

/**
 * The function name in a full or partial function ARN
 * (`…:function:name[:qualifier]`), or undefined when `value` has no
 * `:function:` part.
 *
 * @example
 * functionNameOfArn('arn:aws:lambda:us-east-1:123456789012:function:api:live'); // 'api'
 * functionNameOfArn('api'); // undefined
 */
const functionNameOfArn = (value: string): string | undefined => {
  const index = value.indexOf(FUNCTION_ARN_MARKER);
  return index < 0 ? undefined : value.slice(index + FUNCTION_ARN_MARKER.length).split(':')[0];
};

export { functionNameOfArn, regionOfArn, unqualifiedArn };
