import fs from 'node:fs';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { createSilentLogger } from '../../src/logger';
import { writeTogether } from '../../src/store/batched-writes';
import { iterateNamespace, openKeyvFactory, UnsupportedStoreError } from '../../src/store/open-keyv';
import type { SqliteKeyvStore } from '../../src/store/sqlite-keyv-store';
import { makeTempDatabase } from '../support/temp-dir';
import { sqliteDatabaseOf } from '../support/sqlite-store';

describe('openKeyvFactory', () => {
  const db = makeTempDatabase();
  afterAll(() => db.cleanup());

  it('creates the folder and keeps namespaces apart in one SQLite file', async () => {
    const store = openKeyvFactory(db.url, createSilentLogger());
    const feeds = store.namespace<{ n: number }>('feeds');
    const states = store.namespace<string>('feeds-state');
    await feeds.set('https://example.com/a_b?x=1', { n: 1 });
    await feeds.set('y', { n: 2 });
    await states.set('k', 'v');
    const listed: [string, { n: number }][] = [];
    for await (const entry of iterateNamespace(feeds)) listed.push(entry);
    expect(listed.sort()).toEqual([
      ['https://example.com/a_b?x=1', { n: 1 }],
      ['y', { n: 2 }],
    ]);
    expect(await states.get('k')).toBe('v');
    expect(await states.get('y')).toBeUndefined();
    await store.close();
    expect(fs.existsSync(db.file)).toBe(true);

    const reopened = openKeyvFactory(db.url, createSilentLogger());
    expect(await reopened.namespace<{ n: number }>('feeds').get('y')).toEqual({ n: 2 });
    await reopened.close();
  });

  it('writes records that Keyv over @keyv/sqlite reads as they are (the same table, the same format)', async () => {
    const temp = makeTempDatabase();
    try {
      const store = openKeyvFactory(temp.url, createSilentLogger());
      await store.namespace<{ title: string; at: string }>('deals').set('netflix+spotify', { title: ':colon first', at: '2026-11-23' });
      await store.close();
      const adapter = new KeyvSqlite({ uri: temp.url });
      try {
        expect(await new Keyv({ store: adapter, namespace: 'deals' }).get('netflix+spotify')).toEqual({ title: ':colon first', at: '2026-11-23' });
      } finally {
        await adapter.disconnect();
      }
    } finally {
      temp.cleanup();
    }
  });

  it('refuses a store it cannot open', () => {
    expect(() => openKeyvFactory('redis://localhost', createSilentLogger())).toThrow(UnsupportedStoreError);
    expect(() => openKeyvFactory('sqlite://:memory:', createSilentLogger())).toThrow(UnsupportedStoreError);
  });
});

describe('iterateNamespace', () => {
  it('lists every record of a large namespace once, and nothing of its neighbours', async () => {
    const db = makeTempDatabase();
    const store = openKeyvFactory(db.url, createSilentLogger());
    try {
      const items = store.namespace<number>('items');
      const neighbour = store.namespace<number>('items-extra');
      await items.setMany(Array.from({ length: 2500 }, (_, i) => ({ key: `k${i}`, value: i })));
      await neighbour.set('k1', -1);
      const seen = new Map<string, number>();
      for await (const [key, value] of iterateNamespace(items)) seen.set(key, value);
      expect(seen.size).toBe(2500);
      expect(seen.get('k2499')).toBe(2499);
      expect([...seen.values()].every((v) => v >= 0)).toBe(true);
    } finally {
      await store.close();
      db.cleanup();
    }
  });
});

describe('writing records together (writeTogether, and the adapter\'s together())', () => {
  it('stores and deletes in one transaction: all of it, or none when any part fails', async () => {
    const temp = makeTempDatabase();
    const store = openKeyvFactory(temp.url, createSilentLogger());
    try {
      const outbox = store.namespace<string>('outbox');
      const adapter = outbox.store as SqliteKeyvStore;
      await outbox.setMany([{ key: 'a', value: 'queued' }, { key: 'b', value: 'queued' }]);
      await writeTogether(outbox, [{ key: 'digest', value: 'folds a and b' }], ['a', 'b']);
      expect(await outbox.getMany(['a', 'b', 'digest'])).toEqual([undefined, undefined, 'folds a and b']);

      // A failure before the end: nothing is written.
      const crash = adapter.together(async () => {
        await outbox.set('c', 'queued');
        await outbox.delete('digest');
        throw new Error('crash');
      });
      await expect(crash).rejects.toThrow('crash');
      // The "disk" is full: the large record cannot be written, and the writes before it are undone too.
      const pages = await sqliteDatabaseOf(store).read((db) => db.pragma('page_count', { simple: true }) as number);
      await store.pragma(`PRAGMA max_page_count = ${pages}`);
      const full = adapter.together(async () => {
        await outbox.delete('digest');
        await outbox.set('small', 'x');
        await outbox.set('large', 'y'.repeat(100_000));
      });
      await expect(full).rejects.toThrow(/full/);
      await store.pragma('PRAGMA max_page_count = 1073741823');
      expect(await outbox.getMany(['c', 'small', 'large', 'digest'])).toEqual([undefined, undefined, undefined, 'folds a and b']);
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});
