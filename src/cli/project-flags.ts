/**
 * Flags that describe the project a local handler comes from (code root,
 * bundling, environment, timeout, handler name, template), and reading them
 * into options before anything is deployed.
 *
 * @module cli/project-flags
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseDotenv,
  parseEnvAssignments,
  parseParameterOverrides,
  parseTimeout,
  ProjectInputError,
} from '../project/index.js';
import type { FlagSpec, FlagValues } from './parse-flags.js';

const PROJECT_FLAGS: FlagSpec[] = [
  {
    name: 'code-root',
    type: 'string',
    value: 'DIR',
    description:
      "Local handler: the folder Lambda gets (default: the nearest folder with a package.json; Python: the handler's folder)",
  },
  {
    name: 'bundle',
    type: 'boolean',
    description:
      'Local Node.js handler: one esbuild bundle (@aws-sdk/* left to the runtime) instead of the code root with its production node_modules',
  },
  {
    name: 'env',
    type: 'string',
    value: 'KEY=VALUE',
    multiple: true,
    description: 'Local handler: an environment variable (repeatable; values are never printed)',
  },
  {
    name: 'env-file',
    type: 'string',
    value: 'FILE',
    description: 'Local handler: environment variables from a dotenv file (--env wins)',
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'SECONDS',
    description: "Local handler: the function timeout, 1..900 (default 60, or the template's)",
  },
  {
    name: 'handler',
    type: 'string',
    value: 'NAME',
    description: 'Local handler: the exported function (default handler; Python lambda_handler, else handler)',
  },
  {
    name: 'template',
    type: 'string',
    value: 'FILE',
    description:
      'SAM/CloudFormation template or cdk.out/<Stack>.template.json: --function names a LogicalId (without it, lists the functions)',
  },
  {
    name: 'parameter-overrides',
    type: 'string',
    value: 'K=V',
    multiple: true,
    description: 'With --template: parameter values (repeatable, or "K1=V1 K2=V2")',
  },
  {
    name: 'packages-dir',
    type: 'string',
    value: 'DIR',
    description: 'Local Python handler: a folder of installed packages (pip install -t DIR) packaged beside the code',
  },
];

interface ProjectOptions {
  codeRoot?: string;
  bundle: boolean;
  /** Values are secrets: never print them. */
  environment: Record<string, string>;
  timeout?: number;
  handler?: string;
  packagesDir?: string;
  template?: string;
  parameterOverrides: Record<string, string>;
}

/** Whether any project flag was given (they apply only to local handlers). */
const projectFlagsGiven = (values: FlagValues): string[] =>
  PROJECT_FLAGS.map((flag) => flag.name).filter((name) => values[name] !== undefined && values[name] !== false);

/**
 * Reads the project flags (and the env file) into options; every problem is a `ProjectInputError` (exit 2).
 *
 * @example
 * readProjectOptions({ values: { env: ['STAGE=dev'], timeout: '30' }, cwd: process.cwd() });
 */
const readProjectOptions = ({ values, cwd }: { values: FlagValues; cwd: string }): ProjectOptions => {
  let environment: Record<string, string> = {};
  if (typeof values['env-file'] === 'string') {
    const file = values['env-file'];
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch {
      throw new ProjectInputError({
        field: '--env-file',
        message: `--env-file: expected a readable dotenv file; got ${JSON.stringify(file)} (cannot read it)`,
      });
    }
    environment = parseDotenv({ text, file });
  }
  const assignments = values.env === undefined ? [] : Array.isArray(values.env) ? values.env : [String(values.env)];
  environment = { ...environment, ...parseEnvAssignments(assignments) };
  const overrides =
    values['parameter-overrides'] === undefined
      ? []
      : Array.isArray(values['parameter-overrides'])
        ? values['parameter-overrides']
        : [String(values['parameter-overrides'])];
  if (overrides.length > 0 && typeof values.template !== 'string') {
    throw new ProjectInputError({
      field: '--parameter-overrides',
      message: '--parameter-overrides: applies only with --template; got no --template',
    });
  }
  return {
    bundle: values.bundle === true,
    parameterOverrides: parseParameterOverrides(overrides),
    ...(typeof values.template === 'string' ? { template: values.template } : {}),
    environment,
    ...(typeof values['code-root'] === 'string' ? { codeRoot: values['code-root'] } : {}),
    ...(typeof values.timeout === 'string' ? { timeout: parseTimeout(values.timeout) } : {}),
    ...(typeof values.handler === 'string' ? { handler: values.handler } : {}),
    ...(typeof values['packages-dir'] === 'string' ? { packagesDir: values['packages-dir'] } : {}),
  };
};

export { PROJECT_FLAGS, projectFlagsGiven, readProjectOptions };
export type { ProjectOptions };
