import { createSilentLogger } from '../../src/logger';
import type { NewsItem } from '../../src/news/item';
import { itemId } from '../../src/store/item-store';
import { openStores } from '../../src/store/stores';
import { makeTempDatabase } from '../support/temp-dir';

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
