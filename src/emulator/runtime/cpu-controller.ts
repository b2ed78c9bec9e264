/**
 * CPU groups: one Linux cgroup per execution environment, holding its
 * processes to the vCPUs its memory buys (`cpu-limit.ts`).
 *
 * Layout — always below the host process's *own* cgroup, so the host's
 * limits still apply and no group of anyone else is touched:
 *
 *     <cpu mount>/<own cgroup>/powertune-<pid>-<n>/env-<id>
 *
 * - cgroup v1: `cpu.cfs_period_us` + `cpu.cfs_quota_us` in `env-<id>`;
 * - cgroup v2: `+cpu` in our group's `cgroup.subtree_control`, `cpu.max` in
 *   `env-<id>` (needs `cpu` delegated to the host's own cgroup already).
 *
 * The environment's wrapper shell writes its PID to the group's
 * `cgroup.procs` before it execs the runtime, so init is throttled as well.
 * On start, groups named `powertune-<pid>[-<n>]` whose PID is dead are ours
 * from a crashed run: their leftover processes are killed and the groups
 * removed. Nothing without that prefix is ever touched.
 *
 * @module emulator/runtime/cpu-controller
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { CGROUP_PREFIX, CGROUP_REMOVE_TIMEOUT_MS, MIN_CPU_QUOTA_US } from './constants.js';
import { cfsQuotaFor } from './cpu-limit.js';
import { CpuLimitError } from './errors.js';

type CpuMode = 'cgroup-v1' | 'cgroup-v2' | 'virtual-time';
type RequestedCpuMode = 'auto' | 'cgroup' | 'virtual-time';

/** The group of one environment. */
interface CpuGroup {
  path: string;
  /** The file the wrapper shell writes its PID to. */
  procsFile: string;
  /** The file holding the quota (`cpu.cfs_quota_us` or `cpu.max`) and what it holds. */
  quotaFile: string;
  quota: string;
}

interface CpuController {
  readonly mode: CpuMode;
  /** Our group (`…/powertune-<pid>-<n>`), when a cgroup mode is in use. */
  readonly rootPath: string | undefined;
  /**
   * Creates the group of an environment; `undefined` in virtual-time mode.
   * It starts at `initVcpus` (init's share, default `vcpus`); the first
   * `renewQuota` sets the invocations' `vcpus`.
   */
  createGroup(args: { environmentId: string; vcpus: number; initVcpus?: number }): CpuGroup | undefined;
  /**
   * Starts a fresh CFS period with the full quota: writing the quota makes
   * the kernel refill the group's runtime and unthrottle it. Called before
   * each invocation (see `cpu-limit.ts`, "Each invocation starts a period").
   */
  renewQuota(group: CpuGroup): void;
  /** PIDs in a group (every process of the environment, children included). */
  listProcesses(group: CpuGroup): number[];
  /** Removes a group once its processes are gone (waits up to 2 s). */
  removeGroup(group: CpuGroup): Promise<void>;
  /** Removes every group and our own; synchronous so it can run on `exit`. Returns paths it could not remove. */
  removeAllSync(): string[];
  /**
   * Host CPUs an environment of `vcpus` may use at once — what admission
   * control charges it: its quota where one is set; whole cores in
   * virtual-time mode, where environments run unthrottled.
   */
  hostVcpusFor(vcpus: number): number;
  /** Why no quota can be set (virtual-time mode chosen by `auto`), if so. */
  readonly unavailableReason?: string;
}

interface CpuControllerOptions {
  requested?: RequestedCpuMode;
  /** Stands in for `/` (tests use a temp directory holding `proc/` and `sys/`). */
  fsRoot?: string;
  pid?: number;
  /** Tells this controller's group apart from others of the same process. */
  instance?: number;
  isPidAlive?: (pid: number) => boolean;
  killPid?: (pid: number) => void;
  logger?: (message: string) => void;
}

interface CgroupMount {
  version: 1 | 2;
  /** Mount point, absolute (without fsRoot). */
  mountPoint: string;
  /** The part of the hierarchy the mount shows (`/` unless in a container). */
  mountRoot: string;
}

