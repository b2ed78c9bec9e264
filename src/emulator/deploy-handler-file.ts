/**
 * Deploys packaged code into a running local Lambda service through its own
 * Lambda API (CreateFunction, then GetFunctionConfiguration until Active),
 * so what a client then sees is exactly what it would see on AWS. The one
 * deploy path of the CLI (`tune --function ./file`, `emulator --functions DIR`).
 *
 * @module emulator/deploy-handler-file
 */
import { LAMBDA_LIMITS } from './constants.js';
import { PackageHandlerError } from './errors.js';

/** Role ARN of locally deployed functions (the service checks none). */
const LOCAL_ROLE = (accountId: string): string => `arn:aws:iam::${accountId}:role/powertune-local`;

/** A new function is `Pending` for a moment, as on AWS; poll until `Active`. */
const ACTIVE_POLL_MS = 20;
const ACTIVE_POLL_LIMIT = 500;

interface DeployHandlerFileOptions {
  /** The service's `fetch` (in-process) and its endpoint. */
  service: { fetch(request: Request): Promise<Response> };
  endpoint: string;
  functionName: string;
  runtime: string;
  handler: string;
  zip: Buffer;
  memorySize?: number;
  timeout?: number;
  /** The function's variables; their values never appear in an error this throws. */
  environment?: Record<string, string>;
  architecture?: 'x86_64' | 'arm64';
  description?: string;
  accountId?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the function and waits until it is Active.
 *
 * @example
 * await deployHandlerFile({ service: emulator.service, endpoint: emulator.endpoint, functionName: 'demo', ...packageHandlerFile({ file: './index.mjs' }) });
 */
const deployHandlerFile = async (options: DeployHandlerFileOptions): Promise<{ functionArn: string }> => {
  const { service, endpoint, functionName, accountId = '123456789012' } = options;
  const environment = options.environment ?? {};
  // Lambda's own limit, said in the user's terms before the request is refused:
  // a code root's production dependencies are packaged as a deploy tool would.
  if (options.zip.length > LAMBDA_LIMITS.zippedCodeBytes) {
    const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
    throw new PackageHandlerError({
      message:
        `the packaged code of ${functionName} is ${mb(options.zip.length)} zipped, above Lambda's ${mb(LAMBDA_LIMITS.zippedCodeBytes)} limit for a direct upload. ` +
        'It holds the code root and the production dependencies of its package.json: move build and test tools (powertune, aws-cdk-lib, …) to devDependencies, pass --code-root to a smaller folder, or pass --bundle',
      file: functionName,
    });
  }
  const response = await service.fetch(
    new Request(`${endpoint}/2015-03-31/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        FunctionName: functionName,
        Runtime: options.runtime,
        Handler: options.handler,
        Role: LOCAL_ROLE(accountId),
        Code: { ZipFile: options.zip.toString('base64') },
        ...(options.memorySize === undefined ? {} : { MemorySize: options.memorySize }),
        ...(options.timeout === undefined ? {} : { Timeout: options.timeout }),
        ...(Object.keys(environment).length === 0 ? {} : { Environment: { Variables: environment } }),
        ...(options.architecture === undefined ? {} : { Architectures: [options.architecture] }),
        ...(options.description === undefined ? {} : { Description: options.description }),
      }),
    }),
  );
  const body = (await response.json().catch(() => ({}))) as {
    FunctionArn?: string;
    message?: string;
    Message?: string;
  };
  if (!response.ok) {
    throw new PackageHandlerError({
      message: `the local Lambda service refused ${functionName}: ${body.message ?? body.Message ?? `HTTP ${response.status}`}`,
      file: functionName,
    });
  }
  for (let i = 0; i < ACTIVE_POLL_LIMIT; i += 1) {
    const state = await service.fetch(
      new Request(`${endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/configuration`),
    );
    const config = (await state.json()) as { State?: string; StateReason?: string };
    if (config.State === 'Active') return { functionArn: body.FunctionArn ?? '' };
    if (config.State === 'Failed')
      throw new PackageHandlerError({
        message: `the local function ${functionName} failed to start: ${config.StateReason ?? 'unknown reason'}`,
        file: functionName,
      });
    await sleep(ACTIVE_POLL_MS);
  }
  throw new PackageHandlerError({
    message: `the local function ${functionName} did not become Active within ${(ACTIVE_POLL_MS * ACTIVE_POLL_LIMIT) / 1000} s`,
    file: functionName,
  });
};

export { deployHandlerFile };
export type { DeployHandlerFileOptions };
