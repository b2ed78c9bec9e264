import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExecutionFailedError } from '../../../src/stepfunctions/errors.js';
import { runStateMachine, type SfnProgressEvent } from '../../../src/stepfunctions/sfn-client.js';

const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:powertune';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:powertune:run1';
const sfn = mockClient(SFNClient);

const entered = (id: number, name: string, type = 'TaskStateEntered'): HistoryEvent =>
  ({ id, type, timestamp: new Date(0), stateEnteredEventDetails: { name } }) as HistoryEvent;

/** A history that grows between polls. */
const historyAfterPoll: HistoryEvent[][] = [
  [
    { id: 1, type: 'ExecutionStarted', timestamp: new Date(0) } as HistoryEvent,
    entered(2, 'Initialize'),
    entered(3, 'Prepare'),
  ],
  [
    entered(4, 'AllSizesPrepared?', 'ChoiceStateEntered'),
    entered(5, 'Measure', 'MapStateEntered'),
    {
      id: 6,
      type: 'MapStateStarted',
      timestamp: new Date(0),
      mapStateStartedEventDetails: { length: 2 },
    } as HistoryEvent,
    entered(7, 'MeasureBatch'),
    entered(8, 'MeasureBatch'),
    { id: 9, type: 'MapIterationSucceeded', timestamp: new Date(0) } as HistoryEvent,
    { id: 10, type: 'MapIterationSucceeded', timestamp: new Date(0) } as HistoryEvent,
    entered(11, 'Cleanup'),
    entered(12, 'Analyze'),
    entered(13, 'Optimize'),
  ],
];

const mockHistory = (statuses: string[], extra: Partial<Record<'output' | 'error' | 'cause', string>> = {}): void => {
  let poll = 0;
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date(0) });
  sfn.on(DescribeExecutionCommand).callsFake(() => {
    const status = statuses[Math.min(poll, statuses.length - 1)];
    return { status, ...extra };
  });
  sfn.on(GetExecutionHistoryCommand).callsFake(() => {
    const visible = historyAfterPoll.slice(0, poll + 1).flat();
    poll += 1;
    // reverseOrder: newest first
    return { events: [...visible].reverse() };
  });
};

afterEach(() => {
  sfn.reset();
});

describe('Function: runStateMachine', () => {
  it('returns the parsed output and reports progress from the history until the execution succeeds', async () => {
    // Prepare
    const result = { power: 512, cost: 1e-6, duration: 10, stats: [] };
    mockHistory(['RUNNING', 'SUCCEEDED'], { output: JSON.stringify(result) });
    const events: SfnProgressEvent[] = [];
    const sleep = vi.fn(async () => {});

    // Act
    const run = await runStateMachine({
      stateMachineArn: STATE_MACHINE,
      input: { lambdaARN: 'my-fn', num: 10 },
      client: new SFNClient({}),
      onEvent: (event) => events.push(event),
      sleep,
      pollMs: 5,
    });

    // Assess
    expect(run.output).toEqual(result);
    expect(run.executionArn).toBe(EXECUTION);
    expect(run.transitions).toBe(13 - 2 - 1); // started + 10 states entered (2 map-progress events are not states)
    expect(sleep).toHaveBeenCalledWith(5);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE,
      input: JSON.stringify({ lambdaARN: 'my-fn', num: 10 }),
    });
    expect(events.filter((e) => e.type === 'state-entered').map((e) => (e as { state: string }).state)).toEqual([
      'Initialize',
      'Prepare',
      'AllSizesPrepared?',
      'Measure',
      'Cleanup',
      'Analyze',
      'Optimize',
    ]);
    expect(events.filter((e) => e.type === 'batch-done')).toEqual([
      { type: 'batch-done', done: 1, total: 2 },
      { type: 'batch-done', done: 2, total: 2 },
    ]);
    expect(events.at(-1)).toEqual({ type: 'execution-finished', status: 'SUCCEEDED' });
  });

  it('throws an ExecutionFailedError with the execution error and cause when it ends FAILED', async () => {
    // Prepare
    mockHistory(['FAILED'], { error: 'InputError', cause: 'num: must be an integer >= 5; got 3' });

    // Act
    const run = runStateMachine({
      stateMachineArn: STATE_MACHINE,
      input: {},
      client: new SFNClient({}),
      sleep: async () => {},
    });

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExecutionFailedError);
    await expect(run).rejects.toThrow(/ended FAILED: InputError — num: must be an integer >= 5; got 3/);
  });

  it('stops waiting (without stopping the execution) when the signal is aborted', async () => {
    // Prepare
    mockHistory(['RUNNING']);
    const controller = new AbortController();
    const sleep = vi.fn(async () => controller.abort(new Error('interrupted')));

    // Act
    const run = runStateMachine({
      stateMachineArn: STATE_MACHINE,
      input: {},
      client: new SFNClient({}),
      sleep,
      signal: controller.signal,
    });

    // Assess
    await expect(run).rejects.toThrow('interrupted');
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1);
  });

  it('ends the wait between polls at once when the signal is aborted during it', async () => {
    // Prepare: an hour between polls with the default sleep
    mockHistory(['RUNNING']);
    const controller = new AbortController();

    // Act
    const run = runStateMachine({
      stateMachineArn: STATE_MACHINE,
      input: {},
      client: new SFNClient({}),
      pollMs: 3_600_000,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1));
    controller.abort(new Error('interrupted'));

    // Assess
    await expect(run).rejects.toThrow('interrupted');
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1);
  });
});