/** Pause between two attempts to remove a group whose processes are still leaving. */
const REMOVE_RETRY_MS = 5;

const defaultIsPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const defaultKillPid = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The cgroup mounts of `/proc/self/mountinfo` that carry the CPU controller
 * (v1, `cpu` among the super options) or are the unified v2 hierarchy.
 *
 * @example
 * parseCgroupMounts('31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n');
 * // [{ version: 1, mountPoint: '/sys/fs/cgroup/cpu', mountRoot: '/' }]
 */
const parseCgroupMounts = (mountinfo: string): CgroupMount[] => {
  const mounts: CgroupMount[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (left === undefined || right === undefined) continue;
    const fields = left.split(' ');
    const [fsType, , superOptions = ''] = right.split(' ');
    const mountRoot = fields[3];
    const mountPoint = fields[4];
    if (mountRoot === undefined || mountPoint === undefined) continue;
    if (fsType === 'cgroup' && superOptions.split(',').includes('cpu'))
      mounts.push({ version: 1, mountPoint, mountRoot });
    if (fsType === 'cgroup2') mounts.push({ version: 2, mountPoint, mountRoot });
  }
  return mounts;
};

/**
 * The host process's own cgroup path for the CPU controller (v1) or the
 * unified hierarchy (v2), from `/proc/self/cgroup`.
 *
 * @example
 * ownCgroupPath({ procSelfCgroup: '4:cpu,cpuacct:/docker/ab\n0::/\n', version: 1 }); // '/docker/ab'
 */
const ownCgroupPath = ({ procSelfCgroup, version }: { procSelfCgroup: string; version: 1 | 2 }): string | undefined => {
  for (const line of procSelfCgroup.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (match === null) continue;
    const [, id, controllers = '', path = '/'] = match;
    if (version === 2 && id === '0' && controllers === '') return path;
    if (version === 1 && controllers.split(',').includes('cpu')) return path;
  }
  return undefined;
};

/** Directory of the host's own group inside a mount, or undefined when the mount does not show it. */
const ownGroupDirectory = ({
  fsRoot,
  mount,
  ownPath,
}: {
  fsRoot: string;
  mount: CgroupMount;
  ownPath: string;
}): string | undefined => {
  const root = mount.mountRoot === '/' ? '' : mount.mountRoot;
  if (root !== '' && ownPath !== root && !ownPath.startsWith(`${root}/`)) return undefined;
  const relative = ownPath.slice(root.length);
  return join(fsRoot, mount.mountPoint, relative);
};

const STALE_GROUP_PATTERN = new RegExp(`^${CGROUP_PREFIX}(\\d+)(?:-\\d+)?$`);

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Removes a cgroup directory. On a real cgroup filesystem `rmdir` succeeds
 * once the group has no processes and no children; on an ordinary directory
 * (a test's fake root) the control files we wrote are deleted first.
 * Returns false while processes remain (EBUSY).
 */
const removeGroupDirectorySync = (path: string): boolean => {
  if (!existsSync(path)) return true;
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (isDirectory(child) && !removeGroupDirectorySync(child)) return false;
  }
  try {
    rmdirSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code !== 'ENOTEMPTY') return false;
  }
  try {
    for (const entry of readdirSync(path)) unlinkSync(join(path, entry));
    rmdirSync(path);
    return true;
  } catch {
    return false;
  }
};

const listProcsFile = (path: string): number[] =>
  (readText(path) ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0);

/** Kills the leftover processes of stale groups of ours and removes the groups. */
const removeStaleGroups = ({
  baseDir,
  ownPid,
  isPidAlive,
  killPid,
  logger,
}: {
  baseDir: string;
  ownPid: number;
  isPidAlive: (pid: number) => boolean;
  killPid: (pid: number) => void;
  logger: (m: string) => void;
}): void => {
  let entries: string[];
  try {
    entries = readdirSync(baseDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = STALE_GROUP_PATTERN.exec(entry);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === ownPid || isPidAlive(pid)) continue;
    const groupDir = join(baseDir, entry);
    if (!isDirectory(groupDir)) continue;
    for (const child of readdirSync(groupDir)) {
      const childDir = join(groupDir, child);
      if (isDirectory(childDir))
        for (const leftover of listProcsFile(join(childDir, 'cgroup.procs'))) killPid(leftover);
    }
    const deadline = Date.now() + CGROUP_REMOVE_TIMEOUT_MS;
    while (!removeGroupDirectorySync(groupDir) && Date.now() < deadline) {
      // busy-wait: killed processes leave their group within milliseconds
    }
    logger(`removed stale CPU group ${groupDir} (host process ${pid} is gone)`);
  }
};

