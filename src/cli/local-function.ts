/**
 * The embedded default: `powertune tune --function ./handler.mjs[:export]`
 * starts the local Lambda service in-process, deploys the file as a function
 * and hands the tuner an endpoint — the tuner then talks to it through the
 * AWS SDK exactly as it would to AWS.
 *
 * @module cli/local-function
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';

/** File extensions that mark a local handler rather than a function name. */
const HANDLER_EXTENSIONS = ['.mjs', '.js', '.cjs', '.py', '.ts', '.mts', '.cts'] as const;

interface LocalFunctionSpec {
  path: string;
  /** The `:export` suffix, when given (else the runtime's default handler name). */
  exportName: string | undefined;
  functionName: string;
  /** With --template: the function's LogicalId (`path` is then the template). */
  logicalId?: string;
}

/**
 * Recognises `./handler.mjs`, `dir/app.py:main` or a directory; returns
 * undefined for names and ARNs.
 *
 * @example
 * parseLocalFunction({ value: './handler.mjs:run', cwd: '/tmp' });
 */
const parseLocalFunction = ({ value, cwd }: { value: string; cwd: string }): LocalFunctionSpec | undefined => {
  if (value.startsWith('arn:')) return undefined;
  const match = /^(.*?)(?::([A-Za-z_$][\w$]*))?$/.exec(value);
  const file = match?.[1] ?? value;
  const exportName = match?.[2];
  const looksLikePath =
    file.includes('/') || file.includes('\\') || HANDLER_EXTENSIONS.some((ext) => file.endsWith(ext));
  if (!looksLikePath) return undefined;
  const path = resolve(cwd, file);
  if (!existsSync(path)) return { path, exportName, functionName: '' };
  const stem = statSync(path).isDirectory() ? basename(path) : basename(path, extname(path));
  const dirName = basename(resolve(path, '..'));
  const base = stem === 'index' || stem === 'handler' || stem === 'app' ? dirName : stem;
  const functionName = `powertune-local-${base}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  return { path, exportName, functionName };
};

/**
 * The spec of a template's function (`--template FILE --function LogicalId`).
 *
 * @example
 * templateFunctionSpec({ template: 'template.yaml', logicalId: 'Hello', cwd: '/app' });
 */
const templateFunctionSpec = ({
  template,
  logicalId,
  cwd,
}: {
  template: string;
  logicalId: string;
  cwd: string;
}): LocalFunctionSpec => ({
  path: resolve(cwd, template),
  exportName: undefined,
  functionName: `powertune-local-${logicalId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64),
  logicalId,
});

export { parseLocalFunction, templateFunctionSpec };
export type { LocalFunctionSpec };
