/**
 * Errors of the execution environments. Function failures (handler errors,
 * timeouts, out-of-memory kills) are *not* errors here: they are results with
 * `functionError`, as Lambda returns them. These classes are for the
 * emulator's own faults, which the API layer maps to 5xx.
 *
 * @module emulator/runtime/errors
 */
import { ExitCode, PowerTuneError } from '../../core/errors.js';

/**
 * Base class of every error the runtime throws on purpose (exit 1 unless a
 * subclass says the user's choice was at fault).
 *
 * @example
 * throw new ExecutionEnvironmentError('Environment failed', { cause: err });
 */
class ExecutionEnvironmentError extends PowerTuneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExecutionEnvironmentError';
  }
}

/**
 * The snapshot names a runtime the emulator cannot start.
 *
 * @example
 * throw new UnsupportedRuntimeError({ runtime: 'java21' });
 */
class UnsupportedRuntimeError extends ExecutionEnvironmentError {
  override readonly exitCode: number = ExitCode.BadInput;
  readonly runtime: string;

  constructor({ runtime, cause }: { runtime: string; cause?: unknown }) {
    super(
      `Cannot start runtime "${runtime}": the emulator runs nodejs*.x (with this Node.js) and python3.* (with the host's python3). ` +
        'Create the function with one of these runtimes.',
      { cause },
    );
    this.name = 'UnsupportedRuntimeError';
    this.runtime = runtime;
  }
}

/**
 * The CPU limit could not be set up in the mode that was asked for.
 *
 * @example
 * throw new CpuLimitError({ mode: 'cgroup', path: '/sys/fs/cgroup/cpu', reason: 'not writable' });
 */
class CpuLimitError extends ExecutionEnvironmentError {
  /** The user asked for a CPU mode this machine cannot give (exit 2). */
  override readonly exitCode: number = ExitCode.BadInput;
  readonly mode: string;
  readonly path: string | undefined;

  constructor({ mode, path, reason, cause }: { mode: string; path?: string; reason: string; cause?: unknown }) {
    super(
      `Cannot limit CPU in mode "${mode}"${path === undefined ? '' : ` at ${path}`}: ${reason}. ` +
        'Run as root on Linux with a writable cgroup cpu controller, or use cpuMode "auto" or "virtual-time".',
      { cause },
    );
    this.name = 'CpuLimitError';
    this.mode = mode;
    this.path = path;
  }
}

/**
 * `invoke` was called after `stop()`.
 *
 * @example
 * throw new BackendStoppedError({ requestId: 'a1b2' });
 */
class BackendStoppedError extends ExecutionEnvironmentError {
  readonly requestId: string;

  constructor({ requestId, cause }: { requestId: string; cause?: unknown }) {
    super(
      `Cannot run invocation ${requestId}: the execution backend was stopped. Create a new backend with createExecutionBackend().`,
      { cause },
    );
    this.name = 'BackendStoppedError';
    this.requestId = requestId;
  }
}

/**
 * A runtime bootstrap file shipped with the emulator is missing (a build that
 * did not copy `src/emulator/runtime/bootstrap/`).
 *
 * @example
 * throw new BootstrapNotFoundError({ file: 'node-bootstrap.mjs', searched: ['/app/dist/…'] });
 */
class BootstrapNotFoundError extends ExecutionEnvironmentError {
  readonly file: string;
  readonly searched: string[];

  constructor({ file, searched }: { file: string; searched: string[] }) {
    super(
      `Cannot find the runtime bootstrap ${file}; looked in: ${searched.join(', ')}. ` +
        'Copy src/emulator/runtime/bootstrap/ to dist/emulator/runtime/bootstrap/ when building.',
    );
    this.name = 'BootstrapNotFoundError';
    this.file = file;
    this.searched = searched;
  }
}

export {
  BackendStoppedError,
  BootstrapNotFoundError,
  CpuLimitError,
  ExecutionEnvironmentError,
  UnsupportedRuntimeError,
};
