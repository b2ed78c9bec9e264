import { readFileSync, writeFileSync } from 'node:fs';
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { RETRYABLE_HANDLER_ERRORS, STATE_NAMES } from '../../../src/stepfunctions/constants.js';
import {
  buildStateMachineDefinition,
  renderStateMachineJson,
  type AslState,
  type StateMachineDefinition,
} from '../../../src/stepfunctions/state-machine.js';

const COMMITTED_ASL = new URL('../../../deploy/statemachine/powertune.asl.json', import.meta.url);

/** asl-validator mutates its argument (adds QueryLanguage), so give it a copy. */
const validate = (definition: unknown): ReturnType<typeof validator> => validator(structuredClone(definition));

/** Every state, including the Map's inner ones, with its name. */
const allStates = (definition: StateMachineDefinition): Array<[string, AslState]> => {
  const out: Array<[string, AslState]> = [];
  const walk = (states: Record<string, AslState>): void => {
    for (const [name, state] of Object.entries(states)) {
      out.push([name, state]);
      const processor = state.ItemProcessor as { States: Record<string, AslState> } | undefined;
      if (processor) walk(processor.States);
    }
  };
  walk(definition.States);
  return out;
};

const tasks = (definition: StateMachineDefinition): Array<[string, AslState]> =>
  allStates(definition).filter(([, state]) => state.Type === 'Task');

describe('Function: buildStateMachineDefinition', () => {
  it.each([
    ['placeholders, concurrency from the state', {}],
    [
      'real ARNs, static concurrency, task timeouts',
      {
        handlerArns: {
          initialize: 'arn:aws:lambda:eu-west-1:123456789012:function:pt-initialize',
          measure: 'arn:aws:lambda:eu-west-1:123456789012:function:pt-measure',
        },
        maxConcurrency: 25,
        totalTimeoutSeconds: 300,
      },
    ],
  ])('returns a definition asl-validator accepts (%s)', (_label, options) => {
    // Act
    const result = validate(buildStateMachineDefinition(options));

    // Assess
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is checked by a validator that does reject a broken definition', () => {
    // Prepare: a sanity check that the validator above is not a no-op
    const broken = buildStateMachineDefinition();
    (broken.States[STATE_NAMES.prepare] as AslState).Next = 'NoSuchState';

    // Act
    const result = validate(broken);

    // Assess
    expect(result.isValid).toBe(false);
  });

  it('retries every handler only on Lambda throttling and service errors, never States.ALL or function errors', () => {
    // Act
    const definition = buildStateMachineDefinition();

    // Assess
    for (const [name, state] of tasks(definition)) {
      const retriers = state.Retry as Array<{ ErrorEquals: string[] }>;
      expect(retriers, name).toHaveLength(1);
      expect(retriers[0]?.ErrorEquals.sort(), name).toEqual([...RETRYABLE_HANDLER_ERRORS].sort());
      expect(retriers[0]?.ErrorEquals, name).not.toContain('States.ALL');
      expect(retriers[0]?.ErrorEquals, name).not.toContain('States.TaskFailed');
    }
  });

  it('sends a failure of every top-level task to CleanupOnError, and CleanupOnError to the Failed state', () => {
    // Act
    const definition = buildStateMachineDefinition();

    // Assess
    for (const [name, state] of Object.entries(definition.States).filter(
      ([, s]) => s.Type === 'Task' || s.Type === 'Map',
    )) {
      const catchers = state.Catch as Array<{ ErrorEquals: string[]; Next: string }>;
      const expected =
        name === STATE_NAMES.cleanupOnError ? STATE_NAMES.describeCleanupFailure : STATE_NAMES.cleanupOnError;
      expect(catchers, name).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: expected })]);
    }
    expect(definition.States[STATE_NAMES.cleanupOnError]?.Next).toBe(STATE_NAMES.failed);
    expect(definition.States[STATE_NAMES.describeCleanupFailure]?.Next).toBe(STATE_NAMES.failed);
  });

  it('ends a failed run FAILED with the error and cause taken from the state, never SUCCEEDED with {}', () => {
    // Act
    const definition = buildStateMachineDefinition();
    const terminal = allStates(definition).filter(
      ([, s]) => s.End === true || s.Type === 'Succeed' || s.Type === 'Fail',
    );

    // Assess
    expect(definition.States[STATE_NAMES.failed]).toMatchObject({
      Type: 'Fail',
      ErrorPath: '$.failure.error',
      CausePath: '$.failure.cause',
    });
    // Only the happy path (Optimize), the dry run and the Map's inner task end without failing.
    expect(terminal.map(([name]) => name).sort()).toEqual(
      [STATE_NAMES.dryRunDone, STATE_NAMES.failed, STATE_NAMES.measureBatch, STATE_NAMES.optimize].sort(),
    );
  });

  it.each([
    [{ maxConcurrency: 7 }, { MaxConcurrency: 7 }],
    [{}, { MaxConcurrencyPath: '$.run.maxConcurrency' }],
  ])('sets the Map concurrency from %j', (options, expected) => {
    // Act
    const map = buildStateMachineDefinition(options).States[STATE_NAMES.measure];

    // Assess
    expect(map).toMatchObject(expected);
  });

  it('uses the given handler ARNs and a timeout on every task when given', () => {
    // Prepare
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:measure';

    // Act
    const definition = buildStateMachineDefinition({ handlerArns: { measure: arn }, totalTimeoutSeconds: 120 });

    // Assess
    const resources = Object.fromEntries(tasks(definition).map(([name, state]) => [name, state.Resource]));
    expect(resources[STATE_NAMES.measureBatch]).toBe(arn);
    expect(resources[STATE_NAMES.initialize]).toBe('${InitializeFunctionArn}');
    expect(tasks(definition).every(([, state]) => state.TimeoutSeconds === 120)).toBe(true);
  });
});

describe('File: deploy/statemachine/powertune.asl.json', () => {
  it('equals the generated definition (regenerate with POWERTUNE_UPDATE_ASL=1)', () => {
    // Prepare
    const generated = renderStateMachineJson();
    if (process.env.POWERTUNE_UPDATE_ASL === '1') writeFileSync(COMMITTED_ASL, generated);

    // Act
    const committed = readFileSync(COMMITTED_ASL, 'utf8');

    // Assess
    expect(committed).toBe(generated);
  });
});
