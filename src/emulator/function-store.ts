/**
 * The functions of the emulator and Lambda's semantics over them: `$LATEST`
 * with its state machine (Pending → Active, InProgress → Successful after a
 * delay, read lazily from the injected clock), immutable published versions,
 * aliases with weighted routing, RevisionId preconditions and reserved
 * concurrency.
 *
 * @module emulator/function-store
 */
import type { StoredCode } from './code-store.js';
import { LATEST, PATTERNS } from './constants.js';
import {
  InvalidParameterValueError,
  PreconditionFailedError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.js';
import type { Clock } from './types.js';
import type { AliasInput, FunctionSettings } from './validate-request.js';

/** A complete configuration: settings plus code. */
interface FunctionConfig extends FunctionSettings {
  code: StoredCode;
  lastModified: number;
}

interface VersionRecord {
  version: string;
  config: FunctionConfig;
  description: string;
  revisionId: string;
  /** Until then the version is Pending (published at creation) or its update InProgress. */
  readyAt: number;
  pendingCreate: boolean;
  /** `$LATEST` as it was when this version was published (for "nothing changed since"). */
  fingerprint: string;
}

interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  routing: Record<string, number> | undefined;
  revisionId: string;
}

interface FunctionRecord {
  name: string;
  arn: string;
  latest: FunctionConfig;
  /** The configuration invocations of `$LATEST` still run while an update is in progress. */
  previous: FunctionConfig | undefined;
  state: 'Pending' | 'Active';
  activeAt: number;
  updateStatus: 'InProgress' | 'Successful' | undefined;
  updateDoneAt: number;
  revisionId: string;
  versions: Map<string, VersionRecord>;
  nextVersion: number;
  aliases: Map<string, AliasRecord>;
  tags: Record<string, string>;
  reserved: number | undefined;
}

/** What one invocation resolves to. */
interface ResolvedInvocation {
  fn: FunctionRecord;
  /** The version that runs (`$LATEST` or a number). */
  version: string;
  config: FunctionConfig;
  /** The ARN as the caller invoked it (with its qualifier). */
  invokedArn: string;
}

interface FunctionStoreOptions {
  region: string;
  accountId: string;
  clock: Clock;
  generateId: () => string;
  updateDelayMs: number;
}

/** Everything of a configuration that PublishVersion compares. */
function fingerprintOf(config: FunctionConfig): string {
  const { code, lastModified: _lastModified, ...settings } = config;
  return JSON.stringify({ ...settings, code: code.sha256 });
}

function inProgressMessage(arn: string): string {
  return `The operation cannot be performed at this time. An update is in progress for resource: ${arn}`;
}

function stateMessage(state: string): string {
  return `The operation cannot be performed at this time. The function is currently in the following state: ${state}`;
}

/**
 * The function registry.
 *
 * @example
 * const store = new FunctionStore({ region, accountId, clock, generateId, updateDelayMs: 100 });
 * const fn = store.create({ name: 'demo', config, tags: {} });
 */
class FunctionStore {
  readonly #functions = new Map<string, FunctionRecord>();
  readonly #options: FunctionStoreOptions;

  public constructor(options: FunctionStoreOptions) {
    this.#options = options;
  }

  public arnOf(name: string, qualifier?: string): string {
    const arn = `arn:aws:lambda:${this.#options.region}:${this.#options.accountId}:function:${name}`;
    return qualifier === undefined ? arn : `${arn}:${qualifier}`;
  }

