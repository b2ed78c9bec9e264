/**
 * Resolves the intrinsic functions a function's settings may use, as far as
 * they can be known without deploying: `Ref` to parameters (default or
 * override) and pseudo parameters, and `Fn::Sub`, `Fn::Join` and
 * `Fn::Select` over those. Anything else (`Fn::GetAtt`, a `Ref` to a
 * resource, `Fn::ImportValue` …) is reported with its property path. Pure.
 *
 * @module project/template/resolve-intrinsics
 */

/** A value that cannot be known before deploying, and where it is. */
interface Unresolved {
  path: string;
  intrinsic: string;
  detail: string;
}

interface ResolveContext {
  /** Parameter values: overrides over defaults. */
  parameters: Record<string, string>;
  /** Resource logical IDs (a `Ref` to one is known only after deploying). */
  resources: ReadonlySet<string>;
  region: string;
  accountId: string;
  stackName: string;
}

class UnresolvedValue {
  readonly unresolved: Unresolved;
  constructor(unresolved: Unresolved) {
    this.unresolved = unresolved;
  }
}

const PSEUDO = (ctx: ResolveContext): Record<string, string> => ({
  'AWS::Region': ctx.region,
  'AWS::AccountId': ctx.accountId,
  'AWS::StackName': ctx.stackName,
  'AWS::StackId': `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName}/local`,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
});

const isIntrinsic = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
};

const refOf = (name: string, path: string, ctx: ResolveContext): string => {
  const pseudo = PSEUDO(ctx)[name];
  if (pseudo !== undefined) return pseudo;
  const parameter = ctx.parameters[name];
  if (parameter !== undefined) return parameter;
  const detail = ctx.resources.has(name)
    ? `Ref to resource ${name} is known only after deploying`
    : `Ref to ${name}: no parameter default or --parameter-overrides value`;
  throw new UnresolvedValue({ path, intrinsic: 'Ref', detail });
};

const sub = (template: string, variables: Record<string, unknown>, path: string, ctx: ResolveContext): string =>
  template.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return String(resolve(variables[name], `${path}.${name}`, ctx));
    if (name.includes('.'))
      throw new UnresolvedValue({
        path,
        intrinsic: 'Fn::Sub',
        detail: `\${${name}} is an attribute known only after deploying`,
      });
    return refOf(name, path, ctx);
  });

/** Resolves one value; throws `UnresolvedValue` for what cannot be known. */
const resolve = (value: unknown, path: string, ctx: ResolveContext): unknown => {
  if (Array.isArray(value)) return value.map((item, index) => resolve(item, `${path}[${index}]`, ctx));
  if (value === null || typeof value !== 'object') return value;
  if (!isIntrinsic(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, `${path}.${key}`, ctx)]));
  const [name, argument] = Object.entries(value)[0] as [string, unknown];
  switch (name) {
    case 'Ref':
      return refOf(String(argument), path, ctx);
    case 'Fn::Sub': {
      if (typeof argument === 'string') return sub(argument, {}, path, ctx);
      if (Array.isArray(argument) && typeof argument[0] === 'string')
        return sub(argument[0], (argument[1] ?? {}) as Record<string, unknown>, path, ctx);
      break;
    }
    case 'Fn::Join': {
      if (Array.isArray(argument) && typeof argument[0] === 'string') {
        const items = resolve(argument[1], path, ctx);
        if (Array.isArray(items)) return items.map(String).join(argument[0]);
      }
      break;
    }
    case 'Fn::Select': {
      if (Array.isArray(argument)) {
        const list = resolve(argument[1], path, ctx);
        const index = Number(resolve(argument[0], path, ctx));
        if (Array.isArray(list) && list[index] !== undefined) return list[index];
      }
      break;
    }
    default:
      break;
  }
  throw new UnresolvedValue({ path, intrinsic: name, detail: `${name} cannot be resolved without deploying` });
};

/**
 * Resolves `value`, collecting what cannot be resolved instead of throwing.
 *
 * @example
 * resolveIntrinsics({ value: { 'Fn::Sub': 'api-${Stage}' }, path: 'Environment.Variables.NAME', ctx });
 * // { value: 'api-dev', unresolved: [] }
 */
const resolveIntrinsics = ({
  value,
  path,
  ctx,
}: {
  value: unknown;
  path: string;
  ctx: ResolveContext;
}): { value: unknown; unresolved: Unresolved[] } => {
  try {
    return { value: resolve(value, path, ctx), unresolved: [] };
  } catch (error) {
    if (error instanceof UnresolvedValue) return { value: undefined, unresolved: [error.unresolved] };
    throw error;
  }
};

export { resolveIntrinsics };
export type { ResolveContext, Unresolved };
