/**
 * Starts the embedded local Lambda service and deploys a local handler into
 * it. The project reader packages the code as a deploy tool would; the
 * handler's init is checked once before anything is measured (a handler
 * that can never start fails fast, once); creation goes through the
 * service's own Lambda API, so what the tuner then sees is exactly what it
 * would see on AWS.
 *
 * @module cli/start-local-function
 */
import { join, relative } from 'node:path';
import {
  checkHandlerInit,
  deployHandlerFile,
  zipWithLayers,
  startEmulator,
  vcpusForMemory,
} from '../emulator/index.js';
import type { InitCheckResult } from '../emulator/index.js';
import { loadLocalFunction, loadTemplateFunction, locateSyntaxError } from '../project/index.js';
import type { FunctionDefinition } from '../project/index.js';
import type { CpuModelChoice } from '../core/index.js';
import { ExitCode, ExitError } from './errors.js';
import type { LocalFunctionSpec } from './local-function.js';
import type { ProjectOptions } from './project-flags.js';

/** Static credentials the embedded service accepts (it checks none). */
const LOCAL_CREDENTIALS = { accessKeyId: 'powertune-local', secretAccessKey: 'powertune-local' } as const;
const LOCAL_REGION = 'us-east-1';
const LOCAL_ACCOUNT = '123456789012';

/** Lambda's largest memory size: above it nothing changes anyway. */
const LAMBDA_MAX_MEMORY_MB = 10_240;

/** Init errors that mean the handler setting names something the code does not have: bad input. */
const HANDLER_NAME_ERRORS = new Set(['Runtime.HandlerNotFound', 'Runtime.MalformedHandlerName']);

/** Where the host runs out of cores in the service's CPU model (1,769 MB = 1 vCPU … 10,240 MB = 6). */
const describeCpuCeiling = (hostCores: number): string => {
  let memory = 128;
  while (
    memory < LAMBDA_MAX_MEMORY_MB &&
    vcpusForMemory({ memorySizeMB: memory + 1, hostCores: Number.POSITIVE_INFINITY }) <= hostCores
  )
    memory += 1;
  return memory >= LAMBDA_MAX_MEMORY_MB ? '' : `: sizes above ${memory} MB get no more CPU here`;
};

interface LocalFunctionHandle {
  endpoint: string;
  region: string;
  functionName: string;
  cpuMode: string;
  /** `run.backend` of a run on it, unless its Invoke header says more. */
  backend: string;
  /** `run.cpuModel`: the model the service chose and why. */
  cpuModel: { model: 'cgroup' | 'virtual-time' | 'cgroup-corrected'; reason: string };
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** How the code was packaged (`node_modules`, `bundle`, `files`, `inline`). */
  packaging: string;
  stop(): Promise<void>;
}

/** The first `/var/task/<file>:<line>[:<col>]` of an init failure, as a path the user can open. */
const locateFailure = ({
  result,
  codeRoot,
  cwd,
}: {
  result: Extract<InitCheckResult, { ok: false }>;
  codeRoot: string;
  cwd: string;
}): string | undefined => {
  const texts = [result.causeStack ?? '', result.errorMessage, ...result.stackTrace, result.output];
  for (const text of texts) {
    const match =
      /(?:file:\/\/)?\/var\/task\/([^\s:()'"]+):(\d+)(?::(\d+))?/.exec(text) ??
      /File "\/var\/task\/([^"]+)", line (\d+)/.exec(text) ??
      /\(\/var\/task\/([^,]+), line (\d+)\)/.exec(text);
    if (match !== null)
      return `${relative(cwd, join(codeRoot, match[1] ?? ''))}:${match[2]}${match[3] === undefined ? '' : `:${match[3]}`}`;
  }
  return undefined;
};

/**
 * Packages a local handler and checks that it can start; throws an
 * `ExitError` (exit 1, or 2 for a missing export) when it cannot.
 *
 * @example
 * const { definition, zip } = await prepareLocalFunction({ spec, project, cwd: process.cwd() });
 */
