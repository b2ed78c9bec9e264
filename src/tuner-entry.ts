/**
 * `powertune/tuner`: run a tuning from code — the tuner and the AWS SDK v3
 * port it talks to Lambda through.
 *
 * @example
 * import { createSdkLambdaPort, runTuning } from 'powertune/tuner';
 * import { validateInput } from 'powertune';
 * const result = await runTuning({ input: validateInput({ lambdaARN: 'my-fn', num: 10 }), lambda: createSdkLambdaPort({ region: 'eu-west-1' }) });
 *
 * @module powertune/tuner
 */
export { createSdkLambdaPort } from './lambda/index.js';
export type { LambdaPort } from './lambda/index.js';
export {
  cleanupFromJournal,
  createFileJournal,
  createMemoryJournal,
  readUnfinishedRuns,
  runDryRun,
  runTuning,
} from './tuner/index.js';
export type { DryRunResult, TuningEvent } from './tuner/index.js';
