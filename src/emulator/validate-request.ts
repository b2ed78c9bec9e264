/**
 * Checks request bodies of the control plane the way Lambda does:
 * `ValidationException` for values outside the API model (ranges, patterns,
 * enums), `InvalidParameterValueException` for values the model allows but
 * Lambda refuses. Returns normalised settings.
 *
 * @module emulator/validate-request
 */
import {
  ARCHITECTURES,
  LAMBDA_LIMITS,
  LOG_FORMATS,
  LOG_LEVELS,
  PATTERNS,
  RESERVED_ENVIRONMENT_KEYS,
  RUNTIMES,
} from './constants.js';
import { InvalidParameterValueError, ValidationError } from './errors.js';

/** The settings of a function that UpdateFunctionConfiguration can change (code aside). */
interface FunctionSettings {
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  /** Undefined when the function has no variables. */
  environment: Record<string, string> | undefined;
  architecture: 'x86_64' | 'arm64';
  ephemeralStorage: number;
  logFormat: 'Text' | 'JSON';
  logGroup: string;
  applicationLogLevel: string | undefined;
  systemLogLevel: string | undefined;
  tracingMode: 'Active' | 'PassThrough';
}

type Body = Record<string, unknown>;

const SYSTEM_LOG_LEVELS = ['DEBUG', 'INFO', 'WARN'] as const;
const TRACING_MODES = ['Active', 'PassThrough'] as const;
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integerIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw ValidationError.constraint({ field, value, constraint: 'Member must be an integer' });
  if (value < min)
    throw ValidationError.constraint({
      field,
      value,
      constraint: `Member must have value greater than or equal to ${min}`,
    });
  if (value > max)
    throw ValidationError.constraint({
      field,
      value,
      constraint: `Member must have value less than or equal to ${max}`,
    });
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw ValidationError.constraint({
      field,
      value,
      constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    });
  }
  return value as T;
}

function text(field: string, value: unknown, { pattern, maxLength }: { pattern?: RegExp; maxLength?: number }): string {
  if (typeof value !== 'string')
    throw ValidationError.constraint({ field, value, constraint: 'Member must be a string' });
  if (maxLength !== undefined && value.length > maxLength)
    throw ValidationError.constraint({
      field,
      value,
      constraint: `Member must have length less than or equal to ${maxLength}`,
    });
  if (pattern !== undefined && !pattern.test(value))
    throw ValidationError.constraint({
      field,
      value,
      constraint: `Member must satisfy regular expression pattern: ${pattern.source}`,
    });
  return value;
}

function environmentOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value))
    throw new InvalidParameterValueError({
      message: `Environment must be an object like {"Variables": {"KEY": "value"}}; got ${JSON.stringify(value)}.`,
    });
  const variables = value.Variables;
  if (variables === undefined || variables === null) return undefined;
  if (!isObject(variables))
    throw new InvalidParameterValueError({
      message: `Environment.Variables must be an object of strings; got ${JSON.stringify(variables)}.`,
    });
  const entries = Object.entries(variables);
  if (entries.length === 0) return undefined;
  const reserved = entries
    .map(([key]) => key)
    .filter((key) => (RESERVED_ENVIRONMENT_KEYS as readonly string[]).includes(key));
  if (reserved.length > 0) {
    throw new InvalidParameterValueError({
      message: `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    });
  }
  const result: Record<string, string> = {};
  let size = 0;
  for (const [key, raw] of entries) {
    if (!PATTERNS.environmentKey.test(key)) {
      throw ValidationError.constraint({
        field: 'environment.variables',
        value: key,
        constraint: `Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${PATTERNS.environmentKey.source}]`,
      });
    }
    if (typeof raw !== 'string')
      throw new InvalidParameterValueError({
        message: `Environment variable ${key} must be a string; got ${JSON.stringify(raw)}.`,
      });
    result[key] = raw;
    size += Buffer.byteLength(key) + Buffer.byteLength(raw);
  }
  if (size > LAMBDA_LIMITS.environmentBytes) {
    throw new InvalidParameterValueError({
      message: `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size} bytes`,
    });
  }
  return result;
}

function architectureOf(value: unknown): 'x86_64' | 'arm64' {
  if (!Array.isArray(value) || value.length !== 1) {
    throw ValidationError.constraint({
      field: 'architectures',
      value,
      constraint: 'Member must have length less than or equal to 1 and greater than or equal to 1',
    });
  }
  return oneOf('architectures', value[0], ARCHITECTURES);
}

/** Applies a `LoggingConfig` over the current logging settings. */
function applyLogging(
  current: Pick<FunctionSettings, 'logFormat' | 'logGroup' | 'applicationLogLevel' | 'systemLogLevel'>,
  value: unknown,
): Pick<FunctionSettings, 'logFormat' | 'logGroup' | 'applicationLogLevel' | 'systemLogLevel'> {
  if (value === undefined || value === null) return current;
  if (!isObject(value))
    throw new InvalidParameterValueError({ message: `LoggingConfig must be an object; got ${JSON.stringify(value)}.` });
  const logFormat =
    value.LogFormat === undefined ? current.logFormat : oneOf('loggingConfig.logFormat', value.LogFormat, LOG_FORMATS);
  const logGroup =
    value.LogGroup === undefined
      ? current.logGroup
      : text('loggingConfig.logGroup', value.LogGroup, { pattern: LOG_GROUP });
  const application =
    value.ApplicationLogLevel === undefined
      ? undefined
      : oneOf('loggingConfig.applicationLogLevel', value.ApplicationLogLevel, LOG_LEVELS);
  const system =
    value.SystemLogLevel === undefined
      ? undefined
      : oneOf('loggingConfig.systemLogLevel', value.SystemLogLevel, SYSTEM_LOG_LEVELS);
  if (logFormat === 'Text') {
    if (application !== undefined || system !== undefined) {
      throw new InvalidParameterValueError({
        message:
          'ApplicationLogLevel and SystemLogLevel can only be set when the function uses the JSON log format. Set LoggingConfig.LogFormat to JSON, or remove the log levels.',
      });
    }
    return { logFormat, logGroup, applicationLogLevel: undefined, systemLogLevel: undefined };
  }
  return {
    logFormat,
    logGroup,
    applicationLogLevel: application ?? current.applicationLogLevel ?? 'INFO',
    systemLogLevel: system ?? current.systemLogLevel ?? 'INFO',
  };
}

/** Decodes `Code.ZipFile` / `ZipFile` (base64 over the wire). */
function zipFileOf(code: unknown, field: string): Buffer {
  if (!isObject(code) || typeof code.ZipFile !== 'string' || code.ZipFile === '') {
    const given = isObject(code) ? Object.keys(code).join(', ') || 'nothing' : JSON.stringify(code);
    throw new InvalidParameterValueError({
      message: `The emulator accepts code only as ${field} (base64 zip); got ${given}. S3Bucket/S3Key, S3ObjectVersion and ImageUri are not supported: pass the zip bytes (the SDK's ZipFile, the CLI's --zip-file fileb://function.zip).`,
    });
  }
  return Buffer.from(code.ZipFile, 'base64');
}

function settingsFrom(body: Body, base: FunctionSettings): FunctionSettings {
  const next: FunctionSettings = { ...base };
  if (body.Role !== undefined) next.role = text('role', body.Role, { pattern: PATTERNS.role });
  if (body.MemorySize !== undefined)
    next.memorySize = integerIn('memorySize', body.MemorySize, LAMBDA_LIMITS.memoryMinMB, LAMBDA_LIMITS.memoryMaxMB);
  if (body.Timeout !== undefined)
    next.timeout = integerIn('timeout', body.Timeout, LAMBDA_LIMITS.timeoutMinSeconds, LAMBDA_LIMITS.timeoutMaxSeconds);
  if (body.Runtime !== undefined) next.runtime = oneOf('runtime', body.Runtime, RUNTIMES);
  if (body.Handler !== undefined)
    next.handler = text('handler', body.Handler, { pattern: PATTERNS.handler, maxLength: LAMBDA_LIMITS.handlerLength });
  if (body.Description !== undefined)
    next.description = text('description', body.Description, { maxLength: LAMBDA_LIMITS.descriptionLength });
  if (body.EphemeralStorage !== undefined) {
    const size = isObject(body.EphemeralStorage) ? body.EphemeralStorage.Size : undefined;
    next.ephemeralStorage = integerIn(
      'ephemeralStorage.size',
      size,
      LAMBDA_LIMITS.ephemeralStorageMinMB,
      LAMBDA_LIMITS.ephemeralStorageMaxMB,
    );
  }
  if (body.TracingConfig !== undefined)
    next.tracingMode = oneOf(
      'tracingConfig.mode',
      isObject(body.TracingConfig) ? body.TracingConfig.Mode : undefined,
      TRACING_MODES,
    );
  if (body.Environment !== undefined) next.environment = environmentOf(body.Environment);
  Object.assign(next, applyLogging(next, body.LoggingConfig));
  return next;
}

