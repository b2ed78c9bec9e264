/**
 * Cleanup handler, used twice in the state machine:
 * - `Cleanup` (happy path): delete the aliases and versions the run created
 *   and restore `$LATEST`; returns the cleanup report.
 * - `CleanupOnError` (every Catch): the same cleanup unless it already ran,
 *   then returns `{ error, cause }` for the `Failed` state — the original
 *   error's name, its message, and what cleanup did, so the execution ends
 *   FAILED with something a human can act on.
 *
 * @module stepfunctions/handlers/cleanup
 */
import { cleanupRun, type CleanupReport } from '../../tuner/index.js';
import type { CleanupEvent, CleanupOnErrorEvent, FailureDescription } from '../types.js';
import { describeCaughtError } from './describe-error.js';
import { defaultHandlerDeps, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

/**
 * The Cleanup step.
 *
 * @example
 * const report = await cleanupStep({ run, prepare });
 */
const cleanupStep = async (
  { run, prepare }: CleanupEvent,
  deps: HandlerDeps = defaultHandlerDeps(),
): Promise<CleanupReport> =>
  cleanupRun({ plan: run.plan, lambda: deps.lambdaFor(run.plan.region), ledger: prepare.ledger });

const summarizeCleanup = (report: CleanupReport, original: number): string => {
  const parts = [
    `Cleanup deleted ${report.deletedAliases.length} aliases and ${report.deletedVersions.length} versions`,
    report.restored ? `and restored $LATEST to ${original} MB.` : 'but could not restore $LATEST.',
  ];
  if (report.warnings.length > 0) parts.push(report.warnings.join(' '));
  if (!report.complete)
    parts.push(
      'Some resources remain: run `powertune cleanup` (or delete the aliases starting with the run prefix) to finish.',
    );
  return parts.join(' ');
};

/**
 * The CleanupOnError step: cleans up if needed and describes the failure.
 *
 * @example
 * const { error, cause } = await cleanupOnError({ state });
 */
const cleanupOnError = async (
  { state }: CleanupOnErrorEvent,
  deps: HandlerDeps = defaultHandlerDeps(),
): Promise<FailureDescription> => {
  const failure = state.prepare?.failure ?? describeCaughtError(state.error);
  const run = state.run;
  if (run === undefined) return { error: failure.error, cause: `${failure.cause} Nothing had been changed yet.` };
  if (state.cleanup !== undefined) return failure;
  // When Prepare failed by throwing (not as data), its last changes are not in the ledger: rediscover them from the plan.
  const prepareThrew = state.prepare !== undefined && !state.prepare.done && state.prepare.failure === undefined;
  const ledger = prepareThrew ? undefined : state.prepare?.ledger;
  const report = await cleanupRun({
    plan: run.plan,
    lambda: deps.lambdaFor(run.plan.region),
    ...(ledger !== undefined ? { ledger } : {}),
  });
  return { error: failure.error, cause: `${failure.cause} ${summarizeCleanup(report, run.plan.original.memoryMB)}` };
};

/** Lambda entry point for both states: `CleanupOnError` sends `{ state }`. */
const handler = withHandlerErrors(
  'cleanup',
  async (event: CleanupEvent | CleanupOnErrorEvent): Promise<CleanupReport | FailureDescription> =>
    'state' in event ? cleanupOnError(event) : cleanupStep(event),
);

export { cleanupOnError, cleanupStep, handler };
