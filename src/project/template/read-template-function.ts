/**
 * A function's settings from a parsed template, as SAM and CloudFormation
 * define them: `AWS::Serverless::Function` (with the template's
 * `Globals.Function`) and `AWS::Lambda::Function` (what CDK synthesizes,
 * with its code in the cloud assembly's asset folder named by the
 * resource's `aws:asset:path` metadata). Pure: paths stay relative to the
 * template's folder.
 *
 * @module project/template/read-template-function
 */
import { ProjectInputError } from '../errors.js';
import { resolveIntrinsics } from './resolve-intrinsics.js';
import type { ResolveContext, Unresolved } from './resolve-intrinsics.js';
import type { Template } from './parse-template.js';

const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'] as const;
const LOCAL_RUNTIME = /^(nodejs\d+\.x|python3\.\d+)$/;

/** Where a function's code is. */
type TemplateCode =
  { kind: 'folder'; path: string } | { kind: 'zip'; path: string } | { kind: 'inline'; source: string };

interface TemplateLayer {
  logicalId: string;
  /** Folder or zip, relative to the template's folder. */
  path: string;
}

interface TemplateFunction {
  logicalId: string;
  runtime: string;
  handler: string;
  code: TemplateCode;
  memorySize?: number;
  timeout?: number;
  environment: Record<string, string>;
  architecture?: 'x86_64' | 'arm64';
  layers: TemplateLayer[];
  /** SAM `Metadata.BuildMethod: esbuild`: bundle as `sam build` would. */
  bundle: boolean;
}

/** One row of the template's function list. */
interface TemplateFunctionSummary {
  logicalId: string;
  type: string;
  runtime: string;
  handler: string;
  code: string;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

const resourcesOf = (template: Template): Json => asObject(template.Resources);

/** The function's properties with SAM's Globals applied (maps merge, resource wins). */
const effectiveProperties = (template: Template, resource: Json): Json => {
  const properties = asObject(resource.Properties);
  if (resource.Type !== 'AWS::Serverless::Function') return properties;
  const globals = asObject(asObject(template.Globals).Function);
  const merged: Json = { ...globals, ...properties };
  const globalVariables = asObject(asObject(globals.Environment).Variables);
  const ownVariables = asObject(asObject(properties.Environment).Variables);
  if (Object.keys(globalVariables).length > 0 || Object.keys(ownVariables).length > 0)
    merged.Environment = { Variables: { ...globalVariables, ...ownVariables } };
  return merged;
};

const describeCode = (resource: Json, properties: Json): string => {
  if (properties.PackageType === 'Image') return '(image)';
  const asset = asObject(resource.Metadata)['aws:asset:path'];
  if (typeof asset === 'string') return asset;
  if (properties.InlineCode !== undefined || asObject(properties.Code).ZipFile !== undefined) return '(inline)';
  if (typeof properties.CodeUri === 'string') return properties.CodeUri;
  return '(remote)';
};

/**
 * Every function of a template, sorted by logical ID.
 *
 * @example
 * summarizeTemplateFunctions(template); // [{ logicalId: 'Hello', type: 'AWS::Serverless::Function', runtime: 'nodejs22.x', … }]
 */
const summarizeTemplateFunctions = (template: Template): TemplateFunctionSummary[] =>
  Object.entries(resourcesOf(template))
    .filter(([, resource]) => (FUNCTION_TYPES as readonly string[]).includes(String(asObject(resource).Type)))
    .map(([logicalId, raw]) => {
      const resource = asObject(raw);
      const properties = effectiveProperties(template, resource);
      return {
        logicalId,
        type: String(resource.Type),
        runtime:
          properties.PackageType === 'Image'
            ? '(image)'
            : typeof properties.Runtime === 'string'
              ? properties.Runtime
              : '?',
        handler: typeof properties.Handler === 'string' ? properties.Handler : '?',
        code: describeCode(resource, properties),
      };
    })
    .sort((a, b) => a.logicalId.localeCompare(b.logicalId));

/** Parameter values: `--parameter-overrides` over `Default`s. */
const parameterValues = (template: Template, overrides: Record<string, string>): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(asObject(template.Parameters))) {
    const fallback = asObject(raw).Default;
    if (fallback !== undefined) values[name] = Array.isArray(fallback) ? fallback.join(',') : String(fallback);
  }
  return { ...values, ...overrides };
};

