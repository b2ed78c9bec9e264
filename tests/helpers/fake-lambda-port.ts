/**
 * An in-memory Lambda behind the `LambdaPort` interface: `$LATEST` with a
 * RevisionId, published versions, aliases, execution environments per
 * version (cold on first use, warm after), REPORT logs synthesised from a
 * duration model, and injectable failures. Every call is logged in order.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { LambdaApiError } from '../../src/lambda/index.js';
import type { AliasInfo, FunctionConfiguration, InvokeOutcome, LambdaPort } from '../../src/lambda/index.js';

type FakeOperation = keyof LambdaPort;

interface FakeCall {
  op: FakeOperation;
  functionName: string;
  qualifier?: string;
  memoryMB?: number;
  description?: string;
  name?: string;
  version?: string;
  payload?: string;
}

interface FunctionErrorSpec {
  type: string;
  message: string;
}

interface InvokeContext {
  power: number;
  version: string;
  qualifier?: string;
  payload: string;
  cold: boolean;
  /** 0-based count of invocations of this version so far. */
  index: number;
}

interface FakeLambdaOptions {
  functionName?: string;
  region?: string;
  accountId?: string;
  memoryMB?: number;
  description?: string;
  architecture?: 'x86_64' | 'arm64';
  logFormat?: 'Text' | 'JSON';
  /** Duration (ms, before init) of an invocation at a memory size. */
  durationModel?: (power: number, context: InvokeContext) => number;
  initDurationMs?: number;
  /** Cold starts' Billed Duration includes Init Duration (Lambda's rule since 2025-08-01); default false. */
  billInit?: boolean;
  /** Versions that exist before the run. */
  versions?: Array<{ version: string; memoryMB: number; description?: string }>;
  aliases?: Array<{ name: string; version: string; additionalVersions?: string[] }>;
  /** Throws the returned error before the operation runs (injectable failures). */
  failOn?: (call: FakeCall) => Error | undefined;
  /** Makes the function return an error (HTTP 200 + FunctionError). */
  functionErrorOn?: (context: InvokeContext) => FunctionErrorSpec | undefined;
  /** Other functions (pre/post processors) by name: payload in → payload out. */
  processors?: Record<string, (payload: string) => { payload?: string; error?: FunctionErrorSpec }>;
  /** Omit the log tail (LogResult missing). */
  noLogs?: boolean;
  /** What a local Lambda service says in its Invoke headers (absent: the fake answers like AWS). */
  localService?: { description: string; admissionWaitMs?: number };
  /** Runs on every call after it is logged (e.g. to abort a run mid-way). */
  onCall?: (call: FakeCall, fake: FakeLambda) => void;
}

interface VersionRecord {
  version: string;
  memoryMB: number;
  description: string;
  codeSha256: string;
  envs: number;
  busy: number;
  invocations: number;
}

const apiError = (code: string, operation: string, functionName: string, message = code): LambdaApiError =>
  new LambdaApiError({
    operation,
    functionName,
    code,
    message: `${operation} on ${functionName} failed with ${code}: ${message}`,
  });

/**
 * The fake. Public fields are the state a test inspects.
 */
class FakeLambda implements LambdaPort {
  readonly calls: FakeCall[] = [];
  /** Execution environments started (each one's first invocation was a cold start). */
  coldStarts = 0;
  readonly versions = new Map<string, VersionRecord>();
  readonly aliases = new Map<string, AliasInfo>();
  latest: { memoryMB: number; description: string; revisionId: string; codeSha256: string };
  readonly name: string;
  readonly arn: string;
  readonly options: FakeLambdaOptions;
  #nextVersion = 1;
  #revision = 1;
  #latestEnvs = { envs: 0, busy: 0, invocations: 0 };
  #requestCounter = 0;

