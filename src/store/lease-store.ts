import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Keyv } from 'keyv';
import type { PollLease } from '../feeds/poll';

/** Who this process is, in lease and claim rows: host, pid and a random part (a restarted pid is someone else). */
export function holderName(): string {
  return `${os.hostname()}/${process.pid}/${randomUUID()}`;
}

export interface LeaseRecord {
  owner: string;
  expiresAt: number;
}

/**
 * The poll lease on SQLite, a record in the store, for processes sharing one SQLite file. Keyv has
 * no compare-and-set: a lease is written, then read back after a short settle time, and the last
 * writer wins, so it is best-effort, and it fences nothing (SQLite is the one-machine store; the
 * Postgres lease, postgres/pg-lease.ts, is exact). A holder that crashed on this machine is
 * recognised at once (its process is gone), so a restart polls straight away.
 */
export function createKeyvLease(keyv: Keyv<LeaseRecord>, name: string, ttlMs: number, settleMs = 50): PollLease {
  const owner = holderName();
  return {
    ttlMs,
    async acquire() {
      const current = await keyv.get(name);
      const mine = current?.owner === owner;
      if (current && !mine && current.expiresAt > Date.now() && !isDeadLocalOwner(current.owner)) return false;
      await keyv.set(name, { owner, expiresAt: Date.now() + ttlMs });
      if (mine || settleMs <= 0) return true;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      return (await keyv.get(name))?.owner === owner;
    },
    fenced: (work) => work(),
    async release() {
      if ((await keyv.get(name))?.owner === owner) await keyv.delete(name);
    },
  };
}

/** The owner (a holderName) ran on this machine and its process no longer exists. */
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
