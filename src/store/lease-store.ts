import { randomUUID } from 'node:crypto';
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
 * and the last writer wins; a crashed holder's lease simply expires.
 */
export function createLease(keyv: Keyv<LeaseRecord>, settleMs = 50): Lease {
  const owner = randomUUID();
  return {
    async runExclusive(name, ttlMs, work) {
      const current = await keyv.get(name);
      if (current && current.owner !== owner && current.expiresAt > Date.now()) return false;
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