  constructor(options: FakeLambdaOptions = {}) {
    this.options = options;
    this.name = options.functionName ?? 'my-fn';
    this.arn = `arn:aws:lambda:${options.region ?? 'eu-west-1'}:${options.accountId ?? '123456789012'}:function:${this.name}`;
    this.latest = {
      memoryMB: options.memoryMB ?? 128,
      description: options.description ?? 'original',
      revisionId: 'rev-1',
      codeSha256: 'code-1',
    };
    for (const v of options.versions ?? []) {
      this.versions.set(v.version, {
        version: v.version,
        memoryMB: v.memoryMB,
        description: v.description ?? this.latest.description,
        codeSha256: 'code-1',
        envs: 0,
        busy: 0,
        invocations: 0,
      });
      this.#nextVersion = Math.max(this.#nextVersion, Number(v.version) + 1);
    }
    for (const a of options.aliases ?? []) {
      this.aliases.set(a.name, {
        name: a.name,
        functionVersion: a.version,
        additionalVersions: a.additionalVersions ?? [],
      });
    }
  }

  /** Calls of one operation, in order. */
  callsOf(op: FakeOperation): FakeCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** Someone else edits $LATEST (a concurrent deploy). */
  externalUpdate({ memoryMB, description }: { memoryMB?: number; description?: string }): void {
    if (memoryMB !== undefined) this.latest.memoryMB = memoryMB;
    if (description !== undefined) this.latest.description = description;
    this.#bumpRevision();
  }