  #now(): number {
    return this.#options.clock.now();
  }

  /** Applies the transitions whose delay has passed (each changes the RevisionId, like Lambda). */
  #refresh(fn: FunctionRecord): FunctionRecord {
    const now = this.#now();
    if (fn.state === 'Pending' && now >= fn.activeAt) {
      fn.state = 'Active';
      fn.updateStatus = 'Successful';
      fn.revisionId = this.#options.generateId();
    }
    if (fn.updateStatus === 'InProgress' && now >= fn.updateDoneAt) {
      fn.updateStatus = 'Successful';
      fn.previous = undefined;
      fn.revisionId = this.#options.generateId();
    }
    return fn;
  }

  /** All functions, by name. */
  public list(): FunctionRecord[] {
    return [...this.#functions.values()].sort((a, b) => a.name.localeCompare(b.name)).map((fn) => this.#refresh(fn));
  }

  public has(name: string): boolean {
    return this.#functions.has(name);
  }

  /** The function, or 404 `Function not found: <arn>`. */
  public get(name: string): FunctionRecord {
    const fn = this.#functions.get(name);
    if (fn === undefined) throw new ResourceNotFoundError({ message: `Function not found: ${this.arnOf(name)}` });
    return this.#refresh(fn);
  }

  /** Creates a function (State Pending for `updateDelayMs`); 409 when the name is taken. */
  public create({
    name,
    config,
    tags,
  }: {
    name: string;
    config: FunctionConfig;
    tags: Record<string, string>;
  }): FunctionRecord {
    if (this.#functions.has(name)) throw new ResourceConflictError({ message: `Function already exist: ${name}` });
    const fn: FunctionRecord = {
      name,
      arn: this.arnOf(name),
      latest: config,
      previous: undefined,
      state: 'Pending',
      activeAt: this.#now() + this.#options.updateDelayMs,
      updateStatus: undefined,
      updateDoneAt: 0,
      revisionId: this.#options.generateId(),
      versions: new Map(),
      nextVersion: 1,
      aliases: new Map(),
      tags,
      reserved: undefined,
    };
    this.#functions.set(name, fn);
    return fn;
  }

  /** Throws 409 while the function is Pending or an update is in progress. */
  public assertUpdatable(fn: FunctionRecord): void {
    this.#refresh(fn);
    if (fn.state === 'Pending') throw new ResourceConflictError({ message: stateMessage(fn.state) });
    if (fn.updateStatus === 'InProgress') throw new ResourceConflictError({ message: inProgressMessage(fn.arn) });
  }

  /** Throws 412 when `revisionId` is given and is not `current`. */
  public assertRevision(current: string, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== current) {
      throw new PreconditionFailedError({
        message: `The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id (got ${revisionId}, current ${current}).`,
      });
    }
  }

  /** Replaces `$LATEST` (config or code change): InProgress for `updateDelayMs`. */
  public update(fn: FunctionRecord, config: FunctionConfig): void {
    fn.previous = fn.latest;
    fn.latest = config;
    fn.updateStatus = 'InProgress';
    fn.updateDoneAt = this.#now() + this.#options.updateDelayMs;
    fn.revisionId = this.#options.generateId();
  }

  /** The highest published version still present. */
  #lastVersion(fn: FunctionRecord): VersionRecord | undefined {
    let last: VersionRecord | undefined;
    for (const version of fn.versions.values())
      if (last === undefined || Number(version.version) > Number(last.version)) last = version;
    return last;
  }

  /**
   * Publishes `$LATEST` as a new immutable version, or returns the latest
   * version unchanged when nothing changed since it was published.
   */
  public publish(
    fn: FunctionRecord,
    {
      description,
      readyAt,
      pendingCreate = false,
    }: { description?: string | undefined; readyAt?: number; pendingCreate?: boolean } = {},
  ): VersionRecord {
    const fingerprint = fingerprintOf(fn.latest);
    const last = this.#lastVersion(fn);
    if (last !== undefined && last.fingerprint === fingerprint) return last;
    const version = String(fn.nextVersion);
    fn.nextVersion += 1;
    const record: VersionRecord = {
      version,
      config: fn.latest,
      description: description ?? fn.latest.description,
      revisionId: this.#options.generateId(),
      readyAt: readyAt ?? this.#now(),
      pendingCreate,
      fingerprint,
    };
    fn.versions.set(version, record);
    return record;
  }

  /** Published versions, oldest first. */
  public versionsOf(fn: FunctionRecord): VersionRecord[] {
    return [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version));
  }

  public version(fn: FunctionRecord, version: string): VersionRecord {
    const record = fn.versions.get(version);
    if (record === undefined)
      throw new ResourceNotFoundError({ message: `Function not found: ${this.arnOf(fn.name, version)}` });
    return record;
  }

  public alias(fn: FunctionRecord, name: string): AliasRecord {
    const alias = fn.aliases.get(name);
    if (alias === undefined)
      throw new ResourceNotFoundError({ message: `Alias not found: ${this.arnOf(fn.name, name)}` });
    return alias;
  }

  #checkTarget(fn: FunctionRecord, functionVersion: string, routing: Record<string, number> | undefined): void {
    if (functionVersion !== LATEST) this.version(fn, functionVersion);
    if (routing === undefined) return;
    if (functionVersion === LATEST) {
      throw new InvalidParameterValueError({
        message:
          '$LATEST is not supported for an alias pointing to more than 1 version. Point the alias to a published version to use RoutingConfig.',
      });
    }
    for (const [extra, weight] of Object.entries(routing)) {
      if (extra === functionVersion)
        throw new InvalidParameterValueError({
          message: `Invalid function version ${extra}: the additional version must differ from the alias's FunctionVersion.`,
        });
      this.version(fn, extra);
      if (weight >= 1)
        throw new InvalidParameterValueError({
          message: `Invalid weight ${weight} for version ${extra}: additional weights must be below 1.`,
        });
    }
  }

  public createAlias(fn: FunctionRecord, input: AliasInput): AliasRecord {
    const name = input.name ?? '';
    const functionVersion = input.functionVersion ?? LATEST;
    if (fn.aliases.has(name))
      throw new ResourceConflictError({ message: `Alias already exists: ${this.arnOf(fn.name, name)}` });
    const routing = input.routing ?? undefined;
    this.#checkTarget(fn, functionVersion, routing);
    const alias: AliasRecord = {
      name,
      functionVersion,
      description: input.description ?? '',
      routing,
      revisionId: this.#options.generateId(),
    };
    fn.aliases.set(name, alias);
    return alias;
  }

  public updateAlias(fn: FunctionRecord, name: string, input: AliasInput, revisionId: string | undefined): AliasRecord {
    const alias = this.alias(fn, name);
    this.assertRevision(alias.revisionId, revisionId);
    const functionVersion = input.functionVersion ?? alias.functionVersion;
    const routing = input.routing === undefined ? alias.routing : (input.routing ?? undefined);
    this.#checkTarget(fn, functionVersion, routing);
    alias.functionVersion = functionVersion;
    alias.routing = routing;
    if (input.description !== undefined) alias.description = input.description;
    alias.revisionId = this.#options.generateId();
    return alias;
  }

  public deleteAlias(fn: FunctionRecord, name: string): void {
    this.alias(fn, name);
    fn.aliases.delete(name);
  }

  /** Deletes a published version; 400 for `$LATEST` or an alias, 409 while aliases point to it. */
  public deleteVersion(fn: FunctionRecord, qualifier: string): void {
    if (qualifier === LATEST) {
      throw new InvalidParameterValueError({
        message:
          '$LATEST version cannot be deleted without deleting the function. Omit the Qualifier to delete the function.',
      });
    }
    if (!PATTERNS.publishedVersion.test(qualifier)) {
      throw new InvalidParameterValueError({
        message: `Deletion of aliases is not supported by DeleteFunction (Qualifier ${qualifier} is an alias or not a version). Use DeleteAlias.`,
      });
    }
    this.version(fn, qualifier);
    const referencing = [...fn.aliases.values()].filter(
      (alias) => alias.functionVersion === qualifier || (alias.routing !== undefined && qualifier in alias.routing),
    );
    if (referencing.length > 0) {
      throw new ResourceConflictError({
        message: `Unable to delete version because the following aliases reference it: [${referencing.map((alias) => alias.name).join(', ')}]`,
      });
    }
    fn.versions.delete(qualifier);
  }

  public deleteFunction(name: string): FunctionRecord {
    const fn = this.get(name);
    this.#functions.delete(name);
    return fn;
  }

  /** Sum of the reservations of every function except `except`. */
  public reservedTotal({ except }: { except?: string } = {}): number {
    let total = 0;
    for (const fn of this.#functions.values()) if (fn.name !== except) total += fn.reserved ?? 0;
    return total;
  }

  /**
   * The configuration a qualifier names, for reads: `$LATEST` (default), a
   * version, or an alias (its current `FunctionVersion`).
   */
  public view(
    fn: FunctionRecord,
    qualifier: string | undefined,
  ): { kind: 'latest' } | { kind: 'version'; record: VersionRecord; arn: string } {
    if (qualifier === undefined || qualifier === LATEST) return { kind: 'latest' };
    if (PATTERNS.publishedVersion.test(qualifier)) {
      const record = this.version(fn, qualifier);
      return { kind: 'version', record, arn: this.arnOf(fn.name, qualifier) };
    }
    const alias = fn.aliases.get(qualifier);
    if (alias === undefined)
      throw new ResourceNotFoundError({ message: `Function not found: ${this.arnOf(fn.name, qualifier)}` });
    if (alias.functionVersion === LATEST) return { kind: 'latest' };
    return { kind: 'version', record: this.version(fn, alias.functionVersion), arn: this.arnOf(fn.name, qualifier) };
  }

  /** Resolves what an invocation runs; 409 while Pending, 404 for unknown qualifiers. */
  public resolveInvocation(
    fn: FunctionRecord,
    qualifier: string | undefined,
    random: () => number,
  ): ResolvedInvocation {
    this.#refresh(fn);
    const invokedArn = qualifier === undefined ? fn.arn : this.arnOf(fn.name, qualifier);
    let target = qualifier ?? LATEST;
    if (target !== LATEST && !PATTERNS.publishedVersion.test(target)) {
      const alias = fn.aliases.get(target);
      if (alias === undefined) throw new ResourceNotFoundError({ message: `Function not found: ${invokedArn}` });
      target = alias.functionVersion;
      if (alias.routing !== undefined) {
        const draw = random();
        let cumulative = 0;
        for (const [version, weight] of Object.entries(alias.routing)) {
          cumulative += weight;
          if (draw < cumulative) {
            target = version;
            break;
          }
        }
      }
    }
    if (target === LATEST) {
      if (fn.state === 'Pending') throw new ResourceConflictError({ message: stateMessage(fn.state) });
      return { fn, version: LATEST, config: fn.previous ?? fn.latest, invokedArn };
    }
    const record = fn.versions.get(target);
    if (record === undefined) throw new ResourceNotFoundError({ message: `Function not found: ${invokedArn}` });
    if (record.pendingCreate && this.#now() < record.readyAt)
      throw new ResourceConflictError({ message: stateMessage('Pending') });
    return { fn, version: target, config: record.config, invokedArn };
  }

  public now(): number {
    return this.#now();
  }

  public nextRevisionId(): string {
    return this.#options.generateId();
  }
}

export { FunctionStore };
export type { AliasRecord, FunctionConfig, FunctionRecord, ResolvedInvocation, VersionRecord };
