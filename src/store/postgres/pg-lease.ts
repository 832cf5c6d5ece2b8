import { escapeLiteral } from './pg-driver';
import type { PollLease } from '../../feeds/poll';
import { FenceLostError } from '../../shared/store-failure';
import { holderName } from '../lease-store';
import type { Fence, PgDatabase } from './pg-database';

/**
 * A lease row in Postgres (table `leases`), taken with one conditional statement: the row is
 * inserted, or taken over when it has expired, and each take increments its fencing token. The
 * holder renews it while its token is still the row's; giving it up expires it but keeps the row, so
 * tokens only ever grow. Times are the database's clock, never a process's.
 *
 * Fencing (pg-database.ts): a write of `fenced(work)` takes the lease's advisory lock shared and
 * checks that the row still carries this holder's token; a takeover takes that lock exclusively. So a
 * takeover waits for the holder's writes under way, and every later write of the old holder (paused
 * past its expiry, or cut off) is refused: it cannot write over its successor.
 */
export function createPgLease(db: PgDatabase, name: string, ttlMs: number): PollLease {
  const holder = holderName();
  const lock = `lease:${name}`;
  let token: string | undefined;
  const fence = (held: string): Fence => ({
    lock,
    check: `SELECT 1 FROM leases WHERE name = ${escapeLiteral(name)} AND token = ${BigInt(held)} AND expires_at > '-infinity'`,
    lost: () => new FenceLostError(`the ${name} lease`),
  });
  return {
    ttlMs,
    async acquire() {
      if (token !== undefined) {
        const renewed = await db.write("UPDATE leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond' WHERE name = $1 AND token = $2", [name, token, ttlMs]);
        if (renewed.rowCount > 0) return true;
        token = undefined;
      }
      // Held by another: said without taking the lock (which would hold up the holder's writes).
      if ((await db.read('SELECT 1 FROM leases WHERE name = $1 AND expires_at >= clock_timestamp()', [name])).length > 0) return false;
      token = await db.transaction(async () => {
        const { rows } = await db.write<{ token: string }>(
          `INSERT INTO leases (name, holder, token, expires_at) VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond')
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = leases.token + 1, expires_at = excluded.expires_at
           WHERE leases.expires_at < clock_timestamp()
           RETURNING token`,
          [name, holder, ttlMs],
        );
        return rows[0]?.token;
      }, [lock]);
      return token !== undefined;
    },
    fenced(work) {
      if (token === undefined) return Promise.reject(new FenceLostError(`the ${name} lease`));
      return db.fenced(fence(token), work);
    },
    async release() {
      const held = token;
      token = undefined;
      if (held !== undefined) await db.write("UPDATE leases SET expires_at = '-infinity' WHERE name = $1 AND token = $2", [name, held]);
    },
  };
}
