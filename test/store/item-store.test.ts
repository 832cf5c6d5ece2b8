import fs from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { createSilentLogger } from '../../src/logger';
import type { NewsItem } from '../../src/news/item';
import { itemId, linkId } from '../../src/shared/item-id';
import { openStores } from '../../src/app/stores';
import { makeTempDatabase } from '../support/temp-dir';
import { sqliteDatabaseOf } from '../support/sqlite-store';

function item(key: string, link?: string, feedUrl = 'https://a.example/feed'): NewsItem {
  return {
    key, link, feedUrl, feedName: 'A', title: `T ${key}`, summary: '', categories: [],
    firstSeen: '2026-11-23T00:00:00.000Z',
  };
}

describe('item store', () => {
  const db = makeTempDatabase();
  afterAll(() => db.cleanup());

  it('treats an item as seen by key or by link, per feed, across a reopen', async () => {
    const stores = openStores(db.url, createSilentLogger());
    await stores.items.markSeen([item('g1', 'https://a.example/1')]);
    await stores.items.addPending([item('g2', 'https://a.example/2')]);
    await stores.close();

    const reopened = openStores(db.url, createSilentLogger());
    const candidates = [
      item('g1'),
      item('rewritten-guid', 'https://a.example/1'),
      item('g2'),
      item('g3', 'https://a.example/3'),
      item('g1', undefined, 'https://b.example/feed'),
    ];
    const unseen = await reopened.items.filterUnseen(candidates);
    expect(unseen.map((i) => `${i.feedUrl} ${i.key}`)).toEqual([
      'https://a.example/feed g3',
      'https://b.example/feed g1',
    ]);
    const pending = await reopened.items.listPending();
    expect(pending.map((i) => i.key)).toEqual(['g2']);
    await reopened.items.completePending(pending);
    expect(await reopened.items.listPending()).toEqual([]);
    expect((await reopened.items.get(itemId(item('g2'))))?.title).toBe('T g2');
    await reopened.close();
  });
});

describe('a store written before the item tables, through Keyv and @keyv/sqlite (items:<id> and links:<id>)', () => {
  it('is moved into them when opened: nothing seen before is new after the upgrade', async () => {
    const db = makeTempDatabase();
    try {
      fs.mkdirSync(path.dirname(db.file), { recursive: true });
      const legacy = new KeyvSqlite({ uri: db.url });
      const namespace = <T>(name: string) => new Keyv<T>({ store: legacy, namespace: name });
      // What the item store of earlier versions wrote for an item: its record, its link, and (until
      // the pipeline had taken it) the item as pending.
      const old = item('g1', 'https://a.example/1');
      const waiting = item('g2', 'https://a.example/2');
      for (const seen of [old, waiting]) {
        await namespace<NewsItem>('items').set(itemId(seen), seen);
        await namespace<string>('links').set(linkId(seen) ?? '', itemId(seen));
      }
      await namespace<NewsItem>('pending').set(itemId(waiting), waiting);
      await namespace<{ url: string }>('feed-state').set('https://a.example/feed', { url: 'https://a.example/feed' });
      await legacy.disconnect();

      const stores = openStores(db.url, createSilentLogger());
      try {
        const candidates = [item('g1'), item('rewritten', 'https://a.example/1'), item('g2'), item('g9')];
        expect((await stores.items.filterUnseen(candidates)).map((i) => i.key)).toEqual(['g9']);
        expect((await stores.items.get(itemId(old)))?.title).toBe('T g1');
        expect((await stores.items.listPending()).map((i) => i.key)).toEqual(['g2']);
        await stores.items.completePending([waiting]);
        expect(await stores.items.listPending()).toEqual([]);
        expect(await sqliteDatabaseOf(stores.keyv).read((c) => c.prepare('SELECT key FROM keyv ORDER BY key').all())).toEqual([{ key: 'feed-state:https://a.example/feed' }]);
        expect(await stores.keyv.namespace<{ url: string }>('feed-state').get('https://a.example/feed')).toEqual({ url: 'https://a.example/feed' });
      } finally {
        await stores.close();
      }
    } finally {
      db.cleanup();
    }
  });
});
