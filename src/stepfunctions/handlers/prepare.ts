/**
 * Prepare handler: publish power configurations (update `$LATEST` → wait →
 * publish → alias) one size after another — Lambda allows one configuration
 * update at a time — for as long as this invocation's time allows. The
 * state machine loops back here until every size is ready (usually one
 * invocation does them all).
 *
 * A failure is returned as data (`failure`), not thrown, so the ledger of
 * what was already created reaches the cleanup step.
 *
 * @module stepfunctions/handlers/prepare
 */
import { createRunLedger, prepareSize, type RunLedger } from '../../tuner/index.js';
import { DRIVER_DEFAULTS } from '../constants.js';
import type { PrepareEvent, PrepareState } from '../types.js';
import { describeError } from './describe-error.js';
import { defaultHandlerDeps, type HandlerContext, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

const mergeLedgers = (before: RunLedger, added: RunLedger): RunLedger => ({
  aliases: [...before.aliases, ...added.aliases.filter((alias) => !before.aliases.includes(alias))],
  versions: [...before.versions, ...added.versions],
  setByRun: [...before.setByRun, ...added.setByRun],
  ...(before.applied === true || added.applied === true ? { applied: true } : {}),
});

/**
 * The Prepare step.
 *
 * @example
 * const prepare = await prepareStep({ run, prepare: { next: 0, done: false, loops: 0, ledger } }, context);
 */
const prepareStep = async (
  { run, prepare }: PrepareEvent,
  context: HandlerContext,
  deps: HandlerDeps = defaultHandlerDeps(),
): Promise<PrepareState> => {
  if (prepare.dryRun !== undefined || prepare.done) return prepare;
  const { plan } = run;
  const lambda = deps.lambdaFor(plan.region);
  const tracker = createRunLedger();
  let latest = prepare.latest ?? plan.original;
  let next = prepare.next;
  let slowestMs = 0;
  try {
    while (next < plan.sizes.length) {
      const size = plan.sizes[next];
      if (size === undefined) break;
      // Keep going only while another size surely fits (the first one always runs).
      if (
        next > prepare.next &&
        context.getRemainingTimeInMillis() - DRIVER_DEFAULTS.safetyMarginMs < slowestMs * DRIVER_DEFAULTS.guardFactor
      ) {
        break;
      }
      const started = deps.now().getTime();
      const prepared = await prepareSize({ plan, power: size.power, lambda, recorder: tracker.recorder, latest });
      slowestMs = Math.max(slowestMs, deps.now().getTime() - started);
      latest = prepared.latest;
      next += 1;
    }
  } catch (error) {
    return {
      next,
      done: false,
      loops: prepare.loops + 1,
      ledger: mergeLedgers(prepare.ledger, tracker.ledger()),
      latest,
      failure: describeError(error),
    };
  }
  return {
    next,
    done: next >= plan.sizes.length,
    loops: prepare.loops + 1,
    ledger: mergeLedgers(prepare.ledger, tracker.ledger()),
    latest,
  };
};

/** The Lambda entry point. */
const handler = withHandlerErrors('prepare', (event: PrepareEvent, context: HandlerContext) =>
  prepareStep(event, context),
);

export { handler, mergeLedgers, prepareStep };
