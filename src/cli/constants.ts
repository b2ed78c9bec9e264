/**
 * Constants of the command-line interface.
 *
 * @module cli/constants
 */

/** Where run journals live unless `--state-dir` says otherwise (relative to the working directory). */
const DEFAULT_STATE_DIR = '.powertune';

export { DEFAULT_STATE_DIR };
