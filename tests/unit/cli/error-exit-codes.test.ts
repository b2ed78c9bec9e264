import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AllSizesFailedError,
  InputError,
  NoViableSizeError,
  PowerTuneError,
  ReportParseError,
} from '../../../src/core/index.js';
import { UnknownSizeError } from '../../../src/core/explain/errors.js';
import { SearchOptionError } from '../../../src/core/search/errors.js';
import { ExitCode, ExitError, UsageError } from '../../../src/cli/errors.js';
import { reportError } from '../../../src/cli/main.js';
import type { CommandContext } from '../../../src/cli/types.js';
import {
  EmulatorError,
  EmulatorStartError,
  PackageHandlerError,
  ResourceNotFoundError,
  ServiceError,
  TooManyRequestsError,
  ZipFormatError,
} from '../../../src/emulator/errors.js';
import {
  BackendStoppedError,
  BootstrapNotFoundError,
  CpuLimitError,
  ExecutionEnvironmentError,
  UnsupportedRuntimeError,
} from '../../../src/emulator/runtime/errors.js';
import {
  AliasConflictError,
  FunctionUpdateFailedError,
  LambdaApiError,
  PayloadS3Error,
} from '../../../src/lambda/errors.js';
import { EmptyResultError, MissingSamplesError, ReportError } from '../../../src/report/errors.js';
import { ExecutionFailedError, HandlerEventError, RunTooLargeError } from '../../../src/stepfunctions/errors.js';
import {
  FunctionCopyError,
  JournalError,
  QualifierCodeMismatchError,
  RunInterruptedError,
} from '../../../src/tuner/errors.js';
import { runCli } from '../../helpers/run-cli.js';

const capture = (): { context: CommandContext; stderr: () => string } => {
  let stderr = '';
  const context: CommandContext = {
    argv: [],
    cwd: process.cwd(),
    env: {},
    stdout: { write: () => true },
    stderr: { write: (chunk: string) => ((stderr += chunk), true) },
  };
  return { context, stderr: () => stderr };
};

const busy = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:9001'), {
  code: 'EADDRINUSE',
});

