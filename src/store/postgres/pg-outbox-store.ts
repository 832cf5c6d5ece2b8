import type { Keyv } from 'keyv';
import { escapeLiteral } from './pg-driver';
import type { OutboxClaim, OutboxEntry, OutboxStore, SentRecord, SkippedPosts } from '../../posts/outbox';
import { pruneSentRecords } from '../prune-sent';
import { FenceLostError } from '../../shared/store-failure';
import type { Fence, PgDatabase } from './pg-database';
import { holderName } from '../lease-store';

/** A claim lapses this long after its holder last renewed it (it crashed, or lost the store). */
const CLAIM_TTL_MS = 60_000;
/** A process counts as delivering this long after its last scan of the outbox (scans come every 15 s). */
const DELIVERER_TTL_MS = 45_000;

/**
 * The outbox on Postgres, shared by every process: entries in table `outbox` with their queue (a
 * channel, or a server's notices), sent records and skipped posts in Keyv namespaces as on SQLite.
 *
 * Claims (table `outbox_claims`): a worker takes a queue with one conditional statement, which
 * succeeds when nobody holds it or its claim has lapsed, and increments the queue's token. The
 * holder renews it every third of CLAIM_TTL_MS until it releases it. Every write made through the
 * claim is fenced by that token (pg-database.ts): once another worker has taken the queue over, the
 * old holder's writes are refused, so the entry it was about to mark as sending is never sent by it.
 * Several processes may run delivery loops on one outbox: no two ever send the same entry.
 */
export interface PgOutboxOptions {
  sent: Keyv<SentRecord>;
  skipped: Keyv<SkippedPosts>;
  /** The queue an entry belongs to: the delivery loop's rule (posts/queue-state.ts), handed in. */
  queueOf: (entry: OutboxEntry) => string;
  claimTtlMs?: number;
}

