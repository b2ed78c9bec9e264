/**
 * Vitest setup file: the tests must pass in an AWS user's shell. Removes the
 * variables that change how the SDK, the AWS CLI or our renderers behave
 * (region, profile, endpoints, retries, colour, CI detection) from this
 * worker's `process.env` before any test file loads, so the code under test
 * and every child process a test spawns (which inherit `process.env`) see a
 * clean environment. Tests that need one of them set it explicitly.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Kept: they only silence a warning or point at tools the tests need. */
const KEPT = new Set(['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']);
const SCRUBBED = ['NO_COLOR', 'FORCE_COLOR', 'CI', 'TERM', 'COLORTERM', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY'];

const scrubEnvironment = (env: NodeJS.ProcessEnv = process.env): void => {
  for (const name of Object.keys(env)) {
    if ((name.startsWith('AWS_') && !KEPT.has(name)) || SCRUBBED.includes(name)) delete env[name];
  }
  // Without these the SDK and the AWS CLI would read the user's ~/.aws files;
  // a path that does not exist reads as "no profiles".
  const none = join(tmpdir(), 'powertune-tests-no-aws-files', 'none');
  env.AWS_CONFIG_FILE = none;
  env.AWS_SHARED_CREDENTIALS_FILE = none;
};

scrubEnvironment();

export { scrubEnvironment };
