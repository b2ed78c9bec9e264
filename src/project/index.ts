/**
 * Reads what users already have — a handler file and its code root, a SAM
 * template, a CDK cloud assembly — into a function definition the embedded
 * Lambda service deploys as it is given.
 *
 * @example
 * import { loadLocalFunction } from './project/index.js';
 * const fn = await loadLocalFunction({ file: './src/handler.ts', name: 'demo' });
 *
 * @module project
 */
export { ProjectBuildError, ProjectInputError } from './errors.js';
export { loadLocalFunction } from './load-local-function.js';
export type { LoadLocalFunctionOptions } from './load-local-function.js';
export { locateSyntaxError } from './locate-syntax-error.js';
export { parseDotenv, parseEnvAssignments, parseTimeout } from './parse-environment.js';
export { listTemplateFile, loadTemplateFunction, parseParameterOverrides } from './template/load-template-function.js';
export type { LoadTemplateFunctionOptions } from './template/load-template-function.js';
export { parseTemplate } from './template/parse-template.js';
export type { Template } from './template/parse-template.js';
export { summarizeTemplateFunctions, readTemplateFunction } from './template/read-template-function.js';
export type { TemplateFunction, TemplateFunctionSummary } from './template/read-template-function.js';
export { resolveIntrinsics } from './template/resolve-intrinsics.js';
export type { ResolveContext, Unresolved } from './template/resolve-intrinsics.js';
export type { FunctionDefinition, LayerDefinition, PackagedFile, Packaging } from './types.js';
