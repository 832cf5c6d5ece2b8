/**
 * The store's contract, run against both backends, SQLite and Postgres: what every typed store
 * promises, and, where two store instances share one database (as two processes would), that each
 * sees the other's writes and that read-modify-write never loses one.
 */
import { EVERY_FEED } from '../../src/deals/scope';
import { createSilentLogger } from '../../src/logger';
import type { NewsItem } from '../../src/news/item';
import { createDealStores } from '../../src/app/deal-stores';
import { readRevision } from '../../src/deals/service/deal-revision';
import { openDealStorage } from '../../src/store/deal-storage';
import { createGuildFeedStore } from '../../src/feeds/guild-feed-store';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { countRecords, iterateNamespace, namespaceRecords, openKeyvFactory, recordLock } from '../../src/store/open-keyv';
import { itemId } from '../../src/shared/item-id';
import { openStores } from '../../src/app/stores';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { queueKeyOf } from '../../src/posts/queue-state';
import { makeOutboxEntry, makeStoryPost } from '../support/posts';
import { makeTempDatabase } from '../support/temp-dir';
import { usePostgres } from '../support/use-postgres';
import { report } from '../deals/service/deal-fixtures';

const pg = usePostgres();
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A fresh database of each kind, and who writes it at once: two processes on Postgres; on SQLite,
 * which is for one process, two writers in that process.
 */
const backends: { name: string; database: () => { url: string }; shared: boolean }[] = [
  {
    name: 'SQLite',
    database: () => {
      const db = makeTempDatabase();
      cleanups.push(() => db.cleanup());
      return db;
    },
    shared: false,
  },
  { name: 'Postgres', database: () => ({ url: pg.url }), shared: true },
];

function open(url: string): KeyvFactory {
  const factory = openKeyvFactory(url, createSilentLogger());
  cleanups.push(() => factory.close());
  return factory;
}

const item = (key: string, link?: string): NewsItem => ({
  key, feedUrl: 'https://feed.example/rss', feedName: 'Feed', link, title: `Item ${key}`, summary: '', published: '2026-11-30T10:00:00Z',
  categories: [], firstSeen: '2026-11-30T10:00:00Z',
});

