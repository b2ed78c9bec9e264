/**
 * The emulator's Lambda API as a socket-less `fetch(Request) → Response`
 * handler: the control plane (`/2015-03-31/functions…`, concurrency,
 * account settings, tags), Invoke (RequestResponse, Event, DryRun) in front
 * of an `ExecutionBackend`, and the emulator-only `/_powertune/*` admin
 * routes. Paths, verbs, status codes and JSON shapes follow the AWS SDK v3
 * schemas, so the SDK and the AWS CLI work against it unchanged.
 *
 * @module emulator/create-lambda-service
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { createCloudWatchApi, METRIC_STORE_CAPACITY, MetricStore } from './cloudwatch/index.js';
import { CodeStore } from './code-store.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { AcquireRequest, ReleaseSlot } from './concurrency-limiter.js';
import {
  ADMIN_PREFIX,
  INVOCATION_TYPES,
  LAMBDA_LIMITS,
  LATEST,
  LOG_TYPES,
  POWERTUNE_HEADERS,
  SERVICE_DEFAULTS,
} from './constants.js';
import {
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaServiceError,
  RequestTooLargeError,
  ResourceConflictError,
  ResourceNotFoundError,
  ServiceError,
  UnknownOperationError,
  ValidationError,
} from './errors.js';
import { injectControlPlaneFault, injectInvokeFault, mergeFaults, NO_FAULTS } from './faults.js';
import { FunctionStore } from './function-store.js';
import type { FunctionConfig, FunctionRecord, ResolvedInvocation } from './function-store.js';
import { InvocationLog } from './invocation-log.js';
import { parseFunctionReference } from './parse-function-reference.js';
import type { FunctionReference } from './parse-function-reference.js';
import type { FunctionSnapshot, InvokeResult } from './runtime/types.js';
import { toEmulatorLogger } from './to-emulator-logger.js';
import type {
  EmulatorCpuInfo,
  FaultSettings,
  InvocationRecord,
  LambdaService,
  LambdaServiceOptions,
  ServiceState,
} from './types.js';
import {
  isObject,
  optionalString,
  validateAlias,
  validateCodeUpdate,
  validateConfigurationUpdate,
  validateCreateFunction,
  validateReservedConcurrency,
} from './validate-request.js';
import type { FunctionSettings } from './validate-request.js';
import {
  aliasConfiguration,
  emptyResponse,
  jsonResponse,
  latestConfiguration,
  logTail,
  paginate,
  readJsonBody,
  versionConfiguration,
} from './wire-format.js';

interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  requestId: string;
}

interface Route {
  method: string;
  segments: string[];
  /** SDK operation name; control-plane operations get latency and error faults. */
  operation: string;
  controlPlane: boolean;
  handle: (context: RouteContext) => Promise<Response>;
}

const FUNCTIONS = '2015-03-31/functions';

/** Admission waits as the header carries them: milliseconds with two decimals. */
const formatWaitMs = (ms: number): string => (Math.round(Math.max(0, ms) * 100) / 100).toString();

const INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/;
const isInvokePath = (request: Request): boolean =>
  request.method.toUpperCase() === 'POST' && INVOKE_PATH.test(new URL(request.url).pathname);

function settingsOf(config: FunctionConfig): FunctionSettings {
  const { code: _code, lastModified: _lastModified, ...settings } = config;
  return settings;
}

/**
 * Creates the Lambda API handler.
 *
 * @example
 * const service = createLambdaService({ backend: await createExecutionBackend() });
 * const response = await service.fetch(new Request('http://local/2015-03-31/functions'));
 */
