/**
 * Tells a crashed run from one that is still going: `powertune cleanup`
 * must never delete the aliases of a run that is measuring right now (on
 * this machine, with the same state directory).
 *
 * @module cli/is-run-in-progress
 */
import { hostname } from 'node:os';

/** The journal header fields that identify the process of a run. */
interface RunOwner {
  pid?: number;
  host?: string;
}

/**
 * True when `pid` is a live process. `EPERM` means it exists but belongs to
 * another user: still alive.
 *
 * @example
 * isPidAlive(process.pid); // true
 */
const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
};

/**
 * True when the run's process still runs on this host (and is not us).
 * Journals without a pid (older versions) or from another host count as
 * not in progress: they cannot be checked, and `cleanup` is idempotent.
 *
 * @example
 * if (isRunInProgress({ run })) console.log(`run ${run.runId} is still going`);
 */
const isRunInProgress = ({
  run,
  host = hostname(),
  selfPid = process.pid,
  alive = isPidAlive,
}: {
  run: RunOwner;
  host?: string;
  selfPid?: number;
  alive?: (pid: number) => boolean;
}): boolean => run.pid !== undefined && run.pid !== selfPid && run.host === host && alive(run.pid);

export { isPidAlive, isRunInProgress };
export type { RunOwner };
