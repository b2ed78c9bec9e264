/**
 * Finds where a JavaScript syntax error is. Node.js 20 leaves the file and
 * line out of the error an ES module import throws (it prints them only for
 * an uncaught one), so when a handler's init reports
 * `Runtime.UserCodeSyntaxError`, the packaged sources are parsed again with
 * esbuild, which names `file:line:col`.
 *
 * @module project/locate-syntax-error
 */
import { join, relative } from 'node:path';
import type { Message } from 'esbuild';
import type { PackagedFile } from './types.js';

const JAVASCRIPT = /\.(mjs|cjs|js)$/;

/**
 * The first syntax error of the package's own JavaScript files (not
 * `node_modules`), as `file:line:col: message` relative to `cwd`, or undefined.
 *
 * @example
 * await locateSyntaxError({ files, codeRoot: '/app', cwd: '/app' }); // 'index.mjs:2:12: Unexpected ";"'
 */
const locateSyntaxError = async ({
  files,
  codeRoot,
  cwd,
}: {
  files: readonly PackagedFile[];
  codeRoot: string;
  cwd: string;
}): Promise<string | undefined> => {
  const esbuild = await import('esbuild').catch(() => undefined);
  if (esbuild === undefined) return undefined;
  const { transform } = esbuild;
  for (const file of files) {
    if (!JAVASCRIPT.test(file.path) || file.path.startsWith('node_modules/') || file.path.includes('/node_modules/'))
      continue;
    try {
      await transform(file.data.toString('utf8'), {
        loader: 'js',
        format: file.path.endsWith('.cjs') ? 'cjs' : undefined,
        logLevel: 'silent',
      });
    } catch (error) {
      const first = (error as { errors?: Message[] }).errors?.[0];
      if (first?.location == null) continue;
      return `${relative(cwd, join(codeRoot, file.path))}:${first.location.line}:${first.location.column + 1}: ${first.text}`;
    }
  }
  return undefined;
};

export { locateSyntaxError };