function createLambdaService(options: LambdaServiceOptions): LambdaService {
  const {
    backend,
    region = SERVICE_DEFAULTS.region,
    accountId = SERVICE_DEFAULTS.accountId,
    updateDelayMs = SERVICE_DEFAULTS.updateDelayMs,
    clock = { now: () => Date.now() },
    random = Math.random,
    generateId = randomUUID,
    sleep = async (ms: number) => {
      await delay(ms);
    },
    codeDirectory,
    invocationLogCapacity = SERVICE_DEFAULTS.invocationLogCapacity,
  } = options;
  const logger = toEmulatorLogger(options.logger);
  const concurrentExecutions = options.limits?.concurrentExecutions ?? SERVICE_DEFAULTS.concurrentExecutions;
  const unreservedMinimum =
    options.limits?.unreservedMinimum ?? Math.ceil(concurrentExecutions * SERVICE_DEFAULTS.unreservedMinimumFraction);

  let faults: FaultSettings = mergeFaults(NO_FAULTS, options.faults ?? {});
  const codeStore = new CodeStore(codeDirectory === undefined ? {} : { directory: codeDirectory });
  const store = new FunctionStore({ region, accountId, clock, generateId, updateDelayMs });
  const limiter = new ConcurrencyLimiter();
  const invocationLog = new InvocationLog(invocationLogCapacity);
  // CloudWatch metrics and Logs Insights of the service's own functions (what `powertune scan` reads).
  const metricStore = new MetricStore(METRIC_STORE_CAPACITY);
  const cloudWatch = createCloudWatchApi({
    store: metricStore,
    accountId,
    generateId,
    logGroups: () => [
      ...new Set(metricStore.between({ fromMs: 0, toMs: Number.POSITIVE_INFINITY }).map((r) => r.logGroup)),
    ],
  });
  const background = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;

  const reference = (
    context: RouteContext,
    { allowQualifier = true }: { allowQualifier?: boolean } = {},
  ): FunctionReference =>
    parseFunctionReference({
      functionName: context.params.fn ?? '',
      qualifier: context.url.searchParams.get('Qualifier') ?? undefined,
      region,
      accountId,
      allowQualifier,
    });

  const discard = async (args: { functionArn: string; version?: string }): Promise<void> => {
    try {
      await backend.discard(args);
    } catch (error) {
      logger.warn(
        `the execution backend could not discard environments of ${args.functionArn}: ${(error as Error).message}`,
      );
    }
  };

  const acquireRequest = (fn: FunctionRecord): AcquireRequest => ({
    functionName: fn.name,
    reserved: fn.reserved,
    unreservedCapacity: concurrentExecutions - store.reservedTotal(),
  });

  const configurationView = (fn: FunctionRecord, qualifier: string | undefined): Record<string, unknown> => {
    const view = store.view(fn, qualifier);
    return view.kind === 'latest'
      ? latestConfiguration(fn)
      : versionConfiguration(fn, view.record, { arn: view.arn, now: store.now() });
  };

  // ---- control plane -------------------------------------------------------

  const createFunction = async ({ request, requestId }: RouteContext): Promise<Response> => {
    const body = await readJsonBody(request);
    if (typeof body.FunctionName !== 'string')
      throw ValidationError.constraint({
        field: 'functionName',
        value: body.FunctionName,
        constraint: 'Member must not be null',
      });
    const { name } = parseFunctionReference({
      functionName: body.FunctionName,
      region,
      accountId,
      allowQualifier: false,
    });
    const input = validateCreateFunction(body, { name });
    if (store.has(name)) throw new ResourceConflictError({ message: `Function already exist: ${name}` });
    const code = codeStore.add(input.zip);
    const fn = store.create({ name, config: { ...input.settings, code, lastModified: store.now() }, tags: input.tags });
    if (input.publish) {
      const version = store.publish(fn, { readyAt: fn.activeAt, pendingCreate: true });
      return jsonResponse({ status: 201, body: versionConfiguration(fn, version, { now: store.now() }), requestId });
    }
    return jsonResponse({ status: 201, body: latestConfiguration(fn), requestId });
  };

  const listFunctions = async ({ url, requestId }: RouteContext): Promise<Response> => {
    const { page, nextMarker } = paginate(store.list(), {
      marker: url.searchParams.get('Marker'),
      maxItems: url.searchParams.get('MaxItems'),
    });
    return jsonResponse({
      body: {
        Functions: page.map((fn) => latestConfiguration(fn)),
        ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
      },
      requestId,
    });
  };

  const getFunction = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context);
    const fn = store.get(ref.name);
    const view = store.view(fn, ref.qualifier);
    const config = view.kind === 'latest' ? fn.latest : view.record.config;
    const body: Record<string, unknown> = {
      Configuration: configurationView(fn, ref.qualifier),
      Code: { RepositoryType: 'S3', Location: `${context.url.origin}${ADMIN_PREFIX}/code/${config.code.hex}.zip` },
    };
    if (Object.keys(fn.tags).length > 0) body.Tags = { ...fn.tags };
    if (fn.reserved !== undefined) body.Concurrency = { ReservedConcurrentExecutions: fn.reserved };
    return jsonResponse({ body, requestId: context.requestId });
  };

  const getFunctionConfiguration = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context);
    return jsonResponse({ body: configurationView(store.get(ref.name), ref.qualifier), requestId: context.requestId });
  };

  const updateFunctionConfiguration = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context, { allowQualifier: false });
    const fn = store.get(ref.name);
    const body = await readJsonBody(context.request);
    const settings = validateConfigurationUpdate(body, settingsOf(fn.latest));
    store.assertUpdatable(fn);
    store.assertRevision(fn.revisionId, optionalString(body, 'RevisionId'));
    store.update(fn, { ...settings, code: fn.latest.code, lastModified: store.now() });
    await discard({ functionArn: fn.arn, version: LATEST });
    return jsonResponse({ body: latestConfiguration(fn), requestId: context.requestId });
  };

  const updateFunctionCode = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context, { allowQualifier: false });
    const fn = store.get(ref.name);
    const body = await readJsonBody(context.request);
    const input = validateCodeUpdate(body);
    store.assertUpdatable(fn);
    store.assertRevision(fn.revisionId, optionalString(body, 'RevisionId'));
    const code = codeStore.add(input.zip);
    store.update(fn, {
      ...fn.latest,
      code,
      architecture: input.architecture ?? fn.latest.architecture,
      lastModified: store.now(),
    });
    await discard({ functionArn: fn.arn, version: LATEST });
    if (input.publish) {
      const version = store.publish(fn, { readyAt: fn.updateDoneAt });
      return jsonResponse({
        body: versionConfiguration(fn, version, { now: store.now() }),
        requestId: context.requestId,
      });
    }
    return jsonResponse({ body: latestConfiguration(fn), requestId: context.requestId });
  };

  const deleteFunction = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context);
    if (ref.qualifier !== undefined) {
      const fn = store.get(ref.name);
      store.deleteVersion(fn, ref.qualifier);
      await discard({ functionArn: fn.arn, version: ref.qualifier });
      return emptyResponse({ requestId: context.requestId });
    }
    const fn = store.deleteFunction(ref.name);
    await discard({ functionArn: fn.arn });
    return emptyResponse({ requestId: context.requestId });
  };

  const publishVersion = async (context: RouteContext): Promise<Response> => {
    const ref = reference(context, { allowQualifier: false });
    const fn = store.get(ref.name);
    const body = await readJsonBody(context.request);
    const description = optionalString(body, 'Description');
    const codeSha256 = optionalString(body, 'CodeSha256');
    store.assertUpdatable(fn);
    store.assertRevision(fn.revisionId, optionalString(body, 'RevisionId'));
    if (codeSha256 !== undefined && codeSha256 !== fn.latest.code.sha256) {
      throw new InvalidParameterValueError({
        message: `CodeSHA256 (${codeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.code.sha256}). Please try again.`,
      });
    }
    const version = store.publish(fn, { description });
    return jsonResponse({
      status: 201,
      body: versionConfiguration(fn, version, { now: store.now() }),
      requestId: context.requestId,
    });
  };

  const listVersions = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    const all = [
      latestConfiguration(fn, { arn: `${fn.arn}:${LATEST}` }),
      ...store.versionsOf(fn).map((record) => versionConfiguration(fn, record, { now: store.now() })),
    ];
    const { page, nextMarker } = paginate(all, {
      marker: context.url.searchParams.get('Marker'),
      maxItems: context.url.searchParams.get('MaxItems'),
    });
    return jsonResponse({
      body: { Versions: page, ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }) },
      requestId: context.requestId,
    });
  };

  const createAlias = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    const input = validateAlias(await readJsonBody(context.request), { requireName: true });
    return jsonResponse({
      status: 201,
      body: aliasConfiguration(fn, store.createAlias(fn, input)),
      requestId: context.requestId,
    });
  };

  const getAlias = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    return jsonResponse({
      body: aliasConfiguration(fn, store.alias(fn, context.params.alias ?? '')),
      requestId: context.requestId,
    });
  };

  const updateAlias = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    const body = await readJsonBody(context.request);
    const input = validateAlias(body, { requireName: false });
    const alias = store.updateAlias(fn, context.params.alias ?? '', input, optionalString(body, 'RevisionId'));
    return jsonResponse({ body: aliasConfiguration(fn, alias), requestId: context.requestId });
  };

  const deleteAlias = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    store.deleteAlias(fn, context.params.alias ?? '');
    return emptyResponse({ requestId: context.requestId });
  };

  const listAliases = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    const version = context.url.searchParams.get('FunctionVersion');
    const aliases = [...fn.aliases.values()]
      .filter((alias) => version === null || alias.functionVersion === version)
      .map((alias) => aliasConfiguration(fn, alias));
    const { page, nextMarker } = paginate(aliases, {
      marker: context.url.searchParams.get('Marker'),
      maxItems: context.url.searchParams.get('MaxItems'),
    });
    return jsonResponse({
      body: { Aliases: page, ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }) },
      requestId: context.requestId,
    });
  };

  const putFunctionConcurrency = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    const reserved = validateReservedConcurrency(await readJsonBody(context.request));
    if (concurrentExecutions - store.reservedTotal({ except: fn.name }) - reserved < unreservedMinimum) {
      throw new InvalidParameterValueError({
        message: `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${unreservedMinimum}].`,
      });
    }
    fn.reserved = reserved;
    return jsonResponse({ body: { ReservedConcurrentExecutions: reserved }, requestId: context.requestId });
  };

  const getFunctionConcurrency = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    return jsonResponse({
      body: fn.reserved === undefined ? {} : { ReservedConcurrentExecutions: fn.reserved },
      requestId: context.requestId,
    });
  };

  const deleteFunctionConcurrency = async (context: RouteContext): Promise<Response> => {
    const fn = store.get(reference(context, { allowQualifier: false }).name);
    fn.reserved = undefined;
    return emptyResponse({ requestId: context.requestId });
  };

  const getAccountSettings = async ({ requestId }: RouteContext): Promise<Response> =>
    jsonResponse({
      body: {
        AccountLimit: {
          TotalCodeSize: LAMBDA_LIMITS.totalCodeBytes,
          CodeSizeUnzipped: LAMBDA_LIMITS.unzippedCodeBytes,
          CodeSizeZipped: LAMBDA_LIMITS.zippedCodeBytes,
          ConcurrentExecutions: concurrentExecutions,
          UnreservedConcurrentExecutions: concurrentExecutions - store.reservedTotal(),
        },
        AccountUsage: { TotalCodeSize: codeStore.totalBytes, FunctionCount: store.list().length },
      },
      requestId,
    });

  const taggedFunction = (context: RouteContext): FunctionRecord =>
    store.get(
      parseFunctionReference({ functionName: context.params.resource ?? '', region, accountId, allowQualifier: false })
        .name,
    );

  const listTags = async (context: RouteContext): Promise<Response> =>
    jsonResponse({ body: { Tags: { ...taggedFunction(context).tags } }, requestId: context.requestId });

  const tagResource = async (context: RouteContext): Promise<Response> => {
    const fn = taggedFunction(context);
    const body = await readJsonBody(context.request);
    if (!isObject(body.Tags) || Object.values(body.Tags).some((value) => typeof value !== 'string')) {
      throw new InvalidParameterValueError({
        message: `Tags must be an object of strings; got ${JSON.stringify(body.Tags)}.`,
      });
    }
    Object.assign(fn.tags, body.Tags);
    return emptyResponse({ requestId: context.requestId });
  };

  const untagResource = async (context: RouteContext): Promise<Response> => {
    const fn = taggedFunction(context);
    for (const key of context.url.searchParams.getAll('tagKeys')) delete fn.tags[key];
    return emptyResponse({ requestId: context.requestId });
  };

  // ---- invoke ----------------------------------------------------------------

  const snapshotOf = ({ fn, version, config }: ResolvedInvocation): FunctionSnapshot => ({
    functionName: fn.name,
    functionArn: fn.arn,
    version,
    runtime: config.runtime,
    handler: config.handler,
    codeDir: config.code.dir,
    codeSha256: config.code.sha256,
    memorySizeMB: config.memorySize,
    timeoutSeconds: config.timeout,
    environment: { ...(config.environment ?? {}) },
    logFormat: config.logFormat,
    architecture: config.architecture,
    region,
    accountId,
    logGroup: config.logGroup,
  });

  const run = async ({
    resolved,
    payload,
    requestId,
    clientContext,
    invocationType,
  }: {
    resolved: ResolvedInvocation;
    payload: Buffer;
    requestId: string;
    clientContext: string | undefined;
    invocationType: InvocationRecord['invocationType'];
  }): Promise<InvokeResult> => {
    const startedAt = new Date(clock.now()).toISOString();
    const base = {
      requestId,
      functionName: resolved.fn.name,
      functionArn: resolved.fn.arn,
      version: resolved.version,
      invocationType,
      startedAt,
    };
    let result: InvokeResult;
    try {
      result = await backend.invoke({
        fn: snapshotOf(resolved),
        payload,
        requestId,
        invokedFunctionArn: resolved.invokedArn,
        ...(clientContext === undefined ? {} : { clientContext }),
      });
    } catch (cause) {
      const message = (cause as Error).message;
      invocationLog.add({ ...base, log: '', error: message });
      metricStore.add({
        functionName: resolved.fn.name,
        logGroup: resolved.config.logGroup,
        logFormat: resolved.config.logFormat,
        startMs: Date.parse(startedAt),
        endMs: clock.now(),
        durationMs: 0,
        billedDurationMs: 0,
        memorySizeMB: resolved.config.memorySize,
        maxMemoryUsedMB: 0,
        error: true,
        logBytes: 0,
      });
      throw new ServiceError({
        message: `The execution backend failed to run ${resolved.invokedArn}: ${message}`,
        cause,
      });
    }
    invocationLog.add({
      ...base,
      log: result.log,
      report: result.report,
      admissionWaitMs: result.admissionWaitMs ?? 0,
      ...(result.functionError === undefined ? {} : { functionError: result.functionError }),
    });
    metricStore.add({
      functionName: resolved.fn.name,
      logGroup: resolved.config.logGroup,
      logFormat: resolved.config.logFormat,
      startMs: Date.parse(startedAt),
      endMs: clock.now(),
      durationMs: result.report.durationMs,
      billedDurationMs: result.report.billedDurationMs,
      memorySizeMB: result.report.memorySizeMB,
      maxMemoryUsedMB: result.report.maxMemoryUsedMB,
      ...(result.report.initDurationMs === undefined ? {} : { initDurationMs: result.report.initDurationMs }),
      error: result.functionError !== undefined || result.report.status !== 'success',
      logBytes: Buffer.byteLength(result.log),
    });
    return result;
  };

  const invoke = async (context: RouteContext): Promise<Response> => {
    const { request, requestId } = context;
    const ref = reference(context);
    const invocationType = request.headers.get('x-amz-invocation-type') ?? 'RequestResponse';
    if (!(INVOCATION_TYPES as readonly string[]).includes(invocationType)) {
      throw ValidationError.constraint({
        field: 'invocationType',
        value: invocationType,
        constraint: `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
      });
    }
    const logType = request.headers.get('x-amz-log-type') ?? 'None';
    if (!(LOG_TYPES as readonly string[]).includes(logType)) {
      throw ValidationError.constraint({
        field: 'logType',
        value: logType,
        constraint: `Member must satisfy enum value set: [${LOG_TYPES.join(', ')}]`,
      });
    }
    const body = Buffer.from(await request.arrayBuffer());
    const limit = invocationType === 'Event' ? LAMBDA_LIMITS.asyncPayloadBytes : LAMBDA_LIMITS.syncPayloadBytes;
    if (body.length > limit) throw new RequestTooLargeError({ limitBytes: limit, operation: 'InvokeFunction' });
    const fn = store.get(ref.name);
    const payload = body.toString('utf8').trim() === '' ? Buffer.from('{}') : body;
    try {
      JSON.parse(payload.toString('utf8'));
    } catch (cause) {
      throw new InvalidRequestContentError({
        message: `Could not parse request body into json: Could not parse payload into json: ${(cause as Error).message}`,
        cause,
      });
    }
    const resolved = store.resolveInvocation(fn, ref.qualifier, random);
    if (invocationType === 'DryRun')
      return emptyResponse({ requestId, headers: { 'x-amz-executed-version': resolved.version } });
    injectInvokeFault({ faults, random });
    const clientContext = request.headers.get('x-amz-client-context') ?? undefined;

    if (invocationType === 'Event') {
      const task = limiter
        .acquireWhenAvailable(() => acquireRequest(fn))
        .then(async (release: ReleaseSlot) => {
          try {
            await run({ resolved, payload, requestId, clientContext, invocationType: 'Event' });
          } finally {
            release();
          }
        })
        .catch((error: unknown) =>
          logger.warn(
            `asynchronous invocation ${requestId} of ${resolved.invokedArn} did not run: ${(error as Error).message}`,
          ),
        );
      background.add(task);
      void task.finally(() => background.delete(task));
      return emptyResponse({ status: 202, requestId });
    }

    const release = limiter.acquire(acquireRequest(fn));
    let result: InvokeResult;
    try {
      result = await run({ resolved, payload, requestId, clientContext, invocationType: 'RequestResponse' });
    } finally {
      release();
    }
    let responsePayload = result.payload;
    let functionError = result.functionError;
    if (responsePayload.length > LAMBDA_LIMITS.syncPayloadBytes) {
      responsePayload = Buffer.from(
        JSON.stringify({
          errorMessage: `Response payload size (${responsePayload.length} bytes) exceeded maximum allowed payload size (${LAMBDA_LIMITS.syncPayloadBytes} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }),
      );
      functionError = 'Unhandled';
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amz-executed-version': resolved.version,
    };
    if (functionError !== undefined) headers['x-amz-function-error'] = functionError;
    if (logType === 'Tail') headers['x-amz-log-result'] = logTail(result.log);
    headers[POWERTUNE_HEADERS.admissionWaitMs] = formatWaitMs(result.admissionWaitMs ?? 0);
    return new Response(new Uint8Array(responsePayload), { status: 200, headers });
  };

  // ---- admin -----------------------------------------------------------------

  const state = (): ServiceState => ({
    functions: store.list().map((fn) => ({
      functionName: fn.name,
      functionArn: fn.arn,
      versions: store.versionsOf(fn).map((record) => record.version),
      aliases: [...fn.aliases.values()].map((alias) => ({ name: alias.name, functionVersion: alias.functionVersion })),
    })),
    inFlightInvocations: limiter.inFlight,
  });

  const cpuInfo = (): EmulatorCpuInfo => ({ ...backend.cpu });

  const setFaults = (changes: Partial<FaultSettings>): FaultSettings => {
    faults = mergeFaults(faults, changes);
    return { ...faults };
  };

  const getCode = async ({ params, requestId }: RouteContext): Promise<Response> => {
    const hex = (params.file ?? '').replace(/\.zip$/, '');
    const zip = codeStore.zipOf(hex);
    if (zip === undefined)
      throw new ResourceNotFoundError({
        message: `Code not found: ${params.file ?? ''}. Use the Code.Location of a current GetFunction response.`,
      });
    return new Response(new Uint8Array(zip), {
      status: 200,
      headers: { 'content-type': 'application/zip', 'x-amzn-requestid': requestId },
    });
  };

  const route = (
    method: string,
    path: string,
    operation: string,
    handle: Route['handle'],
    controlPlane = true,
  ): Route => ({
    method,
    segments: path.split('/').filter((segment) => segment !== ''),
    operation,
    controlPlane,
    handle,
  });
  const routes: Route[] = [
    route('POST', FUNCTIONS, 'CreateFunction', createFunction),
    route('GET', FUNCTIONS, 'ListFunctions', listFunctions),
    route('GET', `${FUNCTIONS}/:fn`, 'GetFunction', getFunction),
    route('DELETE', `${FUNCTIONS}/:fn`, 'DeleteFunction', deleteFunction),
    route('GET', `${FUNCTIONS}/:fn/configuration`, 'GetFunctionConfiguration', getFunctionConfiguration),
    route('PUT', `${FUNCTIONS}/:fn/configuration`, 'UpdateFunctionConfiguration', updateFunctionConfiguration),
    route('PUT', `${FUNCTIONS}/:fn/code`, 'UpdateFunctionCode', updateFunctionCode),
    route('POST', `${FUNCTIONS}/:fn/invocations`, 'Invoke', invoke, false),
    route('POST', `${FUNCTIONS}/:fn/versions`, 'PublishVersion', publishVersion),
    route('GET', `${FUNCTIONS}/:fn/versions`, 'ListVersionsByFunction', listVersions),
    route('POST', `${FUNCTIONS}/:fn/aliases`, 'CreateAlias', createAlias),
    route('GET', `${FUNCTIONS}/:fn/aliases`, 'ListAliases', listAliases),
    route('GET', `${FUNCTIONS}/:fn/aliases/:alias`, 'GetAlias', getAlias),
    route('PUT', `${FUNCTIONS}/:fn/aliases/:alias`, 'UpdateAlias', updateAlias),
    route('DELETE', `${FUNCTIONS}/:fn/aliases/:alias`, 'DeleteAlias', deleteAlias),
    route('PUT', '2017-10-31/functions/:fn/concurrency', 'PutFunctionConcurrency', putFunctionConcurrency),
    route('DELETE', '2017-10-31/functions/:fn/concurrency', 'DeleteFunctionConcurrency', deleteFunctionConcurrency),
    route('GET', '2019-09-30/functions/:fn/concurrency', 'GetFunctionConcurrency', getFunctionConcurrency),
    route('GET', '2016-08-19/account-settings', 'GetAccountSettings', getAccountSettings),
    route('GET', '2017-03-31/tags/:resource', 'ListTags', listTags),
    route('POST', '2017-03-31/tags/:resource', 'TagResource', tagResource),
    route('DELETE', '2017-03-31/tags/:resource', 'UntagResource', untagResource),
    route(
      'GET',
      `${ADMIN_PREFIX}/faults`,
      'GetFaults',
      async ({ requestId }) => jsonResponse({ body: { ...faults }, requestId }),
      false,
    ),
    route(
      'POST',
      `${ADMIN_PREFIX}/faults`,
      'SetFaults',
      async ({ request, requestId }) => jsonResponse({ body: setFaults(await readJsonBody(request)), requestId }),
      false,
    ),
    route(
      'GET',
      `${ADMIN_PREFIX}/state`,
      'GetState',
      async ({ requestId }) => jsonResponse({ body: state(), requestId }),
      false,
    ),
    route(
      'GET',
      `${ADMIN_PREFIX}/invocations`,
      'GetInvocations',
      async ({ url, requestId }) =>
        jsonResponse({
          body: {
            invocations: invocationLog.list({ functionName: url.searchParams.get('functionName') ?? undefined }),
          },
          requestId,
        }),
      false,
    ),
    route('GET', `${ADMIN_PREFIX}/code/:file`, 'GetCode', getCode, false),
    route(
      'GET',
      `${ADMIN_PREFIX}/cpu`,
      'GetCpu',
      async ({ requestId }) => jsonResponse({ body: cpuInfo(), requestId }),
      false,
    ),
  ];

  const match = (method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined => {
    for (const candidate of routes) {
      if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = candidate.segments.every((part, index) => {
        const segment = segments[index] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = segment;
          return true;
        }
        return part === segment;
      });
      if (matches) return { route: candidate, params };
    }
    return undefined;
  };

  const fetch = async (request: Request): Promise<Response> => {
    const requestId = generateId();
    try {
      if (closing !== undefined)
        throw new ServiceError({ message: 'The emulator is stopping and accepts no more requests. Start it again.' });
      if (cloudWatch.handles(request)) return await cloudWatch.fetch(request, requestId);
      const url = new URL(request.url);
      let segments: string[];
      try {
        segments = url.pathname
          .split('/')
          .filter((segment) => segment !== '')
          .map((segment) => decodeURIComponent(segment));
      } catch {
        throw new UnknownOperationError({ method: request.method, path: url.pathname });
      }
      const found = match(request.method.toUpperCase(), segments);
      if (found === undefined) throw new UnknownOperationError({ method: request.method, path: url.pathname });
      if (found.route.controlPlane) {
        if (faults.controlPlaneLatencyMs > 0) await sleep(faults.controlPlaneLatencyMs);
        injectControlPlaneFault({ faults, operation: found.route.operation, random });
      }
      const response = await found.route.handle({ request, url, params: found.params, requestId });
      // Every Invoke answer names the CPU model, so a client (tune) can record what measured it.
      if (found.route.operation === 'Invoke') response.headers.set(POWERTUNE_HEADERS.emulator, backend.cpu.description);
      return response;
    } catch (error) {
      if (error instanceof LambdaServiceError) {
        const response = error.toWebResponse(requestId);
        if (isInvokePath(request)) response.headers.set(POWERTUNE_HEADERS.emulator, backend.cpu.description);
        return response;
      }
      logger.warn(`unexpected error on ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}`);
      return new ServiceError({
        message: `The emulator failed: ${(error as Error).message}. This is a bug of the emulator; please report it.`,
        cause: error,
      }).toWebResponse(requestId);
    }
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      limiter.close();
      await Promise.allSettled([...background]);
      codeStore.close();
    })();
    return closing;
  };

  return {
    fetch,
    setFaults,
    getFaults: () => ({ ...faults }),
    state,
    cpu: cpuInfo,
    invocations: ({ functionName }: { functionName?: string } = {}) => invocationLog.list({ functionName }),
    close,
  };
}

export { createLambdaService };
