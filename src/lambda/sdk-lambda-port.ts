/**
 * The `LambdaPort` over the AWS SDK v3 `LambdaClient`. The only file in the
 * project that sends Lambda commands. The SDK's own retry is off
 * (`maxAttempts: 1`): `withRetry` runs instead, so every throttle and retry
 * is counted and reported per invocation.
 *
 * @module lambda/sdk-lambda-port
 */
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type {
  AliasConfiguration,
  Runtime,
  FunctionConfiguration as SdkFunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {
  INVOKE_REQUEST_TIMEOUT_MS,
  LAMBDA_ERROR_CODES,
  LOCAL_SERVICE_HEADERS,
  LATEST,
  MAX_CONFLICT_RETRIES,
  SDK_MAX_ATTEMPTS,
  WAIT_POLICY,
} from './constants.js';
import { DefaultRateLimiter } from '@smithy/core/retry';
import { parseCopyFunctionName, regionOfArn } from '../core/index.js';
import { addDebugLogging } from './add-debug-logging.js';
import { decodeLogResult } from './decode-log-result.js';
import { FunctionUpdateFailedError, FunctionUpdateTimeoutError, LambdaApiError } from './errors.js';
import { isLoopback } from './is-loopback.js';
import { mapSdkError } from './map-sdk-error.js';
import { resolveRetryPolicy } from './resolve-retry-policy.js';
import { resolveEndpoint } from './resolve-target.js';
import type {
  AliasInfo,
  FunctionConfiguration,
  LambdaPort,
  LocalServiceInfo,
  RandomSource,
  RetryPolicy,
  Sleep,
} from './types.js';
import { defaultSleep, RetryFailure, withRetry } from './with-retry.js';

interface SdkLambdaPortOptions {
  /** Region of the client; undefined lets the SDK's default chain decide. */
  region?: string;
  /** Named profile from ~/.aws/config and ~/.aws/credentials (`--profile`). */
  profile?: string;
  /** Custom endpoint (`--endpoint-url`); defaults from AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** An existing client (the test seam); region/profile/endpoint are then ignored. */
  client?: LambdaClient;
  /**
   * Static credentials. Defaults to the SDK's chain, except for a loopback
   * endpoint (the local emulator) without a profile: placeholder keys, since
   * the emulator checks no signature and a laptop may have no AWS setup.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  sleep?: Sleep;
  random?: RandomSource;
  /** Default: `DEFAULT_RETRY_POLICY` with `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` from `env`. */
  retry?: RetryPolicy;
  /** Environment used for endpoint defaults. */
  env?: Record<string, string | undefined>;
  /** `--debug`: receives one line per attempt of every call (no secrets, no payloads). */
  debugLog?: (line: string) => void;
}

const VERSION_NUMBER = /^\d+$/;
const MAX_PAGE_SIZE = 50;
const EMULATOR_CREDENTIALS = { accessKeyId: 'powertune-local', secretAccessKey: 'powertune-local' } as const;

const errorName = (error: unknown): string | undefined => {
  const inner = error instanceof RetryFailure ? error.error : error;
  return typeof inner === 'object' && inner !== null && typeof (inner as { name?: unknown }).name === 'string'
    ? (inner as { name: string }).name
    : undefined;
};

const errorMessage = (error: unknown): string => {
  const inner = error instanceof RetryFailure ? error.error : error;
  return inner instanceof Error ? inner.message : String(inner);
};

/** A conflict that means "an update is in progress" (not "alias already exists"). */
const isUpdateInProgress = (error: unknown): boolean =>
  errorName(error) === LAMBDA_ERROR_CODES.conflict && !/already exists/i.test(errorMessage(error));

const isNotFound = (error: unknown): boolean => errorName(error) === LAMBDA_ERROR_CODES.notFound;

const toConfiguration = (c: SdkFunctionConfiguration): FunctionConfiguration => ({
  functionName: c.FunctionName ?? '',
  functionArn: c.FunctionArn ?? '',
  version: c.Version ?? LATEST,
  memoryMB: c.MemorySize ?? 0,
  description: c.Description ?? '',
  architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
  ...(c.State !== undefined ? { state: c.State } : {}),
  ...(c.StateReason !== undefined ? { stateReason: c.StateReason } : {}),
  ...(c.LastUpdateStatus !== undefined ? { lastUpdateStatus: c.LastUpdateStatus } : {}),
  ...(c.LastUpdateStatusReason !== undefined ? { lastUpdateStatusReason: c.LastUpdateStatusReason } : {}),
  ...(c.LoggingConfig?.LogFormat !== undefined ? { logFormat: c.LoggingConfig.LogFormat } : {}),
  ...(c.RevisionId !== undefined ? { revisionId: c.RevisionId } : {}),
  ...(c.LastModified !== undefined ? { lastModified: c.LastModified } : {}),
  ...(c.PackageType !== undefined ? { packageType: c.PackageType } : {}),
  ...(c.CodeSha256 !== undefined ? { codeSha256: c.CodeSha256 } : {}),
  ...(c.Timeout !== undefined ? { timeoutSeconds: c.Timeout } : {}),
  ...(c.Runtime !== undefined ? { runtime: c.Runtime } : {}),
});

const toAlias = (a: AliasConfiguration): AliasInfo => ({
  name: a.Name ?? '',
  functionVersion: a.FunctionVersion ?? '',
  additionalVersions: Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {}),
  ...(a.AliasArn !== undefined ? { aliasArn: a.AliasArn } : {}),
  ...(a.RevisionId !== undefined ? { revisionId: a.RevisionId } : {}),
});

