/** The Postgres store's connection layer on a real server: Keyv records, transactions under advisory locks, fences. */
import { Client } from 'pg';
import { iterateNamespace, countRecords } from '../../../src/store/open-keyv';
import type { Fence } from '../../../src/store/postgres/pg-database';
import { usePostgresStores } from '../../support/use-postgres';

describe('the Postgres store', () => {
  const pg = usePostgresStores();
  const { open } = pg;

  it('keeps Keyv records by namespace, with keys of any length and any characters, and lists them a page at a time', async () => {
    const store = open();
    const feeds = store.namespace<{ n: number }>('feeds');
    const other = store.namespace<{ n: number }>('feeds-extra');
    const long = `https://news.example/${'a'.repeat(600)}?q=100%_done:;`;
    await feeds.set(long, { n: 1 });
    await feeds.set('b', { n: 2 });
    await other.set('b', { n: -2 });
    expect(await feeds.get(long)).toEqual({ n: 1 });
    expect(await feeds.getMany(['b', 'missing', long])).toEqual([{ n: 2 }, undefined, { n: 1 }]);
    expect(await feeds.has('b')).toBe(true);
    expect(await feeds.hasMany(['b', 'missing'])).toEqual([true, false]);
    expect(await feeds.delete('b')).toBe(true);
    expect(await feeds.delete('b')).toBe(false);
    expect(await other.get('b')).toEqual({ n: -2 });
    await feeds.setMany(Array.from({ length: 2500 }, (_, i) => ({ key: `k${i}`, value: { n: i } })));
    expect(await countRecords(feeds)).toBe(2501);
    const seen = new Map<string, { n: number }>();
    for await (const [key, value] of iterateNamespace(feeds)) seen.set(key, value);
    expect(seen.size).toBe(2501);
    expect(seen.get('k2499')).toEqual({ n: 2499 });
    expect(seen.get(long)).toEqual({ n: 1 });
    expect(await feeds.deleteMany(['k1', 'k2', 'nothing'])).toBe(true);
    await feeds.clear();
    expect(await countRecords(feeds)).toBe(0);
    expect(await other.get('b')).toEqual({ n: -2 });
    // A key written twice in one setMany keeps the last value.
    await feeds.setMany([{ key: 'x', value: { n: 1 } }, { key: 'x', value: { n: 2 } }]);
    expect(await feeds.get('x')).toEqual({ n: 2 });
  });

  it('writes all of a transaction or none of it, and joins a nested one', async () => {
    const store = open();
    const records = store.namespace<number>('records');
    await expect(
      store.transaction('t', async () => {
        await records.set('a', 1);
        await store.transaction('u', async () => records.set('b', 2));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await records.getMany(['a', 'b'])).toEqual([undefined, undefined]);
    await store.transaction('t', async () => {
      await records.set('a', 1);
      await store.transaction('u', async () => records.set('b', 2));
    });
    expect(await records.getMany(['a', 'b'])).toEqual([1, 2]);
  });

  it('runs read-modify-write under one lock one at a time across processes', async () => {
    const [a, b] = [open(), open()];
    const counters = [a.namespace<number>('counters'), b.namespace<number>('counters')];
    const bump = (i: number) =>
      (i % 2 === 0 ? a : b).transaction('counter', async () => {
        const keyv = counters[i % 2] as (typeof counters)[number];
        const value = (await keyv.get('n')) ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 2));
        await keyv.set('n', value + 1);
      });
    await Promise.all(Array.from({ length: 40 }, (_, i) => bump(i)));
    expect(await counters[0]?.get('n')).toBe(40);
  });

  it('refuses a fenced write once the fence says no, and a fence taken over waits for the fenced writes under way', async () => {
    const store = open();
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    try {
      const records = store.namespace<string>('records');
      await records.set('init', 'x'); // creates the tables
      await admin.query("CREATE TABLE holder (name text PRIMARY KEY, token int); INSERT INTO holder VALUES ('h', 1)");
      const fence: Fence = { lock: 'h', check: "SELECT 1 FROM holder WHERE name = 'h' AND token = 1", lost: () => new Error('fence lost') };
      await store.database.fenced(fence, () => records.set('a', 'written'));
      expect(await records.get('a')).toBe('written');

      // A fenced transaction under way: a takeover (the lock taken exclusively) waits for its end.
      let release: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const fenced = store.database.fenced(fence, () => store.transaction('w', async () => {
        await records.set('b', 'in the transaction');
        await holding;
      }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query('BEGIN');
      const takeover = admin.query("SELECT pg_advisory_xact_lock(hashtextextended('h', 0)); UPDATE holder SET token = 2");
      let tookOver = false;
      void takeover.then(() => (tookOver = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tookOver).toBe(false);
      release();
      await fenced;
      await takeover;
      await admin.query('COMMIT');
      expect(await records.get('b')).toBe('in the transaction');
      // After the takeover: refused, and nothing written.
      await expect(store.database.fenced(fence, () => records.set('c', 'too late'))).rejects.toThrow('fence lost');
      await expect(store.database.fenced(fence, () => store.transaction('w', () => records.set('c', 'too late')))).rejects.toThrow('fence lost');
      expect(await records.get('c')).toBeUndefined();
      // Reads are not fenced.
      expect(await store.database.fenced(fence, () => records.get('a'))).toBe('written');
    } finally {
      await admin.end();
    }
  });
});
