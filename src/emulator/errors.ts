/**
 * Error classes of the emulator. `LambdaServiceError` subclasses know their
 * HTTP status, Lambda error type and body shape; `toWebResponse()` is the one
 * place that turns them into the bytes AWS would send (status, body,
 * `x-amzn-ErrorType`, `Retry-After`), so the AWS SDK and CLI raise the same
 * exception classes they raise against AWS.
 *
 * @module emulator/errors
 */
import { ExitCode, PowerTuneError } from '../core/errors.js';

/**
 * Base class of every error the emulator throws on purpose. Exit code 1 (the
 * run failed) unless a subclass says the user's input was at fault.
 *
 * @example
 * throw new EmulatorError('the emulator is closed', { cause });
 */
class EmulatorError extends PowerTuneError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

/** Lowest HTTP status that means the service, not the request, failed. */
const HTTP_SERVER_ERROR = 500;

/** Who is at fault, as Lambda's error bodies say (`Type`). */
type LambdaErrorSource = 'User' | 'Service';

interface LambdaServiceErrorOptions extends ErrorOptions {
  /** HTTP status code. */
  statusCode: number;
  /** Lambda error type, e.g. `ResourceNotFoundException` (header `x-amzn-ErrorType`). */
  errorType: string;
  /** Body key of the message: Lambda spells it `Message` for some errors, `message` for others. */
  messageKey?: 'message' | 'Message';
  source?: LambdaErrorSource;
  /** Extra body fields (e.g. `Reason` of a 429). */
  fields?: Record<string, string>;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * An error of the Lambda API, with its wire format.
 *
 * @example
 * const response = new ResourceNotFoundError({ message: 'Function not found: arn:…' }).toWebResponse('req-1');
 * response.status; // 404
 */
class LambdaServiceError extends EmulatorError {
  /** A 4xx is the caller's input (exit 2); a 5xx is the service failing (exit 1). */
  public override readonly exitCode: number;
  public readonly statusCode: number;
  public readonly errorType: string;
  public readonly messageKey: 'message' | 'Message';
  public readonly source: LambdaErrorSource;
  public readonly fields: Record<string, string>;
  public readonly headers: Record<string, string>;

  public constructor(
    message: string,
    {
      statusCode,
      errorType,
      messageKey = 'message',
      source = 'User',
      fields = {},
      headers = {},
      cause,
    }: LambdaServiceErrorOptions,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'LambdaServiceError';
    this.exitCode = statusCode < HTTP_SERVER_ERROR ? ExitCode.BadInput : ExitCode.RunFailed;
    this.statusCode = statusCode;
    this.errorType = errorType;
    this.messageKey = messageKey;
    this.source = source;
    this.fields = fields;
    this.headers = headers;
  }

  /** The JSON body Lambda sends: `{ Type, message | Message, …fields }`. */
  public toJSON(): Record<string, string> {
    return { Type: this.source, [this.messageKey]: this.message, ...this.fields };
  }

  /** The whole HTTP response, with `x-amzn-ErrorType` and `x-amzn-RequestId`. */
  public toWebResponse(requestId: string): Response {
    return new Response(JSON.stringify(this.toJSON()), {
      status: this.statusCode,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': this.errorType,
        'x-amzn-requestid': requestId,
        ...this.headers,
      },
    });
  }
}

interface MessageOptions {
  message: string;
  cause?: unknown;
}

/**
 * 404 `ResourceNotFoundException` (body key `Message`, as Lambda sends it).
 *
 * @example
 * throw new ResourceNotFoundError({ message: `Function not found: ${arn}` });
 */
class ResourceNotFoundError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 404, errorType: 'ResourceNotFoundException', messageKey: 'Message', cause });
    this.name = 'ResourceNotFoundError';
  }
}

/**
 * 409 `ResourceConflictException`: exists already, update in progress, referenced by an alias.
 *
 * @example
 * throw new ResourceConflictError({ message: 'Function already exist: demo' });
 */
class ResourceConflictError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 409, errorType: 'ResourceConflictException', cause });
    this.name = 'ResourceConflictError';
  }
}

/**
 * 400 `InvalidParameterValueException`: a value the API model allows but Lambda refuses.
 *
 * @example
 * throw new InvalidParameterValueError({ message: 'Runtime and Handler are mandatory parameters …' });
 */
class InvalidParameterValueError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 400, errorType: 'InvalidParameterValueException', cause });
    this.name = 'InvalidParameterValueError';
  }
}

/**
 * 400 `ValidationException`: a value outside the API model (range, pattern, enum).
 *
 * @example
 * throw ValidationError.constraint({ field: 'memorySize', value: 100, constraint: 'Member must have value greater than or equal to 128' });
 */