/** The headers of a raw HTTP response, names lowercased; `{}` for anything else. */
const readResponseHeaders = (response: unknown): Record<string, string> => {
  const raw = (response as { headers?: unknown } | undefined)?.headers;
  if (raw === null || typeof raw !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
};

/**
 * What the local Lambda service said in its Invoke headers; `undefined` when
 * the answer came from AWS (which sets neither header).
 *
 * @example
 * readLocalService({ 'x-powertune-emulator': 'virtual-time (…), 2 host cores', 'x-powertune-admission-wait-ms': '12' });
 * // { description: 'virtual-time (…), 2 host cores', admissionWaitMs: 12 }
 */
const readLocalService = (headers: Record<string, string>): LocalServiceInfo | undefined => {
  const description = headers[LOCAL_SERVICE_HEADERS.emulator]?.trim();
  if (description === undefined || description === '') return undefined;
  const waitText = headers[LOCAL_SERVICE_HEADERS.admissionWaitMs];
  const wait = Number(waitText);
  return {
    description,
    ...(waitText !== undefined && waitText.trim() !== '' && Number.isFinite(wait) ? { admissionWaitMs: wait } : {}),
  };
};

/**
 * Creates a `LambdaPort` backed by the AWS SDK v3.
 *
 * Functions given as full ARNs in another region than the port's (a pre- or
 * post-processor elsewhere, like the reference allows) get a client of
 * their own region, unless a client or endpoint was injected.
 *
 * @example
 * const lambda = createSdkLambdaPort({ region: 'eu-west-1', profile: 'dev' });
 * const config = await lambda.getConfiguration({ functionName: 'my-fn' });
 */
const createSdkLambdaPort = ({
  region,
  profile,
  endpoint,
  client,
  credentials,
  sleep = defaultSleep,
  random = Math.random,
  retry,
  env = process.env,
  debugLog,
}: SdkLambdaPortOptions = {}): LambdaPort => {
  // AWS_MAX_ATTEMPTS / AWS_RETRY_MODE as the SDK would read them; its own retry stays off.
  const policy = retry ?? resolveRetryPolicy({ env });
  const rateLimiter = policy.mode === 'adaptive' ? new DefaultRateLimiter() : undefined;
  const resolvedEndpoint = client === undefined ? (endpoint ?? resolveEndpoint({ env })) : endpoint;
  const staticCredentials =
    credentials ??
    (profile === undefined && resolvedEndpoint !== undefined && isLoopback(resolvedEndpoint)
      ? EMULATOR_CREDENTIALS
      : undefined);
  const makeClient = (clientRegion: string | undefined): LambdaClient => {
    const created = new LambdaClient({
      ...(clientRegion !== undefined ? { region: clientRegion } : {}),
      ...(profile !== undefined ? { profile } : {}),
      ...(resolvedEndpoint !== undefined ? { endpoint: resolvedEndpoint } : {}),
      ...(staticCredentials !== undefined ? { credentials: staticCredentials } : {}),
      maxAttempts: SDK_MAX_ATTEMPTS,
      requestHandler: { requestTimeout: INVOKE_REQUEST_TIMEOUT_MS },
    });
    if (debugLog !== undefined) addDebugLogging({ client: created, log: debugLog });
    return created;
  };
  const mainClient = client ?? makeClient(region);
  const regionalClients = new Map<string, LambdaClient>();
  const clientFor = (functionName: string): LambdaClient => {
    const arnRegion = regionOfArn(functionName);
    if (
      client !== undefined ||
      resolvedEndpoint !== undefined ||
      arnRegion === undefined ||
      region === undefined ||
      arnRegion === region
    ) {
      return mainClient;
    }
    let regional = regionalClients.get(arnRegion);
    if (regional === undefined) {
      regional = makeClient(arnRegion);
      regionalClients.set(arnRegion, regional);
    }
    return regional;
  };

  /** One API call under our retry policy (`operation` names it for readers and stack traces). */
  const call = async <T>({
    functionName,
    signal,
    run,
  }: {
    operation: string;
    functionName: string;
    signal?: AbortSignal;
    run: (c: LambdaClient) => Promise<T>;
  }): Promise<{ value: T; retries: number; throttles: number }> => {
    const c = clientFor(functionName);
    return withRetry(() => run(c), {
      policy,
      sleep,
      random,
      ...(signal !== undefined ? { signal } : {}),
      ...(rateLimiter !== undefined ? { rateLimiter } : {}),
    });
  };

  const fail = ({
    error,
    operation,
    functionName,
    qualifier,
  }: {
    error: unknown;
    operation: string;
    functionName: string;
    qualifier?: string;
  }): never => {
    throw mapSdkError({
      error,
      operation,
      functionName,
      ...(qualifier !== undefined ? { qualifier } : {}),
      ...((regionOfArn(functionName) ?? region) !== undefined ? { region: regionOfArn(functionName) ?? region } : {}),
      ...(resolvedEndpoint !== undefined ? { endpoint: resolvedEndpoint } : {}),
    });
  };

  const getConfiguration: LambdaPort['getConfiguration'] = async ({ functionName, qualifier }) => {
    const operation = 'GetFunctionConfiguration';
    try {
      const { value } = await call({
        operation,
        functionName,
        run: (c) =>
          c.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: qualifier ?? LATEST })),
      });
      return toConfiguration(value);
    } catch (error) {
      return fail({ error, operation, functionName, qualifier: qualifier ?? LATEST });
    }
  };

  const waitUntilUpdated: LambdaPort['waitUntilUpdated'] = async ({ functionName, qualifier, signal }) => {
    const label = qualifier ?? LATEST;
    let waitedMs = 0;
    let delayMs: number = WAIT_POLICY.initialDelayMs;
    for (;;) {
      const config = await getConfiguration({ functionName, ...(qualifier !== undefined ? { qualifier } : {}) });
      if (config.lastUpdateStatus === 'Failed' || config.state === 'Failed') {
        throw new FunctionUpdateFailedError({
          functionName,
          qualifier: label,
          reason: config.lastUpdateStatusReason ?? config.stateReason ?? 'no reason given',
        });
      }
      if (config.lastUpdateStatus !== 'InProgress' && config.state !== 'Pending') return config;
      if (waitedMs >= WAIT_POLICY.maxWaitMs) {
        throw new FunctionUpdateTimeoutError({
          functionName,
          qualifier: label,
          waitedMs,
          lastStatus: config.lastUpdateStatus === 'InProgress' ? 'InProgress' : (config.state ?? 'unknown'),
        });
      }
      await sleep(delayMs, signal);
      waitedMs += delayMs;
      delayMs = Math.min(WAIT_POLICY.maxDelayMs, Math.round(delayMs * WAIT_POLICY.backoffFactor));
    }
  };

  /** Runs a mutating call; on "update in progress" waits for the update to finish and tries again. */
  const mutate = async <T>({
    operation,
    functionName,
    run,
  }: {
    operation: string;
    functionName: string;
    run: (c: LambdaClient) => Promise<T>;
  }): Promise<T> => {
    for (let conflicts = 0; ; conflicts += 1) {
      try {
        const { value } = await call({ operation, functionName, run });
        return value;
      } catch (error) {
        if (isUpdateInProgress(error) && conflicts < MAX_CONFLICT_RETRIES) {
          await waitUntilUpdated({ functionName });
          continue;
        }
        return fail({ error, operation, functionName });
      }
    }
  };

  const updateConfiguration: LambdaPort['updateConfiguration'] = async ({
    functionName,
    memoryMB,
    description,
    revisionId,
  }) =>
    toConfiguration(
      await mutate({
        operation: 'UpdateFunctionConfiguration',
        functionName,
        run: (c) =>
          c.send(
            new UpdateFunctionConfigurationCommand({
              FunctionName: functionName,
              ...(memoryMB !== undefined ? { MemorySize: memoryMB } : {}),
              ...(description !== undefined ? { Description: description } : {}),
              ...(revisionId !== undefined ? { RevisionId: revisionId } : {}),
            }),
          ),
      }),
    );

  const publishVersion: LambdaPort['publishVersion'] = async ({ functionName, description, revisionId }) =>
    toConfiguration(
      await mutate({
        operation: 'PublishVersion',
        functionName,
        run: (c) =>
          c.send(
            new PublishVersionCommand({
              FunctionName: functionName,
              ...(description !== undefined ? { Description: description } : {}),
              ...(revisionId !== undefined ? { RevisionId: revisionId } : {}),
            }),
          ),
      }),
    );

  /** Follows `NextMarker` through every page of a List* operation; errors are mapped once. */
  const listAll = async <Page extends { NextMarker?: string }, Item>({
    operation,
    functionName,
    page,
    items,
  }: {
    operation: string;
    functionName: string;
    page: (c: LambdaClient, marker: string | undefined) => Promise<Page>;
    items: (value: Page) => Item[];
  }): Promise<Item[]> => {
    const all: Item[] = [];
    let marker: string | undefined;
    try {
      do {
        const { value } = await call({ operation, functionName, run: (c) => page(c, marker) });
        all.push(...items(value));
        marker = value.NextMarker;
      } while (marker !== undefined && marker !== '');
    } catch (error) {
      return fail({ error, operation, functionName });
    }
    return all;
  };

  const listVersions: LambdaPort['listVersions'] = ({ functionName }) =>
    listAll({
      operation: 'ListVersionsByFunction',
      functionName,
      page: (c, marker) =>
        c.send(
          new ListVersionsByFunctionCommand({
            FunctionName: functionName,
            MaxItems: MAX_PAGE_SIZE,
            ...(marker !== undefined ? { Marker: marker } : {}),
          }),
        ),
      items: (value) => (value.Versions ?? []).filter((v) => v.Version !== LATEST).map(toConfiguration),
    });

  const listAliases: LambdaPort['listAliases'] = ({ functionName }) =>
    listAll({
      operation: 'ListAliases',
      functionName,
      page: (c, marker) =>
        c.send(
          new ListAliasesCommand({
            FunctionName: functionName,
            MaxItems: MAX_PAGE_SIZE,
            ...(marker !== undefined ? { Marker: marker } : {}),
          }),
        ),
      items: (value) => (value.Aliases ?? []).map(toAlias),
    });

  const createAlias: LambdaPort['createAlias'] = async ({ functionName, name, version, description }) =>
    toAlias(
      await mutate({
        operation: 'CreateAlias',
        functionName,
        run: (c) =>
          c.send(
            new CreateAliasCommand({
              FunctionName: functionName,
              Name: name,
              FunctionVersion: version,
              ...(description !== undefined ? { Description: description } : {}),
            }),
          ),
      }),
    );

  const updateAlias: LambdaPort['updateAlias'] = async ({ functionName, name, version, description }) =>
    toAlias(
      await mutate({
        operation: 'UpdateAlias',
        functionName,
        run: (c) =>
          c.send(
            new UpdateAliasCommand({
              FunctionName: functionName,
              Name: name,
              FunctionVersion: version,
              ...(description !== undefined ? { Description: description } : {}),
            }),
          ),
      }),
    );

  const getAlias: LambdaPort['getAlias'] = async ({ functionName, name }) => {
    const operation = 'GetAlias';
    try {
      const { value } = await call({
        operation,
        functionName,
        run: (c) => c.send(new GetAliasCommand({ FunctionName: functionName, Name: name })),
      });
      return toAlias(value);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      return fail({ error, operation, functionName, qualifier: name });
    }
  };

  const deleteAlias: LambdaPort['deleteAlias'] = async ({ functionName, name }) => {
    const operation = 'DeleteAlias';
    try {
      await mutate({
        operation,
        functionName,
        run: (c) => c.send(new DeleteAliasCommand({ FunctionName: functionName, Name: name })),
      });
      return true;
    } catch (error) {
      if (error instanceof LambdaApiError && error.code === LAMBDA_ERROR_CODES.notFound) return false;
      throw error;
    }
  };

  const deleteVersion: LambdaPort['deleteVersion'] = async ({ functionName, version }) => {
    const operation = 'DeleteFunction';
    // Safety: DeleteFunction without a version number deletes the whole function.
    if (!VERSION_NUMBER.test(version)) {
      throw new LambdaApiError({
        operation,
        functionName,
        code: 'RefusedUnsafeDelete',
        message: `Refusing to delete version "${version}" of ${functionName}: only numbered versions are deleted, never $LATEST, an alias or the function itself.`,
      });
    }
    try {
      await mutate({
        operation,
        functionName,
        run: (c) => c.send(new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version })),
      });
      return true;
    } catch (error) {
      if (error instanceof LambdaApiError && error.code === LAMBDA_ERROR_CODES.notFound) return false;
      throw error;
    }
  };

  const invoke: LambdaPort['invoke'] = async ({ functionName, qualifier, payload, signal }) => {
    const operation = 'Invoke';
    // The raw response headers of the last attempt (the SDK's output drops unknown headers).
    let headers: Record<string, string> = {};
    try {
      const { value, retries, throttles } = await call({
        operation,
        functionName,
        ...(signal !== undefined ? { signal } : {}),
        run: (c) => {
          const command = new InvokeCommand({
            FunctionName: functionName,
            ...(qualifier !== undefined ? { Qualifier: qualifier } : {}),
            LogType: 'Tail',
            ...(payload !== undefined ? { Payload: Buffer.from(payload, 'utf8') } : {}),
          });
          command.middlewareStack.add(
            (next) => async (args) => {
              const result = await next(args);
              headers = readResponseHeaders(result.response);
              return result;
            },
            { step: 'deserialize', name: 'powertuneLocalServiceHeaders' },
          );
          return c.send(command, signal !== undefined ? { abortSignal: signal } : {});
        },
      });
      const log = decodeLogResult(value.LogResult);
      const localService = readLocalService(headers);
      return {
        statusCode: value.StatusCode ?? 0,
        ...(value.FunctionError !== undefined ? { functionError: value.FunctionError } : {}),
        payload: value.Payload === undefined ? '' : Buffer.from(value.Payload).toString('utf8'),
        ...(log !== undefined ? { log } : {}),
        ...(value.ExecutedVersion !== undefined ? { executedVersion: value.ExecutedVersion } : {}),
        retries,
        throttles,
        ...(localService !== undefined ? { localService } : {}),
      };
    } catch (error) {
      if (signal?.aborted === true) throw signal.reason ?? error;
      return fail({ error, operation, functionName, ...(qualifier !== undefined ? { qualifier } : {}) });
    }
  };

  const getFunctionCode: NonNullable<LambdaPort['getFunctionCode']> = async ({ functionName }) => {
    const operation = 'GetFunction';
    try {
      const { value } = await call({
        operation,
        functionName,
        run: (c) => c.send(new GetFunctionCommand({ FunctionName: functionName })),
      });
      const c = value.Configuration ?? {};
      return {
        configuration: toConfiguration(c),
        ...(value.Code?.Location !== undefined ? { codeLocation: value.Code.Location } : {}),
        role: c.Role ?? '',
        ...(c.Handler !== undefined ? { handler: c.Handler } : {}),
        ...(c.Environment?.Variables !== undefined ? { environment: { ...c.Environment.Variables } } : {}),
        layers: (c.Layers ?? []).flatMap((layer) => (layer.Arn === undefined ? [] : [layer.Arn])),
        ...(c.EphemeralStorage?.Size !== undefined ? { ephemeralStorageMB: c.EphemeralStorage.Size } : {}),
      };
    } catch (error) {
      return fail({ error, operation, functionName });
    }
  };

  const createFunction: NonNullable<LambdaPort['createFunction']> = async (request) =>
    toConfiguration(
      await mutate({
        operation: 'CreateFunction',
        functionName: request.functionName,
        run: (c) =>
          c.send(
            new CreateFunctionCommand({
              FunctionName: request.functionName,
              Role: request.role,
              PackageType: 'Zip',
              Code: { ZipFile: request.zipFile },
              MemorySize: request.memoryMB,
              Architectures: [request.architecture],
              ...(request.runtime !== undefined ? { Runtime: request.runtime as Runtime } : {}),
              ...(request.handler !== undefined ? { Handler: request.handler } : {}),
              ...(request.timeoutSeconds !== undefined ? { Timeout: request.timeoutSeconds } : {}),
              ...(request.description !== undefined ? { Description: request.description } : {}),
              ...(request.environment !== undefined ? { Environment: { Variables: request.environment } } : {}),
              ...(request.layers !== undefined && request.layers.length > 0 ? { Layers: request.layers } : {}),
              ...(request.ephemeralStorageMB !== undefined
                ? { EphemeralStorage: { Size: request.ephemeralStorageMB } }
                : {}),
              ...(request.logFormat === 'JSON' || request.logFormat === 'Text'
                ? { LoggingConfig: { LogFormat: request.logFormat } }
                : {}),
            }),
          ),
      }),
    );

  const deleteFunction: NonNullable<LambdaPort['deleteFunction']> = async ({ functionName }) => {
    const operation = 'DeleteFunction';
    // Safety: a whole function is deleted only when its name marks it as a run's temporary copy.
    // Only the temporary copies an architecture comparison creates are ever deleted.
    if (parseCopyFunctionName(functionName) === undefined) {
      throw new LambdaApiError({
        operation,
        functionName,
        code: 'RefusedUnsafeDelete',
        message: `Refusing to delete function ${functionName}: only temporary copies a run created (named <name>-pt-<runId>-<architecture>) are ever deleted.`,
      });
    }
    try {
      await mutate({
        operation,
        functionName,
        run: (c) => c.send(new DeleteFunctionCommand({ FunctionName: functionName })),
      });
      return true;
    } catch (error) {
      if (error instanceof LambdaApiError && error.code === LAMBDA_ERROR_CODES.notFound) return false;
      throw error;
    }
  };

  return {
    getConfiguration,
    updateConfiguration,
    waitUntilUpdated,
    publishVersion,
    listVersions,
    createAlias,
    updateAlias,
    getAlias,
    deleteAlias,
    listAliases,
    deleteVersion,
    invoke,
    getFunctionCode,
    createFunction,
    deleteFunction,
  };
};

export { createSdkLambdaPort };
export type { SdkLambdaPortOptions };
