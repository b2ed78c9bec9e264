/**
 * Errors of reading a project. Input problems found before anything runs
 * (a missing code root, a bad `--env`, an unresolvable template value) are
 * exit 2; a handler that cannot be built or cannot start is exit 1.
 *
 * @module project/errors
 */
import { PowerTuneError } from '../core/errors.js';

/**
 * The project as given cannot be read: exit 2, nothing was deployed.
 *
 * @example
 * throw new ProjectInputError({ field: '--env', message: '--env: expected KEY=VALUE; got "DEBUG"' });
 */
class ProjectInputError extends PowerTuneError {
  public override readonly exitCode: number = 2;
  public readonly field: string;

  public constructor({ field, message, cause }: { field: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProjectInputError';
    this.field = field;
  }
}

/**
 * The handler's code does not build (a TypeScript syntax error): exit 1,
 * nothing was measured. `location` is `file:line:col`.
 *
 * @example
 * throw new ProjectBuildError({ message: 'src/handler.ts:3:7: Expected ";" but found "x"', location: 'src/handler.ts:3:7' });
 */
class ProjectBuildError extends PowerTuneError {
  public readonly location: string | undefined;

  public constructor({ message, location, cause }: { message: string; location?: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProjectBuildError';
    this.location = location;
  }
}

export { ProjectBuildError, ProjectInputError };