// One row per family (and per exit code within a family): the error, the exit code, a piece of its one line.
const rows: Array<[string, Error, number, RegExp]> = [
  [
    'core: InputError',
    new InputError({ field: 'num', expected: 'must be an integer >= 5', got: '3' }),
    2,
    /^num: must be an integer >= 5; got 3$/,
  ],
  [
    'core: AllSizesFailedError',
    new AllSizesFailedError({ reasons: [{ power: 128, reason: 'timeout' }] }),
    1,
    /Every memory size failed/,
  ],
  ['core: NoViableSizeError', new NoViableSizeError({ candidates: [128] }), 1, /No memory size can be recommended/],
  [
    'core: ReportParseError',
    new ReportParseError({ reason: 'no REPORT line', requestId: 'r1' }),
    1,
    /REPORT of invocation r1/,
  ],
  [
    'core/search: SearchOptionError',
    new SearchOptionError({ option: 'granularityMB', value: 0, expected: 'an integer >= 1' }),
    2,
    /^granularityMB: expected/,
  ],
  ['core/explain: UnknownSizeError', new UnknownSizeError({ power: 384, measured: [128] }), 1, /Cannot explain 384 MB/],
  [
    'cli: UsageError',
    new UsageError({ field: '--port', message: '--port: expected an integer' }),
    2,
    /^--port: expected an integer$/,
  ],
  ['cli: ExitError', new ExitError('stopped', ExitCode.Interrupted), 130, /^stopped$/],
  [
    'lambda: LambdaApiError',
    new LambdaApiError({ operation: 'Invoke', functionName: 'f', code: 'AccessDeniedException', message: 'denied' }),
    1,
    /^denied$/,
  ],
  [
    'lambda: LambdaApiError naming nothing',
    new LambdaApiError({
      operation: 'GetFunctionConfiguration',
      functionName: 'f',
      code: 'ResourceNotFoundException',
      message: 'no f',
      exitCode: 2,
    }),
    2,
    /^no f$/,
  ],
  [
    'lambda: FunctionUpdateFailedError',
    new FunctionUpdateFailedError({ functionName: 'f', qualifier: '$LATEST', reason: 'ENI' }),
    1,
    /configuration update of f/,
  ],
  [
    'lambda: AliasConflictError',
    new AliasConflictError({ functionName: 'f', aliasName: 'pt-a-128', existingVersion: '3', wantedVersion: '9' }),
    1,
    /Alias pt-a-128 of f already exists/,
  ],
  ['tuner: RunInterruptedError', new RunInterruptedError({ runId: 'r1' }), 130, /Run r1 was interrupted/],
  [
    'tuner: PayloadS3Error',
    new PayloadS3Error({ uri: 's3://b/k', reason: 'not-found' }),
    1,
    /s3:\/\/b\/k does not exist/,
  ],
  [
    'tuner: QualifierCodeMismatchError',
    new QualifierCodeMismatchError({ functionName: 'f', qualifier: 'prod', qualifierVersion: '5' }),
    2,
    /^lambdaARN: f:prod/,
  ],
  [
    'tuner: FunctionCopyError',
    new FunctionCopyError({ functionName: 'f', reason: 'image-package' }),
    2,
    /Could not copy f/,
  ],
  [
    'tuner: JournalError',
    new JournalError({ path: '/x.jsonl', operation: 'write', cause: new Error('EROFS') }),
    1,
    /run journal \/x\.jsonl \(EROFS\)/,
  ],
  ['report: ReportError', new ReportError('cannot render'), 1, /^cannot render$/],
  ['report: MissingSamplesError', new MissingSamplesError({ runId: 'r1' }), 2, /no "samples"/],
  ['report: EmptyResultError', new EmptyResultError({ runId: 'r1' }), 2, /no memory size succeeded/],
  ['emulator: EmulatorError', new EmulatorError('the emulator is closed'), 1, /^the emulator is closed$/],
  [
    'emulator: 4xx LambdaServiceError',
    new ResourceNotFoundError({ message: 'Function not found: f' }),
    2,
    /^Function not found: f$/,
  ],
  [
    'emulator: 429 LambdaServiceError',
    new TooManyRequestsError({ reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }),
    2,
    /^Rate Exceeded\.$/,
  ],
  ['emulator: 5xx LambdaServiceError', new ServiceError({ message: 'backend failed' }), 1, /^backend failed$/],
  ['emulator: ZipFormatError', new ZipFormatError({ message: 'entry escapes the archive' }), 1, /entry escapes/],
  [
    'emulator: PackageHandlerError',
    new PackageHandlerError({ message: './x.rb: unsupported handler file extension ".rb"', file: './x.rb' }),
    2,
    /\.\/x\.rb: unsupported/,
  ],
  [
    'emulator: EmulatorStartError (busy port)',
    new EmulatorStartError({ host: '127.0.0.1', port: 9001, cause: busy }),
    2,
    /^--port: .*port 9001 on 127\.0\.0\.1 is already in use.*Pick another --port/,
  ],
  [
    'runtime: ExecutionEnvironmentError',
    new ExecutionEnvironmentError('environment failed'),
    1,
    /^environment failed$/,
  ],
  [
    'runtime: UnsupportedRuntimeError',
    new UnsupportedRuntimeError({ runtime: 'java21' }),
    2,
    /Cannot start runtime "java21"/,
  ],
  [
    'runtime: CpuLimitError',
    new CpuLimitError({ mode: 'cgroup', reason: 'not writable' }),
    2,
    /Cannot limit CPU in mode "cgroup"/,
  ],
  ['runtime: BackendStoppedError', new BackendStoppedError({ requestId: 'a1' }), 1, /invocation a1/],
  [
    'runtime: BootstrapNotFoundError',
    new BootstrapNotFoundError({ file: 'node-bootstrap.mjs', searched: ['/a'] }),
    1,
    /node-bootstrap\.mjs/,
  ],
  [
    'stepfunctions: RunTooLargeError',
    new RunTooLargeError({ what: '2400 batches', limit: '2000', advice: 'lower num' }),
    2,
    /This run needs 2400 batches/,
  ],
  [
    'stepfunctions: HandlerEventError',
    new HandlerEventError({ handler: 'prepare', field: 'run', expected: 'an object', got: 'undefined' }),
    1,
    /The prepare handler/,
  ],
  [
    'stepfunctions: ExecutionFailedError',
    new ExecutionFailedError({ executionArn: 'arn:x', status: 'FAILED' }),
    1,
    /ended FAILED/,
  ],
];

