/**
 * The file side of templates: reads a SAM/CloudFormation template or a CDK
 * cloud assembly's template, then the code, asset folders and layers it
 * names, into a function definition.
 *
 * @module project/template/load-template-function
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readZip } from '../../emulator/index.js';
import { DEFAULT_LOCAL_TIMEOUT_SECONDS } from '../constants.js';
import { ProjectInputError } from '../errors.js';
import { listCodeFiles } from '../list-code-files.js';
import { loadLocalFunction } from '../load-local-function.js';
import type { FunctionDefinition, LayerDefinition, PackagedFile } from '../types.js';
import { parseTemplate } from './parse-template.js';
import type { Template } from './parse-template.js';
import { summarizeTemplateFunctions, readTemplateFunction } from './read-template-function.js';
import type { TemplateFunctionSummary } from './read-template-function.js';

const NODE_SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;

/**
 * Reads and parses a template file.
 *
 * @example
 * const { template, file } = readTemplateFile({ path: 'template.yaml', cwd: process.cwd() });
 */
const readTemplateFile = ({
  path,
  cwd,
}: {
  path: string;
  cwd: string;
}): { template: Template; file: string; dir: string } => {
  const full = resolve(cwd, path);
  if (!existsSync(full) || !statSync(full).isFile())
    throw new ProjectInputError({
      field: '--template',
      message: `--template: expected a SAM/CloudFormation template or cdk.out/<Stack>.template.json; got ${JSON.stringify(relative(cwd, full) || path)} (no such file)`,
    });
  const file = relative(cwd, full) || path;
  return { template: parseTemplate({ text: readFileSync(full, 'utf8'), file }), file, dir: dirname(full) };
};

/**
 * The functions of a template file (for `--template` without `--function`).
 *
 * @example
 * listTemplateFile({ path: 'template.yaml', cwd }); // [{ logicalId: 'Hello', runtime: 'nodejs22.x', … }]
 */
const listTemplateFile = ({ path, cwd }: { path: string; cwd: string }): TemplateFunctionSummary[] =>
  summarizeTemplateFunctions(readTemplateFile({ path, cwd }).template);

/** A folder's or zip's files; a layer keeps its node_modules (that is what a Node.js layer holds). */
const filesOf = ({ path, field, layer = false }: { path: string; field: string; layer?: boolean }): PackagedFile[] => {
  if (!existsSync(path))
    throw new ProjectInputError({
      field,
      message: `${field}: expected local code at ${path}; it does not exist (for SAM, CodeUri and ContentUri are relative to the template; for CDK, run cdk synth first)`,
    });
  if (statSync(path).isDirectory()) return listCodeFiles({ root: path, ...(layer ? { skip: new Set<string>() } : {}) });
  return readZip(readFileSync(path)).map((entry) => ({ path: entry.path, data: entry.data, mode: entry.mode }));
};

/** `src/app.handler` → the source file of module `src/app` in `codeRoot`. */
const entryFileOf = ({
  codeRoot,
  handler,
  runtime,
  field,
}: {
  codeRoot: string;
  handler: string;
  runtime: string;
  field: string;
}): { file: string; exportName: string } => {
  const dot = handler.lastIndexOf('.');
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const python = runtime.startsWith('python');
  const base = join(codeRoot, python && !modulePath.includes('/') ? modulePath.replaceAll('.', '/') : modulePath);
  const extensions = python ? ['.py'] : NODE_SOURCE_EXTENSIONS;
  const file = extensions.map((ext) => `${base}${ext}`).find((candidate) => existsSync(candidate));
  if (dot <= 0 || file === undefined) {
    throw new ProjectInputError({
      field,
      message: `${field}: Handler ${JSON.stringify(handler)} names module ${relative(process.cwd(), base)}${extensions.length === 1 ? extensions[0] : ` (${extensions.join(', ')})`}, which does not exist`,
    });
  }
  return { file, exportName };
};

interface LoadTemplateFunctionOptions {
  path: string;
  logicalId: string;
  /** Function name in the local service (default `powertune-local-<LogicalId>`). */
  name?: string;
  parameterOverrides?: Record<string, string>;
  /** --env values: they win over the template's. */
  environment?: Record<string, string>;
  /** --timeout: wins over the template's. */
  timeout?: number;
  bundle?: boolean;
  cwd?: string;
}

/**
 * A cloud assembly's file assets from its `*.assets.json` manifests: the S3
 * object key each asset is published under → its folder or zip in cdk.out
 * (used when the template carries no `aws:asset:path` metadata).
 */
