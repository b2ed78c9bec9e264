/**
 * What a project turns into: one function definition the embedded Lambda
 * service deploys as it is given.
 *
 * @module project/types
 */

/** One file of a deployment package, by its path inside the package. */
interface PackagedFile {
  /** Path in the package, `/`-separated (`src/handler.mjs`, `node_modules/ms/index.js`). */
  path: string;
  data: Buffer;
  /** UNIX permission bits (default 0o644). */
  mode?: number;
}

/**
 * How the code was packaged; a bundle and a `node_modules` tree start
 * differently, so a run says which one it measured.
 * - `node_modules`: the code root's files plus its production `node_modules`;
 * - `bundle`: one esbuild bundle (`@aws-sdk/*` left to the runtime);
 * - `files`: the code root's files as they are (Python, or Node.js without dependencies);
 * - `inline`: code written in the template (`ZipFile` / `InlineCode`).
 */
type Packaging = 'node_modules' | 'bundle' | 'files' | 'inline';

/** A layer's content, mounted under `/opt` in order. */
interface LayerDefinition {
  name: string;
  files: PackagedFile[];
}

/** A function ready to deploy. */
interface FunctionDefinition {
  /** Function name in the local service. */
  name: string;
  runtime: string;
  /** Lambda's `Handler` setting, e.g. `src/handler.handler`. */
  handler: string;
  files: PackagedFile[];
  memorySize?: number;
  timeout: number;
  /** The function's own variables. Values are secrets: never print them. */
  environment: Record<string, string>;
  architecture?: 'x86_64' | 'arm64';
  layers: LayerDefinition[];
  packaging: Packaging;
  /** Folder the code came from (absolute), for messages and for mapping paths back. */
  codeRoot: string;
  /** One line saying what was packaged, for the run's output. */
  summary: string;
}

export type { FunctionDefinition, LayerDefinition, PackagedFile, Packaging };