/** Finds a function by logical ID, or by its CDK construct path (`Stack/Fn`). */
const findResource = (template: Template, id: string): [string, Json] | undefined => {
  const resources = resourcesOf(template);
  if (resources[id] !== undefined) return [id, asObject(resources[id])];
  const byPath = Object.entries(resources).filter(([, raw]) => {
    const path = asObject(asObject(raw).Metadata)['aws:cdk:path'];
    return typeof path === 'string' && (path === `${id}/Resource` || path.endsWith(`/${id}/Resource`));
  });
  if (byPath.length === 1 && byPath[0] !== undefined) return [byPath[0][0], asObject(byPath[0][1])];
  // CDK's logical IDs are the construct ID plus an 8-digit hash: `Hello` → `Hello4A628BD4`.
  const byHash = Object.entries(resources).filter(
    ([logicalId, raw]) =>
      (FUNCTION_TYPES as readonly string[]).includes(String(asObject(raw).Type)) &&
      new RegExp(`^${id.replace(/[^A-Za-z0-9]/g, '')}[0-9A-F]{8}$`).test(logicalId),
  );
  return byHash.length === 1 && byHash[0] !== undefined ? [byHash[0][0], asObject(byHash[0][1])] : undefined;
};

interface ReadTemplateFunctionOptions {
  template: Template;
  /** Template file name, for messages. */
  file: string;
  logicalId: string;
  parameterOverrides?: Record<string, string>;
  /** Variables given with --env: they replace template values, resolvable or not. */
  environmentOverrides?: Record<string, string>;
  /** A cloud assembly's file assets (`<Stack>.assets.json`): S3 object key → asset folder or zip. */
  assets?: Record<string, string>;
  region?: string;
}

const unsupported = (file: string, logicalId: string, what: string): ProjectInputError =>
  new ProjectInputError({
    field: '--function',
    message: `--function: ${file}: ${logicalId} ${what}, which the local Lambda service cannot run; deploy it and tune it on AWS with --function <its ARN>`,
  });

/**
 * Reads one function's settings; every problem is a `ProjectInputError`
 * naming the property (all unresolvable values in one message).
 *
 * @example
 * readTemplateFunction({ template, file: 'template.yaml', logicalId: 'HelloFunction', parameterOverrides: { Stage: 'prod' } });
 */
