/** The poll lease on Postgres: one holder at a time, taken over once it lapses, fenced so that a holder that was paused past its expiry cannot write over its successor. */
import { createPollTurns } from '../../../src/feeds/poll';
import { createSilentLogger } from '../../../src/logger';
import type { NewsItem } from '../../../src/news/item';
import { itemId } from '../../../src/shared/item-id';
import { StoreFailure } from '../../../src/shared/store-failure';
import type { PostgresFactory } from '../../../src/store/postgres/open-postgres';
import { usePostgresStores } from '../../support/use-postgres';
import { waitUntil } from '../../support/wait-until';


describe('the poll lease on Postgres', () => {
  const { open } = usePostgresStores();
  const tokens = async (store: PostgresFactory) => (await store.database.read<{ token: string }>('SELECT token FROM leases')).map((r) => Number(r.token));

  it('has one holder at a time; a release lets another take it, with a greater token', async () => {
    const [a, b] = [open(), open()];
    const [leaseA, leaseB] = [a.pollLease('poll', 60_000), b.pollLease('poll', 60_000)];
    expect(await leaseA.acquire()).toBe(true);
    expect(await leaseB.acquire()).toBe(false);
    expect(await leaseA.acquire()).toBe(true); // renewed
    expect(await tokens(a)).toEqual([1]);
    await leaseA.release();
    expect(await leaseB.acquire()).toBe(true);
    expect(await leaseA.acquire()).toBe(false);
    expect(await tokens(a)).toEqual([2]);
  });

  it('is taken over once its holder stops renewing, and the old holder, waking up, can write nothing (records, item tables)', async () => {
    const [a, b] = [open(), open()];
    const [leaseA, leaseB] = [a.pollLease('poll', 3000), b.pollLease('poll', 3000)];
    const [recordsA, recordsB] = [a.namespace<string>('feed-state'), b.namespace<string>('feed-state')];
    const seenByA: NewsItem = { key: 'k', feedUrl: 'https://feed.example/rss', feedName: 'Feed', title: 'T', summary: '', categories: [], firstSeen: '2026-12-01T00:00:00Z' };
    expect(await leaseA.acquire()).toBe(true);
    let wake: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (wake = resolve));
    // A's cycle writes, then pauses past the lease's expiry (a long GC, a stopped process, a cut network).
    const cycleA = leaseA.fenced(async () => {
      await recordsA.set('feed', 'written by A before its pause');
      await paused;
      await a.items().markSeen([seenByA]);
      await recordsA.set('feed', 'written by A after its pause');
    });
    expect(await leaseB.acquire()).toBe(false);
    await waitUntil(() => leaseB.acquire(), 'B to take the lease over');
    await leaseB.fenced(() => recordsB.set('feed', 'written by B'));
    wake();
    const refused = await cycleA.then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreFailure);
    expect((refused as StoreFailure).code).toBe('FENCE_LOST');
    expect(await recordsB.get('feed')).toBe('written by B');
    // The item tables are written through the same fenced layer: A's item is not stored, nor seen.
    expect(await b.items().get(itemId(seenByA))).toBeUndefined();
    expect(await b.items().filterUnseen([seenByA])).toEqual([seenByA]);
    expect(await leaseA.acquire()).toBe(false);
    expect(await tokens(a)).toEqual([2]);
  });

  it('takes turns: one process polls, and another takes over within the lease time after it dies, its cycle fenced', async () => {
    const [a, b] = [open(), open()];
    const turnsA = createPollTurns(a.pollLease('poll', 3000), createSilentLogger(), 100);
    const turnsB = createPollTurns(b.pollLease('poll', 3000), createSilentLogger(), 100);
    const ran: string[] = [];
    expect(await turnsA.run(async () => ran.push('a'))).toBe(1);
    expect(await turnsB.run(async () => ran.push('b'))).toBeUndefined();
    let tookOver = false;
    turnsB.start(() => (tookOver = true));
    // A renews while it runs (its timer); B keeps finding the lease held.
    turnsA.start(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(tookOver).toBe(false);
    // A is cut off from the store: it cannot renew, and does not give the lease up.
    await a.close();
    await waitUntil(() => tookOver, 'B to take over');
    expect(await turnsB.run(async () => ran.push('b'))).toBe(2);
    expect(ran).toEqual(['a', 'b']);
    // A, still running but cut off, polls no more: it no longer holds the lease, and cannot take it.
    await expect(turnsA.run(async () => ran.push('a again'))).rejects.toThrow();
    expect(ran).toEqual(['a', 'b']);
    await turnsA.stop();
    await turnsB.stop();
  });
});