const prepareLocalFunction = async ({
  spec,
  project,
  cwd,
}: {
  spec: LocalFunctionSpec;
  project: ProjectOptions;
  cwd: string;
}): Promise<{ definition: FunctionDefinition; zip: Buffer }> => {
  if (spec.exportName !== undefined && project.handler !== undefined && spec.exportName !== project.handler) {
    throw new ExitError(
      `--handler: expected the same name as the :${spec.exportName} suffix of --function, or only one of them; got ${JSON.stringify(project.handler)}`,
      ExitCode.BadInput,
    );
  }
  const exportName = spec.exportName ?? project.handler;
  if (spec.logicalId !== undefined && (project.handler !== undefined || project.codeRoot !== undefined)) {
    throw new ExitError(
      `--${project.handler === undefined ? 'code-root' : 'handler'}: the template names the function's code and handler; got both --template and --${project.handler === undefined ? 'code-root' : 'handler'}`,
      ExitCode.BadInput,
    );
  }
  const definition =
    spec.logicalId !== undefined
      ? await loadTemplateFunction({
          path: spec.path,
          logicalId: spec.logicalId,
          name: spec.functionName,
          parameterOverrides: project.parameterOverrides,
          environment: project.environment,
          bundle: project.bundle,
          cwd,
          ...(project.timeout === undefined ? {} : { timeout: project.timeout }),
        })
      : await loadLocalFunction({
          file: spec.path,
          name: spec.functionName,
          cwd,
          bundle: project.bundle,
          environment: project.environment,
          ...(exportName === undefined ? {} : { exportName }),
          ...(project.codeRoot === undefined ? {} : { codeRoot: project.codeRoot }),
          ...(project.timeout === undefined ? {} : { timeout: project.timeout }),
          ...(project.packagesDir === undefined ? {} : { packagesDir: project.packagesDir }),
        });
  const zip = zipWithLayers({ files: definition.files, layers: definition.layers });
  const result = await checkHandlerInit({
    zip,
    runtime: definition.runtime,
    handler: definition.handler,
    environment: definition.environment,
    functionName: definition.name,
    region: LOCAL_REGION,
  });
  if (!result.ok) {
    const syntax =
      result.errorType === 'Runtime.UserCodeSyntaxError' && definition.runtime.startsWith('nodejs')
        ? await locateSyntaxError({ files: definition.files, codeRoot: definition.codeRoot, cwd })
        : undefined;
    const where = syntax ?? locateFailure({ result, codeRoot: definition.codeRoot, cwd });
    const firstLine = result.errorMessage.split('\n')[0] ?? '';
    const message = `--function: the handler cannot start (${result.errorType}: ${firstLine.replaceAll('/var/task/', `${relative(cwd, definition.codeRoot) || '.'}/`)})${where === undefined ? '' : `\n  at ${where}`}\nNothing was measured. Fix the handler and run again.`;
    throw new ExitError(message, HANDLER_NAME_ERRORS.has(result.errorType) ? ExitCode.BadInput : ExitCode.RunFailed);
  }
  return { definition, zip };
};

/**
 * Starts the emulator on 127.0.0.1 and creates the function.
 *
 * @example
 * const handle = await startLocalFunction({ definition, zip, log: console.error });
 */
const startLocalFunction = async ({
  definition,
  zip,
  log,
  cpuModel,
}: {
  definition: FunctionDefinition;
  zip: Buffer;
  log: (line: string) => void;
  /** `tune --cpu-model`: the service's CPU model (default auto: it calibrates). */
  cpuModel?: CpuModelChoice | undefined;
}): Promise<LocalFunctionHandle> => {
  const emulator = await startEmulator({
    ...(cpuModel === undefined ? {} : { cpuModel }),
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    announce: false,
    // Our own start line says what matters; keep the service's warnings.
    logger: { info: () => undefined, warn: (message: string) => log(`warning: ${message}`) },
  });
  try {
    await deployHandlerFile({
      service: emulator.service,
      endpoint: emulator.endpoint,
      functionName: definition.name,
      runtime: definition.runtime,
      handler: definition.handler,
      zip,
      memorySize: definition.memorySize ?? 128,
      timeout: definition.timeout,
      environment: definition.environment,
      ...(definition.architecture === undefined ? {} : { architecture: definition.architecture }),
      description: `local handler ${definition.handler}`,
      accountId: LOCAL_ACCOUNT,
    });
    const cpu = emulator.cpu;
    log(
      `powertune: packaged ${definition.summary} as ${definition.runtime} ${definition.handler} [${definition.packaging}]`,
    );
    log(
      `powertune: local Lambda service on ${emulator.endpoint} (CPU ${cpu.mode}, ${cpu.hostCores} host cores${describeCpuCeiling(cpu.hostCores)})`,
    );
    return {
      endpoint: emulator.endpoint,
      region: LOCAL_REGION,
      functionName: definition.name,
      cpuMode: cpu.mode,
      backend: `emulator (${cpu.description})`,
      cpuModel: { model: cpu.model, reason: cpu.reason },
      credentials: { ...LOCAL_CREDENTIALS },
      packaging: definition.packaging,
      stop: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    if (error instanceof Error && error.name === 'PackageHandlerError')
      throw new ExitError(`--function: ${error.message}`, ExitCode.BadInput, { cause: error });
    throw error;
  }
};

export { prepareLocalFunction, startLocalFunction };
export type { LocalFunctionHandle };
