/**
 * Constants of the command-line interface.
 *
 * @module cli/constants
 */

/** Where run journals live unless `--state-dir` says otherwise (relative to the working directory). */
const DEFAULT_STATE_DIR = '.powertune';

/** Counted invocations per size when neither --num nor the input file says (`tune` and `sfn`). */
const DEFAULT_CLI_NUM = 10;

export { DEFAULT_CLI_NUM, DEFAULT_STATE_DIR };