const readAssetManifests = (dir: string): Record<string, string> => {
  const assets: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.assets.json'))) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        files?: Record<string, { source?: { path?: string }; destinations?: Record<string, { objectKey?: string }> }>;
      };
      for (const asset of Object.values(manifest.files ?? {})) {
        const path = asset.source?.path;
        if (path === undefined) continue;
        for (const destination of Object.values(asset.destinations ?? {}))
          if (destination.objectKey !== undefined) assets[destination.objectKey] = path;
      }
    } catch {
      // Not a manifest we can read: the template's own metadata may still do.
    }
  }
  return assets;
};

/**
 * Loads one function of a template into a definition.
 *
 * @example
 * const fn = await loadTemplateFunction({ path: 'template.yaml', logicalId: 'HelloFunction', parameterOverrides: { Stage: 'dev' } });
 */
const loadTemplateFunction = async ({
  path,
  logicalId,
  name: givenName,
  parameterOverrides = {},
  environment = {},
  timeout,
  bundle = false,
  cwd = process.cwd(),
}: LoadTemplateFunctionOptions): Promise<FunctionDefinition> => {
  const { template, file, dir } = readTemplateFile({ path, cwd });
  const spec = readTemplateFunction({
    template,
    file,
    logicalId,
    parameterOverrides,
    environmentOverrides: environment,
    assets: readAssetManifests(dir),
  });
  const layers: LayerDefinition[] = spec.layers.map((layer) => ({
    name: layer.logicalId,
    files: filesOf({ path: resolve(dir, layer.path), field: `--template: ${file}: ${layer.logicalId}`, layer: true }),
  }));
  const name = givenName ?? `powertune-local-${spec.logicalId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  const settings = {
    name,
    runtime: spec.runtime,
    timeout: timeout ?? spec.timeout ?? DEFAULT_LOCAL_TIMEOUT_SECONDS,
    environment: spec.environment,
    layers,
    ...(spec.memorySize === undefined ? {} : { memorySize: spec.memorySize }),
    ...(spec.architecture === undefined ? {} : { architecture: spec.architecture }),
  };
  const field = `--template: ${file}: ${spec.logicalId}`;
  const layerNote = layers.length === 0 ? '' : `, layers ${layers.map((l) => l.name).join(', ')} under /opt`;
  if (spec.code.kind === 'inline') {
    // Lambda writes inline code to index.js / index.py.
    const entry = spec.runtime.startsWith('python') ? 'index.py' : 'index.js';
    return {
      ...settings,
      handler: spec.handler,
      files: [{ path: entry, data: Buffer.from(spec.code.source) }],
      packaging: 'inline',
      codeRoot: dir,
      summary: `${spec.logicalId}: inline code from ${file}${layerNote}`,
    };
  }
  const codePath = resolve(dir, spec.code.path);
  if (spec.code.kind === 'zip') {
    const files = filesOf({ path: codePath, field });
    return {
      ...settings,
      handler: spec.handler,
      files,
      packaging: 'files',
      codeRoot: dirname(codePath),
      summary: `${spec.logicalId}: built artifact ${relative(cwd, codePath)}${layerNote}`,
    };
  }
  if (!existsSync(codePath) || !statSync(codePath).isDirectory()) filesOf({ path: codePath, field });
  const { file: entry, exportName } = entryFileOf({
    codeRoot: codePath,
    handler: spec.handler,
    runtime: spec.runtime,
    field,
  });
  const definition = await loadLocalFunction({
    ...settings,
    file: entry,
    exportName,
    codeRoot: codePath,
    bundle: bundle || spec.bundle,
    cwd,
    field,
  });
  return { ...definition, summary: `${spec.logicalId} from ${file}: ${definition.summary}${layerNote}` };
};

/**
 * Parses `--parameter-overrides`: `K=V` items (repeatable, or several in one
 * value separated by spaces), or SAM's `ParameterKey=K,ParameterValue=V`.
 *
 * @example
 * parseParameterOverrides(['Stage=prod Size=2']); // { Stage: 'prod', Size: '2' }
 */
const parseParameterOverrides = (values: readonly string[]): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const item of values.flatMap((value) => value.trim().split(/\s+/)).filter((item) => item !== '')) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(item);
    const equals = item.indexOf('=');
    if (long !== null) result[long[1] ?? ''] = long[2] ?? '';
    else if (equals > 0) result[item.slice(0, equals)] = item.slice(equals + 1);
    else
      throw new ProjectInputError({
        field: '--parameter-overrides',
        message: `--parameter-overrides: expected Name=Value; got ${JSON.stringify(item)}`,
      });
  }
  return result;
};

export { listTemplateFile, loadTemplateFunction, parseParameterOverrides };
export type { LoadTemplateFunctionOptions };