/** A checked CreateFunction request. */
interface CreateFunctionInput {
  settings: FunctionSettings;
  zip: Buffer;
  publish: boolean;
  tags: Record<string, string>;
}

function tagsOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value) || Object.values(value).some((tag) => typeof tag !== 'string')) {
    throw new InvalidParameterValueError({
      message: `Tags must be an object of strings; got ${JSON.stringify(value)}.`,
    });
  }
  return { ...(value as Record<string, string>) };
}

/**
 * Checks a CreateFunction body (the function name is checked by the caller).
 *
 * @example
 * const { settings, zip } = validateCreateFunction(body, { name: 'demo' });
 */
function validateCreateFunction(body: Body, { name }: { name: string }): CreateFunctionInput {
  if (body.Role === undefined || body.Role === null)
    throw ValidationError.constraint({ field: 'role', value: null, constraint: 'Member must not be null' });
  if (body.PackageType !== undefined && body.PackageType !== 'Zip') {
    throw new InvalidParameterValueError({
      message: `PackageType ${JSON.stringify(body.PackageType)} is not supported by the emulator; only Zip packages run locally.`,
    });
  }
  const base: FunctionSettings = {
    runtime: '',
    role: '',
    handler: '',
    description: '',
    timeout: LAMBDA_LIMITS.defaultTimeoutSeconds,
    memorySize: LAMBDA_LIMITS.defaultMemoryMB,
    environment: undefined,
    architecture: 'x86_64',
    ephemeralStorage: LAMBDA_LIMITS.ephemeralStorageMinMB,
    logFormat: 'Text',
    logGroup: `/aws/lambda/${name}`,
    applicationLogLevel: undefined,
    systemLogLevel: undefined,
    tracingMode: 'PassThrough',
  };
  const settings = settingsFrom(body, base);
  if (body.Architectures !== undefined) settings.architecture = architectureOf(body.Architectures);
  if (settings.runtime === '' || settings.handler === '') {
    throw new InvalidParameterValueError({
      message: 'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    });
  }
  const zip = zipFileOf(body.Code, 'Code.ZipFile');
  return { settings, zip, publish: body.Publish === true, tags: tagsOf(body.Tags) };
}

/**
 * Checks an UpdateFunctionConfiguration body and applies it over `current`.
 *
 * @example
 * const next = validateConfigurationUpdate({ MemorySize: 1024 }, current);
 */
function validateConfigurationUpdate(body: Body, current: FunctionSettings): FunctionSettings {
  return settingsFrom(body, current);
}

/** A checked UpdateFunctionCode request. */
interface CodeUpdateInput {
  zip: Buffer;
  publish: boolean;
  architecture: 'x86_64' | 'arm64' | undefined;
}

/**
 * Checks an UpdateFunctionCode body.
 *
 * @example
 * const { zip, publish } = validateCodeUpdate({ ZipFile: base64Zip, Publish: true });
 */
function validateCodeUpdate(body: Body): CodeUpdateInput {
  return {
    zip: zipFileOf(body, 'ZipFile'),
    publish: body.Publish === true,
    architecture: body.Architectures === undefined ? undefined : architectureOf(body.Architectures),
  };
}

/** A checked alias body. */
interface AliasInput {
  name?: string;
  functionVersion?: string;
  description?: string;
  /** Undefined: not given; null: cleared. */
  routing?: Record<string, number> | null;
}

/**
 * Checks a CreateAlias / UpdateAlias body (names, versions, weights).
 *
 * @example
 * validateAlias({ Name: 'live', FunctionVersion: '1' }, { requireName: true });
 */
function validateAlias(body: Body, { requireName }: { requireName: boolean }): AliasInput {
  const input: AliasInput = {};
  if (requireName || body.Name !== undefined) {
    if (body.Name === undefined || body.Name === null)
      throw ValidationError.constraint({ field: 'name', value: null, constraint: 'Member must not be null' });
    input.name = text('name', body.Name, { pattern: PATTERNS.aliasName, maxLength: LAMBDA_LIMITS.aliasNameLength });
  }
  if (requireName && (body.FunctionVersion === undefined || body.FunctionVersion === null)) {
    throw ValidationError.constraint({ field: 'functionVersion', value: null, constraint: 'Member must not be null' });
  }
  if (body.FunctionVersion !== undefined)
    input.functionVersion = text('functionVersion', body.FunctionVersion, {
      pattern: PATTERNS.version,
      maxLength: 1024,
    });
  if (body.Description !== undefined)
    input.description = text('description', body.Description, { maxLength: LAMBDA_LIMITS.descriptionLength });
  if (body.RoutingConfig !== undefined) {
    const weights = isObject(body.RoutingConfig) ? body.RoutingConfig.AdditionalVersionWeights : undefined;
    if (weights === undefined || weights === null) {
      input.routing = null;
    } else {
      if (!isObject(weights))
        throw new InvalidParameterValueError({
          message: `RoutingConfig.AdditionalVersionWeights must be an object of version → weight; got ${JSON.stringify(weights)}.`,
        });
      const routing: Record<string, number> = {};
      for (const [version, weight] of Object.entries(weights)) {
        if (!PATTERNS.publishedVersion.test(version))
          throw ValidationError.constraint({
            field: 'routingConfig.additionalVersionWeights',
            value: version,
            constraint: 'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]',
          });
        if (typeof weight !== 'number' || weight < 0 || weight > 1) {
          throw ValidationError.constraint({
            field: 'routingConfig.additionalVersionWeights',
            value: weight,
            constraint: 'Map value must satisfy constraint: [Member must have value between 0.0 and 1.0]',
          });
        }
        routing[version] = weight;
      }
      if (Object.keys(routing).length > 1)
        throw new InvalidParameterValueError({
          message: 'Number of additional versions in the routing config cannot be greater than 1.',
        });
      input.routing = Object.keys(routing).length === 0 ? null : routing;
    }
  }
  return input;
}

/**
 * Checks a PutFunctionConcurrency body.
 *
 * @example
 * validateReservedConcurrency({ ReservedConcurrentExecutions: 5 }); // 5
 */
function validateReservedConcurrency(body: Body): number {
  if (body.ReservedConcurrentExecutions === undefined || body.ReservedConcurrentExecutions === null) {
    throw ValidationError.constraint({
      field: 'reservedConcurrentExecutions',
      value: null,
      constraint: 'Member must not be null',
    });
  }
  return integerIn('reservedConcurrentExecutions', body.ReservedConcurrentExecutions, 0, Number.MAX_SAFE_INTEGER);
}

/**
 * Reads an optional string field (e.g. `RevisionId`, `CodeSha256`).
 *
 * @example
 * optionalString(body, 'RevisionId');
 */
function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw ValidationError.constraint({
      field: key.charAt(0).toLowerCase() + key.slice(1),
      value,
      constraint: 'Member must be a string',
    });
  return value;
}

export {
  isObject,
  optionalString,
  validateAlias,
  validateCodeUpdate,
  validateConfigurationUpdate,
  validateCreateFunction,
  validateReservedConcurrency,
};
export type { AliasInput, CodeUpdateInput, CreateFunctionInput, FunctionSettings };
