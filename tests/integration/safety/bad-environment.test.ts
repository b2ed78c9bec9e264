/**
 * Bad environments: no credentials, an endpoint nobody listens on, a
 * function that does not exist, an identity without permission. Each case
 * ends with one clear message, the documented exit code, and not a single
 * change to any function on the emulator.
 *
 * Exit codes: a failure of the very first call (GetFunctionConfiguration)
 * because of setup — no credentials, no such function — is exit 2, like
 * bad input: nothing was changed. Connection failures and denied calls are
 * exit 1 (the run failed; whatever it had changed was undone).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import {
  deployUserFunction,
  findLeftovers,
  REGION,
  snapshotFunction,
  startSafetyWorld,
} from './helpers/emulator-fixture.js';
import type { SafetyWorld } from './helpers/emulator-fixture.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import type { FaultProxy } from './helpers/fault-proxy.js';
import { spawnCli } from './helpers/spawn-cli.js';

const FUNCTION = 'production-api';
const SMALL_RUN = ['--num', '5', '--power-values', '128,256', '--region', REGION] as const;
const DENIED = {
  status: 403,
  type: 'AccessDeniedException',
  message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform this action',
};

let world: SafetyWorld;
let proxy: FaultProxy;
let stateRoot: string;

/** A loopback port that nothing listens on (bound, read, released). */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** Everything the emulator holds, for "nothing changed anywhere" checks. */
const emulatorState = (): unknown => world.emulator.service.state().functions;

beforeAll(async () => {
  world = await startSafetyWorld({ cpuMode: 'virtual-time' });
  proxy = await startFaultProxy({ target: world.emulator.endpoint });
  stateRoot = await mkdtemp(join(tmpdir(), 'powertune-badenv-'));
  await deployUserFunction({ client: world.client, name: FUNCTION });
});

afterAll(async () => {
  await proxy?.stop();
  await world?.stop();
  if (stateRoot !== undefined) await rm(stateRoot, { recursive: true, force: true });
}, 30_000);

describe('Bad environment: setup problems are named, exit with the documented code, and change nothing', () => {
  it('says no credentials were found and how to provide them (exit 2) when the SDK finds none', async () => {
    // Prepare: a clean environment — no keys, no profile files, no instance metadata.
    const home = await mkdtemp(join(tmpdir(), 'powertune-nocreds-'));
    const port = await closedPort();
    const stateBefore = emulatorState();

    // Act: an endpoint that is not loopback, so powertune does not lend it the
    // emulator's placeholder credentials. Nothing is ever sent to it: the SDK
    // looks for credentials before it connects (and `.invalid` never resolves).
    const cli = spawnCli(
      [
        'tune',
        '--function',
        FUNCTION,
        '--endpoint-url',
        `http://no-credentials.invalid:${port}`,
        '--state-dir',
        join(stateRoot, 'nocreds'),
        ...SMALL_RUN,
      ],
      {
        env: {
          HOME: home,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: join(home, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    const exit = await cli.done;
    await rm(home, { recursive: true, force: true });

    // Assess
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(
      /powertune: GetFunctionConfiguration on production-api \(\$LATEST\) failed: no AWS credentials were found/u,
    );
    expect(exit.stderr).toMatch(
      /Pass --profile <name> or set AWS_PROFILE, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/u,
    );
    expect(emulatorState()).toEqual(stateBefore);
  });

  it.each([
    {
      label: 'an endpoint nobody listens on',
      endpoint: async (): Promise<string> => `http://127.0.0.1:${await closedPort()}`,
      functionName: FUNCTION,
      code: 1,
      message: (endpoint: string): RegExp =>
        new RegExp(
          `could not connect to ${endpoint.replaceAll('.', '\\.')} \\(ECONNREFUSED\\)\\. Is the emulator \\(or the endpoint\\) running and reachable\\?`,
          'u',
        ),
    },
    {
      label: 'a function that does not exist',
      endpoint: async (): Promise<string> => world.emulator.endpoint,
      functionName: 'no-such-function',
      code: 2,
      message: (): RegExp =>
        /GetFunctionConfiguration failed: function no-such-function \(\$LATEST\) not found in region us-east-1 .*Check the name or ARN/u,
    },
  ])(
    'names the problem for $label (exit $code) and changes nothing',
    async ({ endpoint, functionName, code, message }) => {
      // Prepare
      const url = await endpoint();
      const stateBefore = emulatorState();

      // Act
      const run = await runCli([
        'tune',
        '--function',
        functionName,
        '--endpoint-url',
        url,
        '--state-dir',
        join(stateRoot, 'setup'),
        ...SMALL_RUN,
      ]);

      // Assess
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message(url));
      expect(run.stderr.match(/^powertune: /gmu)?.length).toBe(1);
      expect(emulatorState()).toEqual(stateBefore);
    },
  );

  it.each([
    ['GetFunctionConfiguration', 'lambda:GetFunctionConfiguration'],
    ['ListVersionsByFunction', 'lambda:ListVersionsByFunction'],
    ['UpdateFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'],
    ['PublishVersion', 'lambda:PublishVersion'],
    ['CreateAlias', 'lambda:CreateAlias'],
    ['Invoke', 'lambda:InvokeFunction'],
  ])(
    'names the IAM action to grant when %s is denied (exit 1), and leaves every function as it was',
    async (operation, action) => {
      // Prepare
      const before = await snapshotFunction({ client: world.client, name: FUNCTION });
      const stateBefore = emulatorState();
      proxy.setRule((call) => (call.operation === operation ? DENIED : undefined));

      // Act
      const run = await runCli([
        'tune',
        '--function',
        FUNCTION,
        '--endpoint-url',
        proxy.endpoint,
        '--state-dir',
        join(stateRoot, operation),
        ...SMALL_RUN,
      ]);
      proxy.setRule(undefined);

      // Assess
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `powertune: ${operation} on \\S*${FUNCTION}\\S*( \\([^)]+\\))? was denied \\(AccessDeniedException: .*\\)\\. Grant the IAM action ${action} on the function`,
          'u',
        ),
      );
      expect(
        findLeftovers({ before, after: await snapshotFunction({ client: world.client, name: FUNCTION }) }),
      ).toEqual([]);
      expect(emulatorState()).toEqual(stateBefore);
    },
  );
});