class CgroupCpuController implements CpuController {
  readonly mode: CpuMode;
  readonly rootPath: string;
  readonly #groups = new Set<string>();

  constructor({ mode, rootPath }: { mode: CpuMode; rootPath: string }) {
    this.mode = mode;
    this.rootPath = rootPath;
  }

  hostVcpusFor(vcpus: number): number {
    const { periodUs, quotaUs } = cfsQuotaFor(vcpus);
    return quotaUs / periodUs;
  }

  createGroup({
    environmentId,
    vcpus,
    initVcpus = vcpus,
  }: {
    environmentId: string;
    vcpus: number;
    initVcpus?: number;
  }): CpuGroup {
    const path = join(this.rootPath, `env-${environmentId}`);
    const quotaFile = join(path, this.mode === 'cgroup-v1' ? 'cpu.cfs_quota_us' : 'cpu.max');
    // One period for the group (v1 has a single period file): the invocation's.
    const { periodUs } = cfsQuotaFor(vcpus);
    const quotaText = (share: number): string => {
      const quotaUs = Math.max(MIN_CPU_QUOTA_US, Math.round(share * periodUs));
      return this.mode === 'cgroup-v1' ? String(quotaUs) : `${quotaUs} ${periodUs}`;
    };
    const quota = quotaText(vcpus);
    try {
      mkdirSync(path);
      if (this.mode === 'cgroup-v1') writeFileSync(join(path, 'cpu.cfs_period_us'), String(periodUs));
      writeFileSync(quotaFile, quotaText(initVcpus));
    } catch (error) {
      removeGroupDirectorySync(path);
      throw new CpuLimitError({
        mode: this.mode,
        path,
        reason: `cannot create the environment's group (${(error as Error).message})`,
        cause: error,
      });
    }
    this.#groups.add(path);
    return { path, procsFile: join(path, 'cgroup.procs'), quotaFile, quota };
  }

  renewQuota(group: CpuGroup): void {
    writeFileSync(group.quotaFile, group.quota);
  }

  listProcesses(group: CpuGroup): number[] {
    return listProcsFile(group.procsFile);
  }

  async removeGroup(group: CpuGroup): Promise<void> {
    const deadline = Date.now() + CGROUP_REMOVE_TIMEOUT_MS;
    while (!removeGroupDirectorySync(group.path)) {
      if (Date.now() > deadline) return;
      await sleep(REMOVE_RETRY_MS);
    }
    this.#groups.delete(group.path);
  }