class ValidationError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 400, errorType: 'ValidationException', cause });
    this.name = 'ValidationError';
  }

  /** Lambda's wording: `1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: …`. */
  public static constraint({
    field,
    value,
    constraint,
  }: {
    field: string;
    value: unknown;
    constraint: string;
  }): ValidationError {
    const shown =
      value === null || value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
    return new ValidationError({
      message: `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
    });
  }
}

/**
 * 412 `PreconditionFailedException`: the `RevisionId` given is not the current one.
 *
 * @example
 * throw new PreconditionFailedError({ message: 'The Revision Id provided does not match the latest Revision Id. …' });
 */
class PreconditionFailedError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 412, errorType: 'PreconditionFailedException', cause });
    this.name = 'PreconditionFailedError';
  }
}

/** Why a 429 happened (`Reason` in the body). */
type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'CallerRateLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded';

/**
 * 429 `TooManyRequestsException`, with `Reason` and `Retry-After`.
 *
 * @example
 * throw new TooManyRequestsError({ reason: 'ConcurrentInvocationLimitExceeded' });
 */
class TooManyRequestsError extends LambdaServiceError {
  public readonly reason: ThrottleReason;

  public constructor({
    reason,
    message = 'Rate Exceeded.',
    retryAfterSeconds = 1,
  }: {
    reason: ThrottleReason;
    message?: string;
    retryAfterSeconds?: number;
  }) {
    super(message, {
      statusCode: 429,
      errorType: 'TooManyRequestsException',
      fields: { Reason: reason },
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
    this.name = 'TooManyRequestsError';
    this.reason = reason;
  }
}

/**
 * 413 `RequestTooLargeException`.
 *
 * @example
 * throw new RequestTooLargeError({ limitBytes: 6291456, operation: 'InvokeFunction' });
 */
class RequestTooLargeError extends LambdaServiceError {
  public readonly limitBytes: number;

  public constructor({ limitBytes, operation }: { limitBytes: number; operation: string }) {
    super(`Request must be smaller than ${limitBytes} bytes for the ${operation} operation`, {
      statusCode: 413,
      errorType: 'RequestTooLargeException',
    });
    this.name = 'RequestTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/**
 * 400 `InvalidRequestContentException`: a body that is not JSON.
 *
 * @example
 * throw new InvalidRequestContentError({ message: 'Could not parse request body into json: …' });
 */
class InvalidRequestContentError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 400, errorType: 'InvalidRequestContentException', cause });
    this.name = 'InvalidRequestContentError';
  }
}

/**
 * 500 `ServiceException` (fault injection, or the execution backend failed).
 *
 * @example
 * throw new ServiceError({ message: 'Injected server error (serverErrorRate 1).' });
 */
class ServiceError extends LambdaServiceError {
  public constructor({ message, cause }: MessageOptions) {
    super(message, { statusCode: 500, errorType: 'ServiceException', messageKey: 'Message', source: 'Service', cause });
    this.name = 'ServiceError';
  }
}

/**
 * 404 `UnknownOperationException`: a method and path the Lambda API does not have.
 *
 * @example
 * throw new UnknownOperationError({ method: 'GET', path: '/2099-01-01/nothing' });
 */
class UnknownOperationError extends LambdaServiceError {
  public constructor({ method, path }: { method: string; path: string }) {
    super(
      `Unknown operation: ${method} ${path} is not a route of the Lambda API (or of the emulator's /_powertune admin API). Check the endpoint URL and the SDK version.`,
      {
        statusCode: 404,
        errorType: 'UnknownOperationException',
      },
    );
    this.name = 'UnknownOperationError';
  }
}

/**
 * A zip archive that cannot be read or written safely.
 *
 * @example
 * throw new ZipFormatError({ message: 'entry escapes the archive', entry: '../evil' });
 */
class ZipFormatError extends EmulatorError {
  /** The entry at fault, when there is one. */
  public readonly entry: string | undefined;

  public constructor({ message, entry, cause }: { message: string; entry?: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ZipFormatError';
    this.entry = entry;
  }
}

/**
 * A handler file or folder that cannot be packaged.
 *
 * @example
 * throw new PackageHandlerError({ message: './x.rb: unsupported extension …', file: './x.rb' });
 */
class PackageHandlerError extends EmulatorError {
  public override readonly exitCode: number = ExitCode.BadInput;
  public readonly file: string;

  public constructor({ message, file, cause }: { message: string; file: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PackageHandlerError';
    this.file = file;
  }
}

/** Why a listen failed, in words, for the socket error codes a user can cause. */
const LISTEN_FAILURES: Record<string, (host: string, port: number) => string> = {
  EADDRINUSE: (host, port) =>
    `port ${port} on ${host} is already in use (another emulator or program is listening there)`,
  EACCES: (_host, port) => `this user may not listen on port ${port} (ports below 1024 need privileges)`,
  EADDRNOTAVAIL: (host) => `${host} is not an address of this machine`,
};

/**
 * The emulator could not start listening: a busy port, a privileged port or
 * a host address this machine does not have (bad input, exit 2).
 *
 * @example
 * throw new EmulatorStartError({ host: '127.0.0.1', port: 9001, cause });
 */
class EmulatorStartError extends EmulatorError {
  public override readonly exitCode: number = ExitCode.BadInput;
  public readonly host: string;
  public readonly port: number;

  public constructor({ host, port, cause }: { host: string; port: number; cause?: unknown }) {
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
    const known = code === undefined ? undefined : LISTEN_FAILURES[code];
    const detail = known !== undefined ? known(host, port) : cause instanceof Error ? cause.message : String(cause);
    super(
      `--port: the emulator could not listen on ${host}:${port}: ${detail}. Pick another --port (0 picks a free one) or a --host address of this machine (default 127.0.0.1).`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'EmulatorStartError';
    this.host = host;
    this.port = port;
  }
}

export {
  EmulatorError,
  EmulatorStartError,
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaServiceError,
  PackageHandlerError,
  PreconditionFailedError,
  RequestTooLargeError,
  ResourceConflictError,
  ResourceNotFoundError,
  ServiceError,
  TooManyRequestsError,
  UnknownOperationError,
  ValidationError,
  ZipFormatError,
};
export type { LambdaErrorSource, LambdaServiceErrorOptions, ThrottleReason };
