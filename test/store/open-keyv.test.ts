import fs from 'node:fs';
import { createSilentLogger } from '../../src/logger';
import { iterateNamespace, openKeyvFactory, UnsupportedStoreError } from '../../src/store/open-keyv';
import { makeTempDatabase } from '../support/temp-dir';

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
