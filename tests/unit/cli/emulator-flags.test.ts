import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('Command: emulator — CPU model and billing flags', () => {
  it.each([
    [
      'an unknown CPU model',
      ['emulator', '--cpu-model', 'fast'],
      /--cpu-model: expected one of auto, cgroup, virtual-time; got "fast"/,
    ],
    [
      'a CPU model in the wrong case',
      ['emulator', '--cpu-model', 'Cgroup'],
      /--cpu-model: expected one of auto, cgroup, virtual-time; got "Cgroup"/,
    ],
  ])('exits 2 naming the flag for %s, before starting anything', async (_label, argv, message) => {
    // Act
    const run = await runCli(argv);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('lists --cpu-model and --no-bill-init in its help', async () => {
    const run = await runCli(['emulator', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /--cpu-model MODEL\s+auto\s+\(default:\s+calibrated\s+at\s+start\),\s+cgroup\s+or\s+virtual-time/,
    );
    expect(run.stdout).toMatch(/--no-bill-init\s+Leave\s+Init\s+Duration\s+out/);
  });
});
