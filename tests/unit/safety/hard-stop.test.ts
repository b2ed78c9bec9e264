import { describe, expect, it } from 'vitest';
import { cleanupCommand } from '../../../src/cli/cleanup-command.js';
import { describeHardStop } from '../../../src/cli/describe-hard-stop.js';

const RUN = {
  runId: '0mwyx9wy9035y',
  stateDir: '/work/app/.powertune',
  journalPath: '/work/app/.powertune/runs/0mwyx9wy9035y.jsonl',
};

describe('Function: cleanupCommand', () => {
  it.each([
    [
      'the default state dir of the working directory',
      '/work/app/.powertune',
      '/work/app',
      'powertune cleanup --run r1',
    ],
    ['another state dir', '/tmp/state', '/work/app', 'powertune cleanup --run r1 --state-dir /tmp/state'],
    [
      'a .powertune dir of another directory',
      '/srv/other/.powertune',
      '/work/app',
      'powertune cleanup --run r1 --state-dir /srv/other/.powertune',
    ],
    [
      'a path with spaces and quotes',
      "/tmp/my state's",
      '/work/app',
      "powertune cleanup --run r1 --state-dir '/tmp/my state'\\''s'",
    ],
  ])('returns the exact command for %s', (_label, stateDir, cwd, expected) => {
    expect(cleanupCommand({ runId: 'r1', stateDir, cwd })).toBe(expected);
  });
});

describe('Function: describeHardStop', () => {
  it('prints the journal and the exact cleanup command when the run had started changing things', () => {
    // Act
    const message = describeHardStop({
      runs: [RUN],
      command: 'tune',
      cwd: '/home/me',
      read: (path) => (path === RUN.journalPath ? '{"type":"update-config"}\n' : undefined),
    });

    // Assess
    expect(message).toMatch(/^powertune: stopped at once, before cleanup finished; run 0mwyx9wy9035y may have left/u);
    expect(message).toContain(`(${RUN.journalPath})`);
    expect(message.endsWith('\n  powertune cleanup --run 0mwyx9wy9035y --state-dir /work/app/.powertune')).toBe(true);
  });

  it('names only the runs whose journals are still open (a finished primary run, an open copy run)', () => {
    // Prepare
    const copy = {
      runId: 'copyrun',
      stateDir: '/work/app/.powertune',
      journalPath: '/work/app/.powertune/runs/copyrun.jsonl',
    };
    const journals: Record<string, string> = {
      [RUN.journalPath]: '{"type":"finished"}\n',
      [copy.journalPath]: '{"type":"create-function"}\n',
    };

    // Act
    const message = describeHardStop({
      runs: [RUN, copy],
      command: 'tune',
      cwd: '/work/app',
      read: (path) => journals[path],
    });

    // Assess
    expect(message).toContain('\n  powertune cleanup --run copyrun');
    expect(message).not.toContain(RUN.runId);
  });

  it.each([
    [
      'a run whose journal was never written',
      [RUN],
      'tune',
      /no change had been made to any function, so there is nothing to undo/u,
    ],
    ['no run at all', [], 'tune', /nothing to undo/u],
    ['an interrupted cleanup', [], 'cleanup', /Run "powertune cleanup" again to finish/u],
  ])('says what is left for %s', (_label, runs, command, expected) => {
    expect(describeHardStop({ runs, command, cwd: '/work/app', read: () => undefined })).toMatch(expected);
  });
});
