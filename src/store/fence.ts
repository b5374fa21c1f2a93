import { LedeError } from '../core/errors.js';
import type { Lease, Repos } from './types.js';

/**
 * Inside a leader's write transaction, before it writes: refuses (LEDE_LEASE_LOST) unless
 * this process still holds the lease with the token it was given. The check locks the lease
 * row, so no takeover commits between it and the writes; a leader that stalled past its lease
 * and woke up still thinking it leads writes nothing.
 */
export async function assertLeaseHeld(tx: Repos, fence: Lease | undefined, now: Date): Promise<void> {
  if (!fence) return;
  const { name, holder, token } = fence;
  if (await tx.leases.isHeld({ name, holder, token, now })) return;
  throw new LedeError(
    'LEDE_LEASE_LOST',
    `lease ${name} (token ${token}) is no longer held by ${holder}: another process leads this task now`,
  );
}
