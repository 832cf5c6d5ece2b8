import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Keyv } from 'keyv';

interface LeaseRecord {
  owner: string;
  expiresAt: number;
}

export interface Lease {
  /** Runs `work` only if this process holds (or can take) the named lease; false when another does. */
  runExclusive(name: string, ttlMs: number, work: () => Promise<void>): Promise<boolean>;
}

/**
 * A best-effort lease in the shared store, so that processes sharing one store (several bot
 * processes on one SQLite file, or on a shared server store) do not poll the same feeds at the same
 * time. Keyv has no compare-and-set: a lease is written, then read back after a short settle time,
 * and the last writer wins. A holder that crashed on this machine is recognised at once (its process
 * is gone), so a restart polls straight away; one on another machine is waited out.
 */
export function createLease(keyv: Keyv<LeaseRecord>, settleMs = 50): Lease {
  const owner = `${os.hostname()}/${process.pid}/${randomUUID()}`;
  return {
    async runExclusive(name, ttlMs, work) {
      const current = await keyv.get(name);
      const live = current && current.owner !== owner && current.expiresAt > Date.now() && !isDeadLocalOwner(current.owner);
      if (live) return false;
      await keyv.set(name, { owner, expiresAt: Date.now() + ttlMs });
      if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
      if ((await keyv.get(name))?.owner !== owner) return false;
      try {
        await work();
      } finally {
        if ((await keyv.get(name))?.owner === owner) await keyv.delete(name);
      }
      return true;
    },
  };
}

/** The owner ran on this machine and its process no longer exists. */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split('/');
  if (host !== os.hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