describe.each(backends)('the store on $name', ({ database, shared }) => {
  /** Two processes' stores, or one process's store twice. */
  const writers = (url: string): [KeyvFactory, KeyvFactory] => {
    const one = open(url);
    return [one, shared ? open(url) : one];
  };

  it('keeps namespaces apart, lists them a page at a time and counts them', async () => {
    const store = open(database().url);
    const a = store.namespace<number>('records');
    const b = store.namespace<number>('records-more');
    await a.setMany(Array.from({ length: 1500 }, (_, i) => ({ key: `https://x.example/${i}?a_b%c`, value: i })));
    await b.set('https://x.example/1?a_b%c', -1);
    expect(await countRecords(a)).toBe(1500);
    let listed = 0;
    for await (const [, value] of iterateNamespace(a)) listed += value >= 0 ? 1 : 0;
    expect(listed).toBe(1500);
    expect(await b.get('https://x.example/1?a_b%c')).toBe(-1);
  });

  it('remembers items seen by key or link, and hands pending items back until they are completed', async () => {
    const stores = openStores(database().url, createSilentLogger());
    cleanups.push(() => stores.close());
    const { items } = stores;
    await items.addPending([item('a', 'https://news.example/a'), item('b')]);
    expect((await items.filterUnseen([item('a'), item('c', 'https://news.example/a'), item('d')])).map((i) => i.key)).toEqual(['d']);
    expect((await items.listPending()).map((i) => i.key).sort()).toEqual(['a', 'b']);
    await items.completePending([item('a')]);
    expect((await items.listPending()).map((i) => i.key)).toEqual(['b']);
    const state = await stores.feedStates.get('https://feed.example/rss');
    await stores.feedStates.save({ ...state, seeded: true, consecutiveFailures: 2 });
    expect((await stores.feedStates.getMany(['https://feed.example/rss']))[0]).toMatchObject({ seeded: true, consecutiveFailures: 2 });
  });

  it('takes a poll whose items repeat a key or share a link (a story listed twice under two guids) in one write, and none is new again', async () => {
    const stores = openStores(database().url, createSilentLogger());
    cleanups.push(() => stores.close());
    const { items } = stores;
    const same = 'https://news.example/same';
    await items.addPending([item('a', same), item('b', same), item('a', same)]);
    await items.markSeen([item('c', 'https://news.example/c'), item('c', 'https://news.example/c')]);
    expect((await items.listPending()).map((i) => i.key).sort()).toEqual(['a', 'b']);
    expect(await items.filterUnseen([item('a'), item('b'), item('c'), item('d', same), item('a')])).toEqual([]);
  });

  it('keeps each item as first seen, in the order stored, and forgets old items before their keys (retention)', async () => {
    const stores = openStores(database().url, createSilentLogger());
    cleanups.push(() => stores.close());
    const { items } = stores;
    const at = (key: string, firstSeen: string) => ({ ...item(key, `https://news.example/${key}`), firstSeen });
    await items.markSeen([at('old', '2026-01-01T00:00:00Z'), at('new', '2026-11-30T00:00:00Z')]);
    await items.markSeen([at('old', '2026-11-30T00:00:00Z'), at('newer', '2026-12-01T00:00:00Z')]);
    const stored = [];
    for await (const one of items.all()) stored.push(`${one.key} ${one.firstSeen.slice(0, 10)}`);
    expect(stored).toEqual(['old 2026-01-01', 'new 2026-11-30', 'newer 2026-12-01']);
    // Items first seen before the cut-off go; the seen keys stay (kept for longer), so the item is not new again.
    const future = new Date(Date.now() + 365 * 86_400_000);
    expect(await items.prune({ items: new Date('2026-06-01T00:00:00Z'), seen: new Date(0) }, 10)).toBe(1);
    expect(await items.get(itemId(at('old', '')))).toBeUndefined();
    expect((await items.get(itemId(at('new', ''))))?.title).toBe('Item new');
    expect(await items.filterUnseen([at('old', '2026-12-02T00:00:00Z')])).toEqual([]);
    // Then the keys, two at a time: three items, each with a key and a link key.
    expect(await items.prune({ items: new Date(0), seen: future }, 2)).toBe(2);
    expect(await items.prune({ items: future, seen: future }, 10)).toBe(2 + 4);
    expect(await items.filterUnseen([at('old', '2026-12-02T00:00:00Z')])).toHaveLength(1);
  });

  it('lets two writers change one server\'s feeds and subscriptions at once without losing a change', async () => {
    const [one, two] = writers(database().url);
    const feeds = (i: number) => createGuildFeedStore(namespaceRecords((i % 2 === 0 ? one : two).namespace('guild-feeds')), recordLock(i % 2 === 0 ? one : two, 'guild-feeds'));
    const subscriptions = (i: number) => createSubscriptionStore(namespaceRecords((i % 2 === 0 ? one : two).namespace('subscriptions')), recordLock(i % 2 === 0 ? one : two, 'subscriptions'));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        feeds(i).add('g1', { url: `https://feed.example/${i}`, name: `Feed ${i}`, addedAt: '2026-11-30T10:00:00Z', addedBy: 'u' }),
        subscriptions(i).upsert({
          guildId: 'g1', channelId: `c${i}`, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: '2026-11-30T10:00:00Z', createdBy: 'u',
        }),
      ]).flat(),
    );
    expect(await feeds(0).list('g1')).toHaveLength(10);
    expect(await subscriptions(1).list('g1')).toHaveLength(10);
  });

  it('shows deals one process tracks to another at its next query, and counts every write in the revision', async () => {
    const { url } = database();
    const one = open(url);
    const two = shared ? open(url) : one;
    const [tracker, reader] = [createDealStores(one), createDealStores(two)];
    expect((await reader.listDeals(EVERY_FEED)).total).toBe(0);
    const netflix = report({ title: 'Netflix and Spotify sign deal to stream award shows', published: '2026-11-30T08:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });
    await tracker.recordClassifiedItem(netflix.item, netflix.classification);
    expect((await reader.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('announced');
    // Both track at once (as a poller and one that took over while the first was paused would):
    // every write gets its own revision and log entry.
    const reports = Array.from({ length: 6 }, (_, i) =>
      report({ title: `Deal ${i}: TikTok and Sony Music sign licensing agreement`, published: `2026-11-30T0${i}:30:00Z`, parties: ['TikTok', `Label ${i}`], status: 'announced' }),
    );
    const before = await readRevision(openDealStorage(one));
    await Promise.all(reports.map((r, i) => (i % 2 === 0 ? tracker : reader).recordClassifiedItem(r.item, r.classification)));
    const after = await readRevision(openDealStorage(two));
    expect(after.rev - before.rev).toBe(6);
    expect((await tracker.listDeals(EVERY_FEED)).total).toBe(7);
    expect((await reader.listDeals(EVERY_FEED)).total).toBe(7);
  });

  it('tracks on top of what another tracker wrote to the same deal between two of its own writes', async () => {
    // Each tracker keeps the records it read and wrote from one write to the next: the other's
    // writes in between must be read, not overwritten from what it kept.
    const { url } = database();
    const [one, two] = writers(url);
    const trackers = [createDealStores(one), createDealStores(two)];
    const reports = Array.from({ length: 6 }, (_, i) =>
      report({ title: `Netflix and Spotify deal, report ${i}`, published: `2026-11-30T0${i}:00:00Z`, parties: ['Netflix', 'Spotify'], status: 'announced' }),
    );
    for (const [i, r] of reports.entries()) {
      const tracker = trackers[i % 2] as (typeof trackers)[number];
      if (i < 3) await tracker.recordClassifiedItem(r.item, r.classification);
      else expect(await tracker.recordClassifiedBatch([r])).toBe(1);
    }
    for (const tracker of trackers) {
      const timeline = await tracker.getTimeline(EVERY_FEED, 'netflix+spotify');
      expect(timeline?.deal.reports).toBe(6);
      expect(timeline?.chapters.flatMap((c) => c.entries.map((e) => e.title))).toEqual(reports.map((r) => r.item.title));
    }
  });

  it('keeps the outbox: entries stored and removed together, sent records, and one worker per queue', async () => {
    const { url } = database();
    const [one, two] = [open(url).outbox(queueKeyOf), open(url).outbox(queueKeyOf)];
    const entry = (i: number) => makeOutboxEntry('c1', 'g1', { id: `e${i}`, post: makeStoryPost({ storyId: `s${i}` }) });
    await one.commit({ put: [entry(1), entry(2), entry(3)] });
    await one.commit({ put: [entry(4)], remove: ['e1', 'e2'] });
    expect((await two.list()).map((e) => e.id).sort()).toEqual(['e3', 'e4']);
    expect(await two.size()).toBe(2);
    await one.recordSent([{ id: 'e3', record: { messageId: 'm3', channelId: 'c1', at: '2026-11-30T10:00:00Z' } }]);
    expect((await two.sent('e3'))?.messageId).toBe('m3');
    await one.setSkipped('c1', { count: 2, stories: [{ title: 'Old story' }] });
    expect((await two.skipped('c1'))?.count).toBe(2);
    const claim = await one.claim('c1');
    expect(claim).toBeDefined();
    expect(await one.claim('c1')).toBeUndefined();
    await claim?.release();
    expect(await one.claim('c1')).toBeDefined();
    // Retention: sent records older than the cut-off go, but one that a queued entry still needs (e3 is queued).
    await one.recordSent([{ id: 'e9', record: { messageId: 'm9', channelId: 'c1', at: '2026-11-30T10:00:00Z' } }]);
    expect(await two.pruneSent(new Date('2026-12-01T00:00:00Z'), 500)).toBe(1);
    expect(await two.sent('e9')).toBeUndefined();
    expect((await two.sent('e3'))?.messageId).toBe('m3');
  });

  it('saves the deal index snapshot whole when two processes save it at once', async () => {
    const [one, two] = writers(database().url);
    const [first, second] = [createDealStores(one), createDealStores(two)];
    const netflix = report({ title: 'Netflix and Spotify sign deal to stream award shows', published: '2026-11-30T08:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });
    await first.recordClassifiedItem(netflix.item, netflix.classification);
    await Promise.all([first.warm(), second.warm()]);
    // One of them saves it; the other then finds it current.
    expect((await Promise.all([first.saveSnapshot(), second.saveSnapshot()])).filter(Boolean)).toHaveLength(1);
    const snapshot = openDealStorage(one).snapshot;
    const manifest = (await snapshot.get('manifest')) as { id: string; parts: number };
    const keys = [];
    for await (const [key] of iterateNamespace(snapshot)) keys.push(key);
    expect(keys.sort()).toEqual([...Array.from({ length: manifest.parts }, (_, n) => `${manifest.id}:${n}`), 'manifest'].sort());
  });
});
