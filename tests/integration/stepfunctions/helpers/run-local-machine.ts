/**
 * Runs a state machine definition with aws-local-stepfunctions and collects
 * what a test asserts: final status, output or error/cause, and the states
 * entered (the transition count).
 */
import '../../../unit/stepfunctions/helpers/promise-with-resolvers.js';
import { StateMachine } from 'aws-local-stepfunctions';

/** The fields of aws-local-stepfunctions' event log entries we read (its `EventLog` type is not exported). */
interface EventLog {
  type: string;
  state?: { name: string };
  Error?: string;
  Cause?: unknown;
}

interface LocalRun {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  /** Names of the states entered, in order (Map iterations included). */
  entered: string[];
  events: EventLog[];
}

type LocalHandler = (input: unknown) => Promise<unknown>;

const runLocalMachine = async ({
  definition,
  input,
  handlers,
  awsConfig,
}: {
  definition: unknown;
  input: unknown;
  /** Task state name → in-process handler (omit to call the Lambda endpoint). */
  handlers?: Record<string, LocalHandler>;
  awsConfig?: { region: string; credentials: { accessKeys: { accessKeyId: string; secretAccessKey: string } } };
}): Promise<LocalRun> => {
  const machine = new StateMachine(structuredClone(definition) as never, {
    validationOptions: { checkArn: false },
    ...(awsConfig !== undefined ? { awsConfig } : {}),
  });
  const execution = machine.run(input as never, {
    overrides: {
      ...(handlers !== undefined ? { taskResourceLocalHandlers: handlers as never } : {}),
      // No real waiting between retries in tests.
      retryIntervalOverrides: Object.fromEntries(
        ['Initialize', 'Prepare', 'MeasureBatch', 'Cleanup', 'Analyze', 'Optimize', 'CleanupOnError'].map((name) => [
          name,
          0,
        ]),
      ),
    },
  });
  const events: EventLog[] = [];
  const collecting = (async (): Promise<void> => {
    for await (const event of execution.eventLogs) events.push(event as EventLog);
  })();
  let result: LocalRun;
  try {
    const output = await execution.result;
    result = { status: 'SUCCEEDED', output, entered: [], events };
  } catch (error) {
    const failure = error as { name?: string; cause?: unknown; message?: string };
    result = {
      status: 'FAILED',
      error: String(failure.name),
      cause: typeof failure.cause === 'string' ? failure.cause : String(failure.message),
      entered: [],
      events,
    };
  }
  await collecting;
  // The ExecutionFailed event carries the Fail state's Error and Cause as Step Functions reports them.
  const failed = events.find((event) => event.type === 'ExecutionFailed');
  if (failed !== undefined) {
    if (failed.Error !== undefined) result.error = failed.Error;
    result.cause = typeof failed.Cause === 'string' ? failed.Cause : JSON.stringify(failed.Cause);
  }
  result.entered = events.flatMap((event) => (event.type === 'StateEntered' && event.state ? [event.state.name] : []));
  return result;
};

export { runLocalMachine };
export type { LocalHandler, LocalRun };