  removeAllSync(): string[] {
    const left: string[] = [];
    for (const path of [...this.#groups, this.rootPath]) {
      const deadline = Date.now() + CGROUP_REMOVE_TIMEOUT_MS;
      let removed = removeGroupDirectorySync(path);
      while (!removed && Date.now() < deadline) removed = removeGroupDirectorySync(path);
      if (removed) this.#groups.delete(path);
      else left.push(path);
    }
    return left;
  }
}

/** Whole cores: an unthrottled process's threads each take one. */
const WHOLE_CORE_EPSILON = 1e-9;

const virtualTimeController = (unavailableReason?: string): CpuController => ({
  mode: 'virtual-time',
  rootPath: undefined,
  createGroup: () => undefined,
  renewQuota: () => undefined,
  listProcesses: () => [],
  removeGroup: async () => undefined,
  removeAllSync: () => [],
  hostVcpusFor: (vcpus: number) => Math.max(1, Math.ceil(vcpus - WHOLE_CORE_EPSILON)),
  ...(unavailableReason === undefined ? {} : { unavailableReason }),
});

/** Tries to create our group under the host's own group of a mount; says why not otherwise. */
const tryCgroupMount = ({
  fsRoot,
  mount,
  procSelfCgroup,
  groupName,
  ownPid,
  isPidAlive,
  killPid,
  logger,
}: {
  fsRoot: string;
  mount: CgroupMount;
  procSelfCgroup: string;
  groupName: string;
  ownPid: number;
  isPidAlive: (pid: number) => boolean;
  killPid: (pid: number) => void;
  logger: (m: string) => void;
}): { controller?: CpuController; reason: string } => {
  const ownPath = ownCgroupPath({ procSelfCgroup, version: mount.version });
  if (ownPath === undefined) return { reason: `no cgroup v${mount.version} entry in /proc/self/cgroup` };
  const baseDir = ownGroupDirectory({ fsRoot, mount, ownPath });
  if (baseDir === undefined || !isDirectory(baseDir))
    return { reason: `own group ${ownPath} is not visible under ${mount.mountPoint}` };
  if (mount.version === 2) {
    const delegated = (readText(join(baseDir, 'cgroup.subtree_control')) ?? '').split(/\s+/);
    if (!delegated.includes('cpu')) return { reason: `the cpu controller is not enabled for children of ${baseDir}` };
  }
  removeStaleGroups({ baseDir, ownPid, isPidAlive, killPid, logger });
  const rootPath = join(baseDir, groupName);
  try {
    mkdirSync(rootPath);
    if (mount.version === 2) writeFileSync(join(rootPath, 'cgroup.subtree_control'), '+cpu');
  } catch (error) {
    removeGroupDirectorySync(rootPath);
    return {
      reason: `cannot create ${rootPath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  return {
    controller: new CgroupCpuController({ mode: mount.version === 1 ? 'cgroup-v1' : 'cgroup-v2', rootPath }),
    reason: '',
  };
};

/**
 * Picks how CPU is limited: a cgroup v1 or v2 CPU quota when this process
 * may create groups (root on Linux), else the virtual-time model. With
 * `requested: 'cgroup'` a missing cgroup is an error rather than a fallback.
 *
 * @example
 * const cpu = createCpuController({ requested: 'auto', logger: console.error });
 * cpu.mode; // 'cgroup-v1' on a root Linux host with /sys/fs/cgroup/cpu
 */
const createCpuController = ({
  requested = 'auto',
  fsRoot = '/',
  pid = process.pid,
  instance = 1,
  isPidAlive = defaultIsPidAlive,
  killPid = defaultKillPid,
  logger = () => undefined,
}: CpuControllerOptions = {}): CpuController => {
  if (requested === 'virtual-time') return virtualTimeController();
  const mountinfo = readText(join(fsRoot, 'proc/self/mountinfo')) ?? '';
  const procSelfCgroup = readText(join(fsRoot, 'proc/self/cgroup')) ?? '';
  const mounts = parseCgroupMounts(mountinfo).sort((a, b) => a.version - b.version);
  const reasons: string[] = [];
  for (const mount of mounts) {
    const { controller, reason } = tryCgroupMount({
      fsRoot,
      mount,
      procSelfCgroup,
      groupName: `${CGROUP_PREFIX}${pid}-${instance}`,
      ownPid: pid,
      isPidAlive,
      killPid,
      logger,
    });
    if (controller !== undefined) return controller;
    reasons.push(`v${mount.version} ${mount.mountPoint}: ${reason}`);
  }
  if (requested === 'cgroup') {
    throw new CpuLimitError({
      mode: 'cgroup',
      path: join(fsRoot, 'sys/fs/cgroup'),
      reason: reasons.length === 0 ? 'no cgroup cpu controller is mounted' : reasons.join('; '),
    });
  }
  const reason = reasons.length === 0 ? 'no cgroup cpu controller is mounted' : reasons.join('; ');
  return virtualTimeController(`no CPU quota possible (${reason})`);
};

export { createCpuController, ownCgroupPath, parseCgroupMounts };
export type { CpuController, CpuControllerOptions, CpuGroup, CpuMode, RequestedCpuMode };
