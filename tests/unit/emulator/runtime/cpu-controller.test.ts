import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createCpuController,
  ownCgroupPath,
  parseCgroupMounts,
} from '../../../../src/emulator/runtime/cpu-controller.js';
import { CpuLimitError } from '../../../../src/emulator/runtime/errors.js';

const V1_MOUNTINFO = [
  '30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct',
  '33 30 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
].join('\n');
const V2_MOUNTINFO = '40 22 0:35 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate';

let root: string;

/** A temp directory standing in for `/`: proc/self/{mountinfo,cgroup} and a cgroup tree. */
const fakeRoot = ({ mountinfo, cgroup, dirs = [] }: { mountinfo: string; cgroup: string; dirs?: string[] }): void => {
  mkdirSync(join(root, 'proc/self'), { recursive: true });
  writeFileSync(join(root, 'proc/self/mountinfo'), `${mountinfo}\n`);
  writeFileSync(join(root, 'proc/self/cgroup'), `${cgroup}\n`);
  for (const dir of dirs) mkdirSync(join(root, dir), { recursive: true });
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pt-cgroup-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('Function: parseCgroupMounts', () => {
  it('finds the v1 cpu hierarchy and the v2 unified one, and ignores other controllers', () => {
    const mounts = parseCgroupMounts(
      `${V1_MOUNTINFO}\n41 30 0:36 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n42 30 0:37 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct`,
    );

    expect(mounts).toEqual([
      { version: 1, mountPoint: '/sys/fs/cgroup/cpu', mountRoot: '/' },
      { version: 2, mountPoint: '/sys/fs/cgroup/unified', mountRoot: '/' },
      { version: 1, mountPoint: '/sys/fs/cgroup/cpu,cpuacct', mountRoot: '/' },
    ]);
  });
});

describe('Function: ownCgroupPath', () => {
  it.each([
    ['4:cpu,cpuacct:/docker/ab\n0::/user.slice', 1, '/docker/ab'],
    ['1:cpu:/\n2:cpuacct:/', 1, '/'],
    ['0::/user.slice/session-1.scope', 2, '/user.slice/session-1.scope'],
    ['4:memory:/x', 1, undefined],
  ] as const)('reads %j (v%d) as %s', (procSelfCgroup, version, expected) => {
    expect(ownCgroupPath({ procSelfCgroup, version })).toBe(expected);
  });
});

describe('Function: createCpuController', () => {
  it("creates our group under the host's own cpu group and one child group per environment with the CFS quota (cgroup v1)", () => {
    // Prepare
    fakeRoot({ mountinfo: V1_MOUNTINFO, cgroup: '2:cpu:/', dirs: ['sys/fs/cgroup/cpu'] });

    // Act
    const cpu = createCpuController({ fsRoot: root, pid: 4242, instance: 3, isPidAlive: () => true });
    const group = cpu.createGroup({ environmentId: '7', vcpus: 128 / 1769 });

    // Assess
    const groupDir = join(root, 'sys/fs/cgroup/cpu/powertune-4242-3/env-7');
    expect(cpu.mode).toBe('cgroup-v1');
    expect(group).toEqual({
      path: groupDir,
      procsFile: join(groupDir, 'cgroup.procs'),
      quotaFile: join(groupDir, 'cpu.cfs_quota_us'),
      quota: '1447',
    });
    expect(readFileSync(join(groupDir, 'cpu.cfs_period_us'), 'utf8')).toBe('20000');
    expect(readFileSync(join(groupDir, 'cpu.cfs_quota_us'), 'utf8')).toBe('1447');
  });

  it("places the group inside the container's own group when the mount shows a sub-tree", () => {
    // Prepare: the host process lives in /docker/abc, and the mount shows that group as its root.
    fakeRoot({
      mountinfo: '31 30 0:28 /docker/abc /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu',
      cgroup: '2:cpu:/docker/abc/inner',
      dirs: ['sys/fs/cgroup/cpu/inner'],
    });

    // Act
    const cpu = createCpuController({ fsRoot: root, pid: 10, isPidAlive: () => true });

    // Assess
    expect(cpu.rootPath).toBe(join(root, 'sys/fs/cgroup/cpu/inner/powertune-10-1'));
  });

  it('removes every group it created, and only those', () => {
    // Prepare
    fakeRoot({ mountinfo: V1_MOUNTINFO, cgroup: '2:cpu:/', dirs: ['sys/fs/cgroup/cpu/system.slice'] });
    const cpu = createCpuController({ fsRoot: root, pid: 4242, isPidAlive: () => true });
    cpu.createGroup({ environmentId: '1', vcpus: 1 });
    cpu.createGroup({ environmentId: '2', vcpus: 2 });

    // Act
    const left = cpu.removeAllSync();

    // Assess
    expect(left).toEqual([]);
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/powertune-4242-1'))).toBe(false);
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/system.slice'))).toBe(true);
  });

  it('removes stale groups of dead powertune processes, killing their leftovers, and keeps live and foreign ones', () => {
    // Prepare
    fakeRoot({
      mountinfo: V1_MOUNTINFO,
      cgroup: '2:cpu:/',
      dirs: [
        'sys/fs/cgroup/cpu/powertune-111-1/env-1',
        'sys/fs/cgroup/cpu/powertune-222-1/env-1',
        'sys/fs/cgroup/cpu/powertune-other',
        'sys/fs/cgroup/cpu/mine-333',
      ],
    });
    writeFileSync(join(root, 'sys/fs/cgroup/cpu/powertune-111-1/env-1/cgroup.procs'), '5001\n5002\n');
    const killed: number[] = [];

    // Act
    createCpuController({
      fsRoot: root,
      pid: 4242,
      isPidAlive: (pid) => pid === 222,
      killPid: (pid) => killed.push(pid),
    });

    // Assess
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/powertune-111-1'))).toBe(false);
    expect(killed).toEqual([5001, 5002]);
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/powertune-222-1/env-1'))).toBe(true);
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/powertune-other'))).toBe(true);
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/mine-333'))).toBe(true);
  });

  it('writes cpu.max in a cgroup v2 hierarchy whose own group delegates the cpu controller', () => {
    // Prepare
    fakeRoot({ mountinfo: V2_MOUNTINFO, cgroup: '0::/', dirs: ['sys/fs/cgroup'] });
    writeFileSync(join(root, 'sys/fs/cgroup/cgroup.subtree_control'), 'cpu memory\n');

    // Act
    const cpu = createCpuController({ fsRoot: root, pid: 9, isPidAlive: () => true });
    const group = cpu.createGroup({ environmentId: '1', vcpus: 2 });

    // Assess
    expect(cpu.mode).toBe('cgroup-v2');
    expect(readFileSync(join(root, 'sys/fs/cgroup/powertune-9-1/cgroup.subtree_control'), 'utf8')).toBe('+cpu');
    expect(readFileSync(join(group?.path ?? '', 'cpu.max'), 'utf8')).toBe('40000 20000');
  });

  it.each([
    ['v1', V1_MOUNTINFO, '2:cpu:/', 'sys/fs/cgroup/cpu', 'cpu.cfs_quota_us', '1447'],
    ['v2', V2_MOUNTINFO, '0::/', 'sys/fs/cgroup', 'cpu.max', '1447 20000'],
  ])(
    "renews an environment's quota by writing it again, which makes the kernel start a full period (cgroup %s)",
    (_version, mountinfo, cgroup, dir, file, quota) => {
      // Prepare
      fakeRoot({ mountinfo, cgroup, dirs: [dir] });
      writeFileSync(join(root, dir, 'cgroup.subtree_control'), 'cpu\n');
      const cpu = createCpuController({ fsRoot: root, pid: 11, isPidAlive: () => true });
      const group = cpu.createGroup({ environmentId: '2', vcpus: 128 / 1769 });
      if (group === undefined) throw new Error('no group');
      writeFileSync(group.quotaFile, 'stale');

      // Act
      cpu.renewQuota(group);

      // Assess
      expect(group.quotaFile).toBe(join(group.path, file));
      expect(readFileSync(group.quotaFile, 'utf8')).toBe(quota);
    },
  );

  it("starts a group at init's share and renews it to the invocations' share", () => {
    // Prepare
    fakeRoot({ mountinfo: V1_MOUNTINFO, cgroup: '2:cpu:/', dirs: ['sys/fs/cgroup/cpu'] });
    const cpu = createCpuController({ fsRoot: root, pid: 12, isPidAlive: () => true });

    // Act
    const group = cpu.createGroup({ environmentId: '3', vcpus: 128 / 1769, initVcpus: 2 });
    if (group === undefined) throw new Error('no group');
    const atInit = readFileSync(group.quotaFile, 'utf8');
    cpu.renewQuota(group);

    // Assess
    expect(atInit).toBe('40000');
    expect(readFileSync(group.quotaFile, 'utf8')).toBe('1447');
  });

  it('falls back to the virtual-time model when v2 does not delegate cpu and there is no v1 cpu mount', () => {
    // Prepare
    fakeRoot({ mountinfo: V2_MOUNTINFO, cgroup: '0::/', dirs: ['sys/fs/cgroup'] });
    writeFileSync(join(root, 'sys/fs/cgroup/cgroup.subtree_control'), 'memory\n');

    // Act
    const cpu = createCpuController({ fsRoot: root });

    // Assess
    expect(cpu.mode).toBe('virtual-time');
    expect(cpu.createGroup({ environmentId: '1', vcpus: 1 })).toBeUndefined();
    expect(cpu.unavailableReason).toMatch(/cpu controller is not enabled/);
  });

  it('refuses with a CpuLimitError when a cgroup is required and none can be used', () => {
    fakeRoot({ mountinfo: '', cgroup: '' });

    expect(() => createCpuController({ fsRoot: root, requested: 'cgroup' })).toThrow(CpuLimitError);
  });

  it('uses the virtual-time model when asked, without touching any cgroup', () => {
    fakeRoot({ mountinfo: V1_MOUNTINFO, cgroup: '2:cpu:/', dirs: ['sys/fs/cgroup/cpu'] });

    const cpu = createCpuController({ fsRoot: root, requested: 'virtual-time', pid: 5 });

    expect(cpu.mode).toBe('virtual-time');
    expect(existsSync(join(root, 'sys/fs/cgroup/cpu/powertune-5-1'))).toBe(false);
  });
});
