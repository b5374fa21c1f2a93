import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Set once per process: tells this process's holder ids from those of an earlier process that
 * had the same pid (in a container, `lede serve` is pid 1 after every restart).
 */
const processMark = randomUUID().slice(0, 8);

/**
 * A holder id for a lease or an outbox claim: `kind:host:pid:process-mark:random`. It names
 * the host and process, so that a process restarted after a crash can tell that rows held
 * by the dead one are free at once instead of waiting for them to run out.
 */
export function newHolderId(kind: string): string {
  return [kind, hostname(), process.pid, processMark, randomUUID().slice(0, 8)].join(':');
}

/**
 * True when `holder` was made by a process of this host that is no longer running. False
 * whenever that cannot be known (another host, an id of another form, a pid in use again by
 * another process): those rows are left to run out.
 */
export function isHolderGone(holder: string): boolean {
  const parts = holder.split(':');
  if (parts.length !== 5 || parts[1] !== hostname()) return false;
  const pid = Number(parts[2]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return parts[3] !== processMark;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
