/**
 * The CLI contract: every user error is exit 2 with one message naming the
 * field and the fix, found before the first change — proven against a
 * running local Lambda service whose function must be left exactly as it
 * was — and a result that cannot be written at the end still reaches stdout.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { createZip } from '../../../src/emulator/index.js';
import {
  createActiveFunction,
  readFunctionState,
  startLocalLambdaService,
} from '../../helpers/local-lambda-service.js';
import type { LocalLambdaService } from '../../helpers/local-lambda-service.js';
import { runCli } from '../../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'powertune-contract-'));
const NOOP = resolve('examples/functions/noop/index.mjs');
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:demo';
const SFN_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:powertune';

const file = (name: string, content: string): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};
const folder = (name: string): string => {
  const path = join(work, name);
  mkdirSync(path, { recursive: true });
  return path;
};

/** AWS shared config files of a made-up user: profiles default, dev (config) and ci (credentials). */
const AWS_FILES = {
  AWS_CONFIG_FILE: file(
    'aws-config',
    '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-central-1\n\n[sso-session corp]\nsso_region = eu-west-1\n',
  ),
  AWS_SHARED_CREDENTIALS_FILE: file(
    'aws-credentials',
    '[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n',
  ),
};
const NO_AWS_FILES = {
  AWS_CONFIG_FILE: join(work, 'none-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'none-credentials'),
};

let emulator: LocalLambdaService;

beforeAll(async () => {
  emulator = await startLocalLambdaService();
  await createActiveFunction(emulator.lambda, {
    FunctionName: 'demo',
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Code: {
      ZipFile: createZip([{ path: 'index.mjs', data: Buffer.from("export const handler = async () => 'ok';") }]),
    },
    MemorySize: 256,
    Timeout: 10,
    Description: 'demo function',
  });
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** What a run could have changed on the function: memory, description, versions, aliases. */
const functionState = () => readFunctionState(emulator.lambda, 'demo');

type Row = [name: string, argv: string[], message: RegExp, env?: Record<string, string>];

/** Rows are built before the service starts: this stands for its endpoint. */
const ENDPOINT = '@endpoint';

const target = (): string[] => [
  '--function',
  ARN,
  '--endpoint-url',
  ENDPOINT,
  '--num',
  '5',
  '--power-values',
  '128,512',
];
const isRoot = process.getuid?.() === 0;

const rows = (): Row[] => [
  // Output paths, checked before the first change.
  [
    '--out is a directory',
    ['tune', ...target(), '--out', folder('out-dir')],
    /--out: expected a writable file path; got ".*out-dir" \(it is a directory\)\. Add a file name/,
  ],
  [
    '--out ends with a slash',
    ['tune', ...target(), '--out', 'results/'],
    /--out: expected a writable file path; got "results\/" \(it ends with a slash/,
  ],
  [
    '--out inside a file',
    ['tune', ...target(), '--out', join(file('plain.txt', 'x'), 'result.json')],
    /--out: expected a writable file path; got .* \(.*plain\.txt is a file, not a folder\)/,
  ],
  [
    '--report is a directory',
    ['tune', ...target(), '--report', folder('report-dir')],
    /--report: expected a writable file path; got .* \(it is a directory\)/,
  ],
  [
    '--state-dir is a file',
    ['tune', ...target(), '--state-dir', file('state-file', 'x')],
    /--state-dir: expected a writable directory path; got .* \(it is a file\)\. Give a folder path\./,
  ],
  [
    '--report inside a file (embedded service)',
    ['tune', '--function', NOOP, '--report', join(file('plain2.txt', 'x'), 'r.html')],
    /--report: expected a writable file path/,
  ],
  ...(isRoot
    ? []
    : ([
        [
          '--out in a read-only folder',
          ['tune', ...target(), '--out', join(work, 'read-only', 'r.json')],
          /--out: expected a writable file path; got .* \(no permission to write in /,
        ],
      ] as Row[])),
  // The endpoint.
  [
    '--endpoint-url not a URL',
    ['tune', '--function', ARN, '--endpoint-url', 'notaurl'],
    /--endpoint-url: expected an http\(s\) URL such as http:\/\/127\.0\.0\.1:9001 .*; got "notaurl"/,
  ],
  [
    '--endpoint-url not http',
    ['tune', '--function', ARN, '--endpoint-url', 'ftp://127.0.0.1/'],
    /--endpoint-url: expected an http\(s\) URL .*; got "ftp:\/\/127\.0\.0\.1\/"/,
  ],
  [
    'AWS_ENDPOINT_URL_LAMBDA not a URL',
    ['tune', '--function', ARN],
    /AWS_ENDPOINT_URL_LAMBDA: expected an http\(s\) URL .*; got "localhost:9001"/,
    { AWS_ENDPOINT_URL_LAMBDA: 'localhost:9001' },
  ],
  [
    'cleanup --endpoint-url not a URL',
    ['cleanup', '--function', ARN, '--endpoint-url', 'notaurl'],
    /--endpoint-url: expected an http\(s\) URL/,
  ],
  // The profile, against the config files.
  [
    '--profile not in the config files',
    ['tune', ...target(), '--profile', 'nosuch'],
    /--profile: expected a profile of .*aws-config or .*aws-credentials \(found: ci, default, dev\); got "nosuch"\. .*aws configure --profile nosuch/,
    AWS_FILES,
  ],
  [
    '--profile without config files',
    ['tune', ...target(), '--profile', 'dev'],
    /--profile: expected a profile of .* \(none found\); got "dev"/,
    NO_AWS_FILES,
  ],
  [
    'sfn --profile not in the config files',
    ['sfn', 'run', '--state-machine-arn', SFN_ARN, '--function', ARN, '--profile', 'prod'],
    /--profile: .*\(found: ci, default, dev\); got "prod"/,
    AWS_FILES,
  ],
  // Regions, against the known list.
  [
    'ARN in an unknown region',
    ['tune', '--function', 'arn:aws:lambda:eu-wst-1:123456789012:function:demo', '--endpoint-url', ENDPOINT],
    /--function: expected a known AWS region such as us-east-1 or eu-west-1; got "eu-wst-1" in ".*". Did you mean "eu-west-1"\? If it is a region newer than this powertune, pass --allow-unknown-region/,
  ],
  [
    '--region unknown',
    ['tune', ...target(), '--function', 'demo', '--region', 'xx-moon-1'],
    /region: expected a known AWS region .*; got "xx-moon-1"\./,
  ],
  [
    'pre-processor in an unknown region',
    ['tune', ...target(), '--pre-processor-arn', 'arn:aws:lambda:us-eest-1:123456789012:function:pre'],
    /preProcessorARN: expected a known AWS region .*got "us-eest-1".*Did you mean "us-east-1"\?/,
  ],
  [
    '--compare-function in an unknown region',
    ['tune', ...target(), '--compare-function', 'arn:aws:lambda:eu-nowhere-1:123456789012:function:other'],
    /--compare-function: expected a known AWS region .*got "eu-nowhere-1"/,
  ],
  [
    'cleanup --function in an unknown region',
    ['cleanup', '--function', 'arn:aws:lambda:eu-wst-1:123456789012:function:demo', '--endpoint-url', ENDPOINT],
    /--function: expected a known AWS region .*"eu-wst-1"/,
  ],
  [
    'sfn state machine in an unknown region',
    [
      'sfn',
      'run',
      '--state-machine-arn',
      'arn:aws:states:eu-wst-1:123456789012:stateMachine:powertune',
      '--function',
      'demo',
    ],
    /--state-machine-arn: expected a known AWS region .*"eu-wst-1"/,
  ],
  [
    'scan --region unknown',
    ['scan', '--region', 'eu-wst-1', '--endpoint-url', ENDPOINT],
    /--region: expected a known AWS region .*"eu-wst-1"\. Did you mean "eu-west-1"\?/,
  ],
  [
    'scan --report is a directory',
    ['scan', '--region', 'us-east-1', '--endpoint-url', ENDPOINT, '--report', folder('scan-dir')],
    /--report: expected a writable file path; got .* \(it is a directory\)/,
  ],
  [
    'scan --profile unknown',
    ['scan', '--region', 'us-east-1', '--profile', 'nosuch'],
    /--profile: .*\(found: ci, default, dev\); got "nosuch"/,
    AWS_FILES,
  ],
  [
    'fleet entry in an unknown region',
    [
      'fleet',
      file(
        'plan-region.json',
        JSON.stringify({
          functions: [{ function: 'arn:aws:lambda:eu-wst-1:123456789012:function:demo', payload: {} }],
        }),
      ),
      '--endpoint-url',
      ENDPOINT,
    ],
    /function: expected a known AWS region .*"eu-wst-1"/,
  ],
  [
    'fleet --out is a directory',
    [
      'fleet',
      file('plan-ok.json', JSON.stringify({ functions: [{ function: ARN, payload: {} }] })),
      '--endpoint-url',
      ENDPOINT,
      '--out',
      folder('fleet-dir'),
    ],
    /--out: expected a writable file path; got .* \(it is a directory\)/,
  ],
  // Payloads: JSON, a string only when quoted or with --payload-string.
  [
    '--payload malformed JSON',
    ['tune', ...target(), '--payload', '{bad'],
    /--payload: expected JSON such as '\{"id": 1\}'; got "\{bad", which is not valid JSON\. To send text, quote it as JSON \('"\{bad"'\) or use --payload-string TEXT/,
  ],
  [
    '--payload plain word',
    ['tune', ...target(), '--payload', 'hello'],
    /--payload: expected JSON .*got "hello", .*'"hello"'.*--payload-string TEXT/,
  ],
  [
    '--payload text hidden by --disable-payload-logs',
    ['tune', ...target(), '--disable-payload-logs', '--payload', 'card-4111'],
    /--payload: expected JSON .*got text \(hidden by --disable-payload-logs\)/,
  ],
  [
    '--payload and --payload-string together',
    ['tune', ...target(), '--payload', '{}', '--payload-string', 'x'],
    /--payload-string: expected one of --payload or --payload-string; got both/,
  ],
  [
    'sfn --payload plain word',
    ['sfn', 'run', '--state-machine-arn', SFN_ARN, '--function', ARN, '--payload', 'hello'],
    /--payload: expected JSON .*got "hello"/,
  ],
  // Commands.
  [
    'completion for an unknown shell',
    ['completion', 'powershell'],
    /SHELL: expected one of bash, zsh, fish \(powertune completion bash\|zsh\|fish\); got "powershell"/,
  ],
  ['completion without a shell', ['completion'], /SHELL: expected one of bash, zsh, fish .*; got nothing/],
  ['help for an unknown command', ['help', 'tunne'], /"tunne" is not a command\. Did you mean "tune"\?/],
  [
    'sfn --num auto',
    ['sfn', 'run', '--state-machine-arn', SFN_ARN, '--function', ARN, '--num', 'auto'],
    /num: .*not yet by the Step Functions driver/,
  ],
  // --quiet silences chatter, never errors.
  ['a bad input under --quiet', ['tune', ...target(), '--quiet', '--payload', 'hello'], /--payload: expected JSON/],
];

describe('CLI contract: bad input', () => {
  beforeAll(() => {
    if (!isRoot) {
      mkdirSync(join(work, 'read-only'), { recursive: true, mode: 0o555 });
    }
  });

  it.each(rows().map((row) => [row[0], row] as const))(
    'refuses %s with exit 2, one message, and no change',
    async (_name, row) => {
      // Prepare
      const [, template, message, env = {}] = row;
      const argv = template.map((arg) => (arg === ENDPOINT ? emulator.endpoint : arg));
      const cwd = mkdtempSync(join(work, 'cwd-'));
      const before = await functionState();
      // Act
      const run = await runCli(argv, { cwd, env });
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
      expect(run.stdout).toBe('');
      expect(await functionState()).toEqual(before);
      // No journal, no output file: nothing was written in the working folder.
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it('covers every item of the contract', () => {
    expect(rows().length).toBeGreaterThanOrEqual(28);
  });
});

describe('CLI contract: sfn run without credentials', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('exits 2 with a clear message and starts nothing', async () => {
    // Prepare: an AWS user's machine with no credentials anywhere the SDK looks.
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_DEFAULT_PROFILE',
      'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_ENDPOINT_URL',
      'AWS_ENDPOINT_URL_SFN',
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_CONFIG_FILE', NO_AWS_FILES.AWS_CONFIG_FILE);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', NO_AWS_FILES.AWS_SHARED_CREDENTIALS_FILE);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    // Act
    const run = await runCli(['sfn', 'run', '--state-machine-arn', SFN_ARN, '--function', ARN], { cwd: work });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^powertune: credentials: expected AWS credentials to start arn:aws:states:us-east-1:123456789012:stateMachine:powertune; got none \(.*\)\. Pass --profile NAME, .*aws sso login.*; nothing was started\n$/,
    );
    expect(run.stderr).not.toMatch(/unexpected error/);
  }, 30_000);
});

describe('CLI contract: regions newer than this release', () => {
  it.each([
    ['--allow-unknown-region', ['--allow-unknown-region'], {}],
    ['POWERTUNE_ALLOW_UNKNOWN_REGION=1', [], { POWERTUNE_ALLOW_UNKNOWN_REGION: '1' }],
  ])('lets an unknown region through with %s', async (_name, flags, env) => {
    // Act: the region check passes; the (local) service then answers for its own region.
    const run = await runCli(
      [
        'tune',
        '--function',
        'arn:aws:lambda:xx-newland-1:123456789012:function:demo',
        '--endpoint-url',
        emulator.endpoint,
        '--dry-run',
        ...flags,
      ],
      { cwd: work, env },
    );
    // Assess
    expect(run.stderr).not.toMatch(/known AWS region/);
  });

  it('knows every region of the price catalog', async () => {
    const { knownRegions } = await import('../../../src/cli/check-region.js');
    const { catalogRegions } = await import('../../../src/core/index.js');
    expect(knownRegions()).toEqual(expect.arrayContaining(catalogRegions()));
    expect(knownRegions()).toEqual(
      expect.arrayContaining(['us-east-1', 'eu-central-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-north-1']),
    );
  });
});

describe('CLI contract: payloads that are JSON', () => {
  it.each([
    ['a JSON string', ['--payload', '"hello"']],
    ['--payload-string', ['--payload-string', 'hello']],
  ])('sends %s as the string "hello"', async (_name, flags) => {
    // Act
    const run = await runCli(['sfn', 'input', '--function', ARN, ...flags]);
    // Assess
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { payload: unknown }).payload).toBe('hello');
  });
});

describe('CLI contract: a result that cannot be written', () => {
  const failingDisk = async (): Promise<void> => {
    throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
  };

  it('prints the result JSON on stdout, says where it could not be written, and exits 1', async () => {
    // Act
    const run = await runCli(
      ['tune', '--function', NOOP, '--num', '5', '--power-values', '128,256', '--json', '--out', 'result.json'],
      { cwd: work, writeFile: failingDisk },
    );
    // Assess
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as TuningResult;
    expect(result.stats.map((s) => s.value)).toEqual([128, 256]);
    expect(run.stderr).toMatch(
      new RegExp(
        `powertune: --out: could not write ${join(work, 'result.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(EIO: i/o error, write\\); the result JSON is printed on stdout instead`,
      ),
    );
    expect(existsSync(join(work, 'result.json'))).toBe(false);
  }, 60_000);

  it('adds the result JSON after the table when --json was not asked for', async () => {
    // Act
    const run = await runCli(
      ['tune', '--function', NOOP, '--num', '5', '--power-values', '128', '--report', 'report.html'],
      { cwd: work, writeFile: failingDisk },
    );
    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Recommended: 128 MB/);
    const json = run.stdout.split('\nResult JSON:\n')[1] ?? '';
    expect((JSON.parse(json) as TuningResult).power).toBe(128);
    expect(run.stderr).toMatch(/powertune: --report: could not write .*report\.html \(EIO/);
    expect(run.stderr).not.toMatch(/HTML report:/);
  }, 60_000);
});

describe('CLI contract: --quiet and --debug', () => {
  it('--quiet leaves stderr empty on a successful run', async () => {
    // Act
    const run = await runCli(['tune', '--function', NOOP, '--num', '5', '--power-values', '128', '--quiet'], {
      cwd: work,
    });
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Recommended: 128 MB/);
  }, 60_000);

  it('--debug logs each AWS call with region, attempt, time and status — and no payload or key', async () => {
    // Act
    const run = await runCli(
      [
        'tune',
        '--function',
        ARN,
        '--endpoint-url',
        emulator.endpoint,
        '--num',
        '5',
        '--power-values',
        '128,512',
        '--payload',
        '{"secret":"s3cr3t-payload"}',
        '--debug',
        '--state-dir',
        join(work, 'debug-state'),
      ],
      { cwd: work },
    );
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^\[debug\] Lambda\.GetFunctionConfiguration region=us-east-1 attempt=1 → HTTP 200 in \d+ ms$/m,
    );
    expect(run.stderr).toMatch(/^\[debug\] Lambda\.Invoke region=us-east-1 attempt=1 → HTTP 200 in \d+ ms$/m);
    expect(run.stderr).toMatch(/^\[debug\] Lambda\.UpdateFunctionConfiguration /m);
    expect(run.stderr).not.toMatch(/s3cr3t-payload|powertune-local|Authorization|Signature/);
    expect(await functionState()).toMatchObject({ memoryMB: 256, aliases: [] });
  }, 60_000);

  it('--debug shows the stack of an error; without it there is none', async () => {
    // Act
    const argv = [
      'tune',
      '--function',
      'arn:aws:lambda:us-east-1:123456789012:function:missing',
      '--endpoint-url',
      emulator.endpoint,
      '--state-dir',
      join(work, 'debug-state'),
    ];
    const plain = await runCli(argv, { cwd: work });
    const debug = await runCli([...argv, '--debug'], { cwd: work });
    // Assess
    expect(plain.code).toBe(debug.code);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(
      /\[debug\] Lambda\.GetFunctionConfiguration region=us-east-1 attempt=1 → ResourceNotFoundException \(HTTP 404\)/,
    );
    expect(debug.stderr).toMatch(/^\w*Error: .*\n\s+at /m);
  }, 60_000);
});