describe('Function: reportError', () => {
  it.each(rows)('%s is a PowerTuneError, exits with its code and prints one line', (_name, error, code, message) => {
    // Prepare
    const { context, stderr } = capture();
    // Act
    const exit = reportError(error, context, false);
    // Assess
    expect(error).toBeInstanceOf(PowerTuneError);
    expect(exit).toBe(code);
    const lines = stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^powertune: /);
    expect(lines[0]?.replace(/^powertune: /, '')).toMatch(message);
  });

  it('prints the stack and its causes of a PowerTuneError only with --debug', () => {
    // Prepare
    const { context, stderr } = capture();
    const error = new JournalError({
      path: '/x.jsonl',
      operation: 'write',
      cause: new Error('EROFS: read-only file system'),
    });
    // Act
    const exit = reportError(error, context, true);
    // Assess
    expect(exit).toBe(1);
    expect(stderr()).toMatch(/^powertune: Could not write the run journal/);
    expect(stderr()).toMatch(/\n {4}at /);
    expect(stderr()).toMatch(/caused by: Error: EROFS: read-only file system/);
  });

  it('treats anything else as a bug: stack, please-report line, exit 1', () => {
    // Prepare
    const { context, stderr } = capture();
    // Act
    const exit = reportError(new TypeError('x is undefined'), context, false);
    // Assess
    expect(exit).toBe(1);
    expect(stderr()).toMatch(/^powertune: unexpected error — please report it/);
    expect(stderr()).toMatch(/TypeError: x is undefined\n {4}at /);
  });
});

describe('CLI: the former crashes are bad input', () => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-exitcodes-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const expectOneLine = (run: { code: number; stdout: string; stderr: string }, message: RegExp): void => {
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/unexpected error|\n {4}at /);
    expect(run.stdout).toBe('');
  };

  it('refuses a handler file type the local service cannot run (.rb) with exit 2 and one line', async () => {
    // Prepare
    writeFileSync(join(work, 'handler.rb'), 'def handler(event:, context:) = 1\n');
    // Act
    const run = await runCli(['tune', '--function', './handler.rb'], { cwd: work });
    // Assess
    expectOneLine(
      run,
      /^powertune: --function: expected a handler file ending in \.mjs, \.js, \.cjs, \.ts, \.mts, \.cts, \.py; got "handler\.rb"/,
    );
  });

  it('refuses a folder with no entry file with exit 2 and one line naming the candidates', async () => {
    // Prepare
    mkdirSync(join(work, 'empty-fn'));
    writeFileSync(join(work, 'empty-fn', 'README.md'), 'no handler here\n');
    // Act
    const run = await runCli(['tune', '--function', './empty-fn'], { cwd: work });
    // Assess
    expectOneLine(run, /^powertune: .*empty-fn: the folder has no entry file; expected one of index\.mjs/);
  });

  it('refuses emulator --port when the port is busy with exit 2 and one line naming the port and the fix', async () => {
    // Prepare
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      // Act
      const run = await runCli(['emulator', '--port', String(port)], { cwd: work });
      // Assess: the service notes its CPU model before it binds; the error itself is one line, without a stack.
      expect(run.code).toBe(2);
      const errorLines = run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('powertune:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(
        new RegExp(
          `^powertune: --port: .*port ${port} on 127\\.0\\.0\\.1 is already in use.*Pick another --port \\(0 picks a free one\\)`,
        ),
      );
      expect(run.stderr).not.toMatch(/unexpected error|\n {4}at /);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
