import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import { createMemoryJournal, runDryRun, runTuning } from '../../../src/tuner/index.js';
import type { TuningEvent } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

const SENTINEL = 'SENTINEL-7f3a9c';

/** A function that fails at 128 MB echoing its input, and a pre-processor that fails echoing its input at 256 MB. */
const echoingLambda = (): ReturnType<typeof createFakeLambdaPort> =>
  createFakeLambdaPort({
    functionErrorOn: ({ power, payload }) =>
      power === 128 ? { type: 'ValidationError', message: `bad input ${payload}` } : undefined,
    processors: {
      pre: (payload) =>
        payload.includes('256') ? { error: { type: 'PreFailed', message: `cannot use ${payload}` } } : { payload },
    },
  });

const tune = async (disablePayloadLogs: boolean): Promise<{ text: string }> => {
  const events: TuningEvent[] = [];
  const journal = createMemoryJournal();
  const lambda = echoingLambda();
  let outcome: unknown;
  try {
    outcome = await runTuning({
      input: validateInput({
        lambdaARN: 'my-fn',
        num: 5,
        powerValues: [128, 512],
        payload: { secret: SENTINEL },
        disablePayloadLogs,
      }),
      lambda,
      journal,
      runId: 'r',
      onEvent: (e) => events.push(e),
    });
  } catch (error) {
    outcome = { message: (error as Error).message };
  }
  return { text: JSON.stringify({ events, journal: journal.entries, outcome }) };
};

describe('Option: disablePayloadLogs', () => {
  it('keeps the payload out of every event, error message, result and journal entry', async () => {
    // Act
    const { text } = await tune(true);
    // Assess
    expect(text).not.toContain(SENTINEL);
    expect(text).toContain('bad input <payload hidden>');
  });

  it('shows the function error text (with the echoed payload) when not set, so the check above can fail', async () => {
    const { text } = await tune(false);
    expect(text).toContain(SENTINEL);
  });

  it('hides the payload from a failing pre-processor message', async () => {
    const lambda = echoingLambda();
    const error = await runTuning({
      input: validateInput({
        lambdaARN: 'my-fn',
        num: 5,
        powerValues: [256],
        payload: `${SENTINEL}-256`,
        preProcessorARN: 'pre',
        disablePayloadLogs: true,
      }),
      lambda,
      runId: 'r',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/PreProcessor pre failed - original error type: "PreFailed"/);
    expect((error as Error).message).not.toContain(SENTINEL);
  });

  it('quotes the payload in a pre-processor failure when not set, like the reference', async () => {
    const lambda = echoingLambda();
    const error = await runTuning({
      input: validateInput({
        lambdaARN: 'my-fn',
        num: 5,
        powerValues: [256],
        payload: `${SENTINEL}-256`,
        preProcessorARN: 'pre',
      }),
      lambda,
      runId: 'r',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`with payload "${SENTINEL}-256"`);
  });

  it('keeps the payload out of a dry run result', async () => {
    const lambda = createFakeLambdaPort({
      memoryMB: 128,
      functionErrorOn: ({ payload }) => ({ type: 'ValidationError', message: `bad input ${payload}` }),
    });
    const dry = await runDryRun({
      input: validateInput({ lambdaARN: 'my-fn', dryRun: true, payload: SENTINEL, disablePayloadLogs: true }),
      lambda,
    });
    expect(JSON.stringify(dry)).not.toContain(SENTINEL);
    expect(dry.invocation.error?.message).toBe('bad input <payload hidden>');
  });
});