export function createPgOutboxStore(db: PgDatabase, { sent, skipped, queueOf, claimTtlMs = CLAIM_TTL_MS }: PgOutboxOptions): OutboxStore {
  const holder = holderName();
  const parse = (rows: { entry: string }[]) => rows.map((row) => JSON.parse(row.entry) as OutboxEntry);

  const store: OutboxStore = {
    async list() {
      return parse(await db.read<{ entry: string }>('SELECT entry FROM outbox'));
    },
    async get(id) {
      return parse(await db.read<{ entry: string }>('SELECT entry FROM outbox WHERE id = $1', [id]))[0];
    },
    async commit({ put = [], remove = [] }) {
      const latest = new Map(put.map((entry) => [entry.id, entry]));
      const write = async () => {
        if (latest.size > 0) {
          const entries = [...latest.values()];
          await db.write(
            `INSERT INTO outbox (id, queue, entry) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (id) DO UPDATE SET queue = excluded.queue, entry = excluded.entry`,
            [entries.map((e) => e.id), entries.map(queueOf), entries.map((e) => JSON.stringify(e))],
          );
        }
        if (remove.length > 0) await db.write('DELETE FROM outbox WHERE id = ANY($1::text[])', [[...remove]]);
      };
      if (latest.size > 0 && remove.length > 0) await db.transaction(write);
      else await write();
    },
    sent: (id) => sent.get(id),
    async recordSent(records) {
      await sent.setMany(records.map(({ id, record }) => ({ key: id, value: record })));
    },
    skipped: (channelId) => skipped.get(channelId),
    async setSkipped(channelId, value) {
      if (value) await skipped.set(channelId, value);
      else await skipped.delete(channelId);
    },
    async size() {
      const [row] = await db.read<{ n: string }>('SELECT count(*) AS n FROM outbox');
      return Number(row?.n ?? 0);
    },
    pruneSent: (before, batch) => pruneSentRecords(store, sent, before, batch),
    claim: (queue) => claimQueue(queue),
    async deliverers() {
      await db.write("DELETE FROM deliverers WHERE expires_at < clock_timestamp() - interval '1 minute'");
      const [row] = await db.read<{ n: string }>(
        `WITH me AS (
           INSERT INTO deliverers (holder, expires_at) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
           ON CONFLICT (holder) DO UPDATE SET expires_at = excluded.expires_at
         )
         SELECT 1 + count(*) AS n FROM deliverers WHERE holder <> $1 AND expires_at >= clock_timestamp()`,
        [holder, DELIVERER_TTL_MS],
      );
      return Number(row?.n ?? 1);
    },
  };

  /** Queues a worker of this process holds. A claim row of this process for any other queue is left from a release that failed (an outage): it is taken again at once. */
  const held = new Set<string>();

  async function claimQueue(queue: string): Promise<OutboxClaim | undefined> {
    if (held.has(queue)) return undefined;
    held.add(queue);
    try {
      const claim = await takeQueue(queue);
      if (claim === undefined) held.delete(queue);
      return claim;
    } catch (error) {
      held.delete(queue);
      throw error;
    }
  }

  async function takeQueue(queue: string): Promise<OutboxClaim | undefined> {
    const lock = `claim:${queue}`;
    // Held by another: said without taking the lock (which would hold up the holder's writes).
    const live = await db.read('SELECT 1 FROM outbox_claims WHERE queue = $1 AND expires_at >= clock_timestamp() AND holder <> $2', [queue, holder]);
    if (live.length > 0) return undefined;
    const taken = await db.transaction(async () => {
      const { rows } = await db.write<{ token: string; ready_at: string | null }>(
        `INSERT INTO outbox_claims (queue, holder, token, expires_at) VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (queue) DO UPDATE SET holder = excluded.holder, token = outbox_claims.token + 1, expires_at = excluded.expires_at
         WHERE outbox_claims.expires_at < clock_timestamp() OR outbox_claims.holder = excluded.holder
         RETURNING token, ready_at`,
        [queue, holder, claimTtlMs],
      );
      return rows[0];
    }, [lock]);
    if (taken === undefined) return undefined;
    const { token } = taken;

    let released = false;
    const renew = async () => {
      const { rowCount } = await db.write("UPDATE outbox_claims SET expires_at = clock_timestamp() + $3 * interval '1 millisecond' WHERE queue = $1 AND token = $2", [queue, token, claimTtlMs]);
      // Lost: the next write through the claim is refused and says so.
      if (rowCount === 0) clearInterval(timer);
    };
    const timer = setInterval(() => void renew().catch(() => undefined), claimTtlMs / 3);
    timer.unref();
    const fence: Fence = {
      lock,
      check: `SELECT 1 FROM outbox_claims WHERE queue = ${escapeLiteral(queue)} AND token = ${BigInt(token)} AND expires_at > '-infinity'`,
      lost: () => new FenceLostError(`the claim on the posts of ${queue}`),
    };
    const fenced = <T>(work: () => Promise<T>) => db.fenced(fence, work);
    const outbox: OutboxStore = {
      ...store,
      commit: (change) => fenced(() => store.commit(change)),
      recordSent: (records) => fenced(() => store.recordSent(records)),
      setSkipped: (channelId, value) => fenced(() => store.setSkipped(channelId, value)),
    };
    const release = async (readyAt?: number) => {
      if (released) return;
      released = true;
      clearInterval(timer);
      held.delete(queue);
      await db.write("UPDATE outbox_claims SET expires_at = '-infinity', ready_at = coalesce($3, ready_at) WHERE queue = $1 AND token = $2", [queue, token, readyAt ?? null]);
    };
    try {
      const entries = parse(await db.read<{ entry: string }>('SELECT entry FROM outbox WHERE queue = $1', [queue]));
      return { outbox, entries, readyAt: taken.ready_at === null ? undefined : Number(taken.ready_at), release };
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
  }

  return store;
}