const readTemplateFunction = ({
  template,
  file,
  logicalId,
  parameterOverrides = {},
  environmentOverrides = {},
  assets = {},
  region = 'us-east-1',
}: ReadTemplateFunctionOptions): TemplateFunction => {
  const found = findResource(template, logicalId);
  const functions = summarizeTemplateFunctions(template).map((fn) => fn.logicalId);
  if (found === undefined) {
    throw new ProjectInputError({
      field: '--function',
      message: `--function: ${file} has no resource ${JSON.stringify(logicalId)}; its functions are: ${functions.length === 0 ? '(none)' : functions.join(', ')}`,
    });
  }
  const [id, resource] = found;
  if (!(FUNCTION_TYPES as readonly string[]).includes(String(resource.Type))) {
    throw new ProjectInputError({
      field: '--function',
      message: `--function: ${file}: ${id} has type ${String(resource.Type)}, not a function (${FUNCTION_TYPES.join(' or ')}); its functions are: ${functions.length === 0 ? '(none)' : functions.join(', ')}`,
    });
  }
  const properties = effectiveProperties(template, resource);
  const base = `Resources.${id}.Properties`;
  const ctx: ResolveContext = {
    parameters: parameterValues(template, parameterOverrides),
    resources: new Set(Object.keys(resourcesOf(template))),
    region,
    accountId: '123456789012',
    stackName: 'local',
  };
  const unresolved: Unresolved[] = [];
  const value = (name: string): unknown => {
    const result = resolveIntrinsics({ value: properties[name], path: `${base}.${name}`, ctx });
    unresolved.push(...result.unresolved);
    return result.value;
  };

  if (value('PackageType') === 'Image') throw unsupported(file, id, 'is a container image (PackageType: Image)');
  const runtime = value('Runtime');
  if (typeof runtime !== 'string') {
    throw new ProjectInputError({
      field: '--function',
      message: `--function: ${file}: ${base}.Runtime: expected a runtime such as nodejs22.x or python3.12 (on the function or in Globals.Function); got ${JSON.stringify(runtime ?? null)}`,
    });
  }
  if (!LOCAL_RUNTIME.test(runtime)) throw unsupported(file, id, `uses runtime ${runtime}`);
  const handler = value('Handler');

  // Environment: each variable on its own, so --env can stand in for one that cannot be resolved.
  const environment: Record<string, string> = {};
  for (const [key, raw] of Object.entries(asObject(asObject(properties.Environment).Variables))) {
    if (key in environmentOverrides) continue;
    const result = resolveIntrinsics({ value: raw, path: `${base}.Environment.Variables.${key}`, ctx });
    if (result.unresolved.length > 0)
      unresolved.push(
        ...result.unresolved.map((u) => ({ ...u, detail: `${u.detail}; give it with --env ${key}=VALUE` })),
      );
    else environment[key] = String(result.value);
  }
  Object.assign(environment, environmentOverrides);

  // Code: CDK asset metadata, inline code, or a local CodeUri.
  let code: TemplateCode | undefined;
  const metadata = asObject(resource.Metadata);
  const s3Key = asObject(properties.Code).S3Key;
  const asset = metadata['aws:asset:path'] ?? (typeof s3Key === 'string' ? assets[s3Key] : undefined);
  const inline = resource.Type === 'AWS::Serverless::Function' ? value('InlineCode') : asObject(value('Code')).ZipFile;
  if (typeof asset === 'string') code = { kind: /\.zip$/i.test(asset) ? 'zip' : 'folder', path: asset };
  else if (typeof inline === 'string') code = { kind: 'inline', source: inline };
  else if (resource.Type === 'AWS::Serverless::Function') {
    const codeUri = value('CodeUri');
    if (typeof codeUri === 'string' && !codeUri.startsWith('s3://'))
      code = { kind: /\.zip$/i.test(codeUri) ? 'zip' : 'folder', path: codeUri };
    else if (codeUri === undefined) code = { kind: 'folder', path: '.' };
  }

  const layers: TemplateLayer[] = [];
  for (const raw of Array.isArray(properties.Layers) ? (properties.Layers as unknown[]) : []) {
    const refName = asObject(raw).Ref;
    const layer = typeof refName === 'string' ? asObject(resourcesOf(template)[refName]) : {};
    const layerKey = asObject(asObject(layer.Properties).Content).S3Key;
    const layerPath =
      asObject(layer.Metadata)['aws:asset:path'] ??
      asObject(layer.Properties).ContentUri ??
      (typeof layerKey === 'string' ? assets[layerKey] : undefined);
    if (typeof refName === 'string' && typeof layerPath === 'string' && !layerPath.startsWith('s3://'))
      layers.push({ logicalId: refName, path: layerPath });
    else
      throw unsupported(
        file,
        id,
        `uses layer ${typeof raw === 'string' ? raw : JSON.stringify(raw)} whose content is not a local folder`,
      );
  }
  const pending = unresolved;
  if (pending.length > 0) {
    throw new ProjectInputError({
      field: '--template',
      message: `--template: ${file}: cannot resolve ${pending.length === 1 ? 'a value' : `${pending.length} values`} of ${id} without deploying:\n${pending.map((u) => `  ${u.path}: ${u.intrinsic} — ${u.detail}`).join('\n')}\nOnly Ref/Fn::Sub to parameters (defaults or --parameter-overrides K=V) and pseudo parameters, Fn::Join and Fn::Select are resolved locally.`,
    });
  }
  if (typeof handler !== 'string' || handler === '')
    throw new ProjectInputError({
      field: '--function',
      message: `--function: ${file}: ${base}.Handler: expected a handler such as app.handler; got ${JSON.stringify(handler ?? null)}`,
    });
  if (code === undefined) throw unsupported(file, id, 'has its code in S3 (or nowhere local)');

  const memorySize = value('MemorySize');
  const timeout = value('Timeout');
  const architectures = value('Architectures');
  const architecture = Array.isArray(architectures) ? architectures[0] : undefined;
  const buildMethod = asObject(metadata).BuildMethod;
  return {
    logicalId: id,
    runtime,
    handler,
    code,
    environment,
    layers,
    bundle: buildMethod === 'esbuild',
    ...(memorySize === undefined ? {} : { memorySize: Number(memorySize) }),
    ...(timeout === undefined ? {} : { timeout: Number(timeout) }),
    ...(architecture === 'arm64' || architecture === 'x86_64' ? { architecture } : {}),
  };
};

export { summarizeTemplateFunctions, readTemplateFunction };
export type { ReadTemplateFunctionOptions, TemplateCode, TemplateFunction, TemplateFunctionSummary, TemplateLayer };