  #bumpRevision(): void {
    this.#revision += 1;
    this.latest.revisionId = `rev-${this.#revision}`;
  }

  async #enter(call: FakeCall): Promise<void> {
    this.calls.push(call);
    this.options.onCall?.(call, this);
    await tick();
    const error = this.options.failOn?.(call);
    if (error !== undefined) throw error;
  }

  #checkName(functionName: string, op: string): void {
    if (functionName !== this.name && functionName !== this.arn) {
      throw apiError('ResourceNotFoundException', op, functionName, `Function not found: ${functionName}`);
    }
  }

  #resolve(qualifier: string | undefined, op: string): { version: string; record?: VersionRecord } {
    if (qualifier === undefined || qualifier === '$LATEST') return { version: '$LATEST' };
    const alias = this.aliases.get(qualifier);
    const version = alias?.functionVersion ?? qualifier;
    const record = this.versions.get(version);
    if (record === undefined)
      throw apiError('ResourceNotFoundException', op, this.name, `Function not found: ${this.arn}:${qualifier}`);
    return { version, record };
  }

  #config(version: string): FunctionConfiguration {
    const record = version === '$LATEST' ? undefined : this.versions.get(version);
    return {
      functionName: this.name,
      functionArn: version === '$LATEST' ? this.arn : `${this.arn}:${version}`,
      version,
      memoryMB: record?.memoryMB ?? this.latest.memoryMB,
      description: record?.description ?? this.latest.description,
      architecture: this.options.architecture ?? 'x86_64',
      state: 'Active',
      lastUpdateStatus: 'Successful',
      logFormat: this.options.logFormat ?? 'Text',
      ...(version === '$LATEST' ? { revisionId: this.latest.revisionId } : {}),
      packageType: 'Zip',
      codeSha256: record?.codeSha256 ?? this.latest.codeSha256,
      timeoutSeconds: 30,
      runtime: 'nodejs22.x',
    };
  }

  async getConfiguration({
    functionName,
    qualifier,
  }: {
    functionName: string;
    qualifier?: string;
  }): Promise<FunctionConfiguration> {
    await this.#enter({ op: 'getConfiguration', functionName, ...(qualifier !== undefined ? { qualifier } : {}) });
    this.#checkName(functionName, 'GetFunctionConfiguration');
    return this.#config(this.#resolve(qualifier, 'GetFunctionConfiguration').version);
  }

  async updateConfiguration({
    functionName,
    memoryMB,
    description,
    revisionId,
  }: {
    functionName: string;
    memoryMB?: number;
    description?: string;
    revisionId?: string;
  }): Promise<FunctionConfiguration> {
    await this.#enter({
      op: 'updateConfiguration',
      functionName,
      ...(memoryMB !== undefined ? { memoryMB } : {}),
      ...(description !== undefined ? { description } : {}),
    });
    this.#checkName(functionName, 'UpdateFunctionConfiguration');
    if (revisionId !== undefined && revisionId !== this.latest.revisionId) {
      throw apiError(
        'PreconditionFailedException',
        'UpdateFunctionConfiguration',
        functionName,
        'The RevisionId provided does not match the latest RevisionId',
      );
    }
    if (memoryMB !== undefined) this.latest.memoryMB = memoryMB;
    if (description !== undefined) this.latest.description = description;
    this.#bumpRevision();
    this.#latestEnvs = { envs: 0, busy: 0, invocations: 0 };
    return this.#config('$LATEST');
  }

  async waitUntilUpdated({
    functionName,
    qualifier,
  }: {
    functionName: string;
    qualifier?: string;
  }): Promise<FunctionConfiguration> {
    await this.#enter({ op: 'waitUntilUpdated', functionName, ...(qualifier !== undefined ? { qualifier } : {}) });
    this.#checkName(functionName, 'GetFunctionConfiguration');
    return this.#config(this.#resolve(qualifier, 'GetFunctionConfiguration').version);
  }

  async publishVersion({ functionName }: { functionName: string }): Promise<FunctionConfiguration> {
    await this.#enter({ op: 'publishVersion', functionName });
    this.#checkName(functionName, 'PublishVersion');
    // Like Lambda: nothing changed since the last published version → that version is returned.
    const last = [...this.versions.values()].sort((a, b) => Number(b.version) - Number(a.version))[0];
    if (
      last !== undefined &&
      last.memoryMB === this.latest.memoryMB &&
      last.description === this.latest.description &&
      last.codeSha256 === this.latest.codeSha256
    ) {
      return this.#config(last.version);
    }
    const version = String(this.#nextVersion);
    this.#nextVersion += 1;
    this.versions.set(version, {
      version,
      memoryMB: this.latest.memoryMB,
      description: this.latest.description,
      codeSha256: this.latest.codeSha256,
      envs: 0,
      busy: 0,
      invocations: 0,
    });
    return this.#config(version);
  }

  async listVersions({ functionName }: { functionName: string }): Promise<FunctionConfiguration[]> {
    await this.#enter({ op: 'listVersions', functionName });
    this.#checkName(functionName, 'ListVersionsByFunction');
    return [...this.versions.keys()].map((v) => this.#config(v));
  }

  async createAlias({
    functionName,
    name,
    version,
  }: {
    functionName: string;
    name: string;
    version: string;
  }): Promise<AliasInfo> {
    await this.#enter({ op: 'createAlias', functionName, name, version });
    this.#checkName(functionName, 'CreateAlias');
    if (this.aliases.has(name))
      throw apiError('ResourceConflictException', 'CreateAlias', functionName, `Alias already exists: ${name}`);
    if (!this.versions.has(version))
      throw apiError('ResourceNotFoundException', 'CreateAlias', functionName, `version ${version}`);
    const alias = { name, functionVersion: version, additionalVersions: [] };
    this.aliases.set(name, alias);
    return { ...alias };
  }

  async updateAlias({
    functionName,
    name,
    version,
  }: {
    functionName: string;
    name: string;
    version: string;
  }): Promise<AliasInfo> {
    await this.#enter({ op: 'updateAlias', functionName, name, version });
    const alias = this.aliases.get(name);
    if (alias === undefined)
      throw apiError('ResourceNotFoundException', 'UpdateAlias', functionName, `Alias not found: ${name}`);
    alias.functionVersion = version;
    return { ...alias };
  }

  async getAlias({ functionName, name }: { functionName: string; name: string }): Promise<AliasInfo | undefined> {
    await this.#enter({ op: 'getAlias', functionName, name });
    const alias = this.aliases.get(name);
    return alias === undefined ? undefined : { ...alias };
  }

  async deleteAlias({ functionName, name }: { functionName: string; name: string }): Promise<boolean> {
    await this.#enter({ op: 'deleteAlias', functionName, name });
    return this.aliases.delete(name);
  }

  async listAliases({ functionName }: { functionName: string }): Promise<AliasInfo[]> {
    await this.#enter({ op: 'listAliases', functionName });
    return [...this.aliases.values()].map((a) => ({ ...a }));
  }

  async deleteVersion({ functionName, version }: { functionName: string; version: string }): Promise<boolean> {
    await this.#enter({ op: 'deleteVersion', functionName, version });
    const users = [...this.aliases.values()].filter(
      (a) => a.functionVersion === version || a.additionalVersions.includes(version),
    );
    if (users.length > 0) {
      throw apiError(
        'ResourceConflictException',
        'DeleteFunction',
        functionName,
        `Unable to delete version because the following aliases reference it: ${users.map((a) => a.name).join(', ')}`,
      );
    }
    return this.versions.delete(version);
  }

  async invoke({
    functionName,
    qualifier,
    payload = '',
  }: {
    functionName: string;
    qualifier?: string;
    payload?: string;
  }): Promise<InvokeOutcome> {
    await this.#enter({ op: 'invoke', functionName, ...(qualifier !== undefined ? { qualifier } : {}), payload });
    const processor = this.options.processors?.[functionName];
    if (processor !== undefined) {
      const out = processor(payload);
      return out.error !== undefined
        ? {
            statusCode: 200,
            functionError: 'Unhandled',
            payload: JSON.stringify({ errorType: out.error.type, errorMessage: out.error.message }),
            retries: 0,
            throttles: 0,
          }
        : { statusCode: 200, payload: out.payload ?? 'null', retries: 0, throttles: 0 };
    }
    this.#checkName(functionName, 'Invoke');
    const { version, record } = this.#resolve(qualifier, 'Invoke');
    const envs = record ?? this.#latestEnvs;
    const cold = envs.busy >= envs.envs;
    if (cold) {
      envs.envs += 1;
      this.coldStarts += 1;
    }
    envs.busy += 1;
    const power = record?.memoryMB ?? this.latest.memoryMB;
    const context: InvokeContext = {
      power,
      version,
      payload,
      cold,
      index: envs.invocations,
      ...(qualifier !== undefined ? { qualifier } : {}),
    };
    envs.invocations += 1;
    await tick();
    envs.busy -= 1;
    const error = this.options.functionErrorOn?.(context);
    const duration = this.options.durationModel?.(power, context) ?? Math.max(1, (128 * 400) / power);
    this.#requestCounter += 1;
    const requestId = `req-${this.#requestCounter}`;
    const init = cold ? (this.options.initDurationMs ?? 150) : undefined;
    const log =
      this.options.noLogs === true
        ? undefined
        : this.#log({ requestId, version, duration, power, init, failed: error !== undefined });
    return {
      statusCode: 200,
      ...(error !== undefined ? { functionError: 'Unhandled' } : {}),
      payload:
        error !== undefined
          ? JSON.stringify({ errorType: error.type, errorMessage: error.message, trace: [] })
          : JSON.stringify({ ok: true }),
      ...(log !== undefined ? { log } : {}),
      executedVersion: version,
      retries: 0,
      throttles: 0,
      ...(this.options.localService !== undefined ? { localService: { ...this.options.localService } } : {}),
    };
  }

  #log({
    requestId,
    version,
    duration,
    power,
    init,
    failed,
  }: {
    requestId: string;
    version: string;
    duration: number;
    power: number;
    init?: number;
    failed: boolean;
  }): string {
    const billed = Math.ceil(duration + (this.options.billInit === true ? (init ?? 0) : 0));
    if (this.options.logFormat === 'JSON') {
      const metrics: Record<string, number> = {
        durationMs: duration,
        billedDurationMs: billed,
        memorySizeMB: power,
        maxMemoryUsedMB: 60,
      };
      if (init !== undefined) metrics.initDurationMs = init;
      return [
        JSON.stringify({ time: '2026-01-01T00:00:00.000Z', type: 'platform.start', record: { requestId, version } }),
        JSON.stringify({
          time: '2026-01-01T00:00:00.100Z',
          type: 'platform.report',
          record: { requestId, metrics, status: failed ? 'error' : 'success' },
        }),
        '',
      ].join('\n');
    }
    return (
      `START RequestId: ${requestId} Version: ${version}\n` +
      `END RequestId: ${requestId}\n` +
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${power} MB\tMax Memory Used: 60 MB\t` +
      `${init !== undefined ? `Init Duration: ${init.toFixed(2)} ms\t` : ''}\n`
    );
  }
}

/**
 * Creates the fake Lambda.
 *
 * @example
 * const lambda = createFakeLambdaPort({ memoryMB: 512, durationModel: (p) => 100_000 / p });
 */
const createFakeLambdaPort = (options: FakeLambdaOptions = {}): FakeLambda => new FakeLambda(options);

export { apiError, createFakeLambdaPort, FakeLambda };
export type { FakeCall, FakeLambdaOptions, FunctionErrorSpec, InvokeContext };
