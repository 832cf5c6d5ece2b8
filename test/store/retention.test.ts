import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createConsoleSink } from '../../src/console/console-sink';
import { createConsoleTransport } from '../../src/console/console-transport';
import { memoryJournal } from '../../src/console/printed-journal';
import { EVERY_FEED } from '../../src/deals/scope';
import { createSilentLogger } from '../../src/logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, openCore } from '../../src/app';
import type { NewsItem } from '../../src/news/item';
import { createDealStores } from '../../src/app/deal-stores';
import { itemId } from '../../src/shared/item-id';
import { openKeyvFactory } from '../../src/store/open-keyv';
import type { OutboxEntry } from '../../src/posts/outbox';
import { queueKeyOf } from '../../src/posts/queue-state';
import { createRetention, SEEN_KEPT_FOR } from '../../src/app/retention';
import { openStores } from '../../src/app/stores';
import { startFeedServer } from '../support/feed-server';
import { buildRss } from '../support/rss';
import { makeTempDatabase, makeTempDir } from '../support/temp-dir';
import { OTHER_DEFAULT_FEED, report } from '../deals/service/deal-fixtures';

const DAY = 86_400_000;
const RETENTION = 180 * DAY;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms).toISOString();

function item(key: string, firstSeen: string): NewsItem {
  return { key, link: `https://a.example/${key}`, feedUrl: 'https://a.example/feed', feedName: 'A', title: `T ${key}`, summary: '', categories: [], firstSeen };
}

describe('retention', () => {
  const db = makeTempDatabase();
  afterAll(() => db.cleanup());

  it('removes the item records past their age and nothing younger; their seen keys stay, so they are still not new', async () => {
    const stores = openStores(db.url, createSilentLogger());
    try {
      const old = item('old', ago(RETENTION + 60_000));
      const young = item('young', ago(RETENTION - 60_000));
      await stores.items.markSeen([old, young]);
      const before = new Date(now - RETENTION);
      expect(await stores.items.prune({ items: before, seen: new Date(now - SEEN_KEPT_FOR * RETENTION) }, 500)).toBe(1);
      expect(await stores.items.get(itemId(old))).toBeUndefined();
      expect((await stores.items.get(itemId(young)))?.key).toBe('young');
      expect(await stores.items.filterUnseen([old, young, { ...old, key: 'rewritten-guid' }])).toEqual([]);
      // Seen keys go only once their item has been out of its feed for SEEN_KEPT_FOR retention
      // periods; they keep the day they were last seen.
      expect(await stores.items.prune({ items: before, seen: new Date(now - 60_000) }, 500)).toBe(0);
      expect(await stores.items.prune({ items: before, seen: new Date(now + DAY) }, 1)).toBe(1);
      expect(await stores.items.prune({ items: before, seen: new Date(now + DAY) }, 500)).toBe(3);
      expect(await stores.items.filterUnseen([old])).toEqual([old]);
    } finally {
      await stores.close();
    }
  });

  it('prunes a few rows per transaction and a bounded number per pass; a pass cut short, or stopped by a shutdown, goes on at the next cycle', async () => {
    const file = makeTempDatabase();
    const stores = openStores(file.url, createSilentLogger());
    try {
      const deals = createDealStores(stores.keyv);
      await stores.items.markSeen(Array.from({ length: 7 }, (_, i) => item(`old-${i}`, ago(RETENTION + DAY))));
      const transactions: number[] = [];
      const counted = { ...stores.items, prune: async (before: { items: Date; seen: Date }, limit: number) => {
        const removed = await stores.items.prune(before, limit);
        transactions.push(removed);
        return removed;
      } };
      const retention = createRetention({
        retentionMs: RETENTION, items: counted, deals, log: createSilentLogger(), now: () => new Date(now), limits: { batch: 2, rowsPerPass: 5 },
        outbox: stores.keyv.outbox(queueKeyOf),
      });
      expect(await retention.run()).toMatchObject({ items: 5, done: false });
      // A shutdown stops a pass between batches; the next pass goes on.
      const aborted = new AbortController();
      aborted.abort();
      expect(await retention.run(aborted.signal)).toMatchObject({ items: 0, done: false });
      expect(await retention.run()).toMatchObject({ items: 2, done: true });
      expect(transactions).toEqual([2, 2, 1, 2, 0]);
      // Done: the next pass is an hour away.
      expect(await retention.run()).toBeUndefined();
    } finally {
      await stores.close();
      file.cleanup();
    }
  });

  it('forgets sent records older than its age, but those a queued entry still needs', async () => {
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    try {
      const outbox = keyv.outbox(queueKeyOf);
      const sent = (id: string, ms: number) => ({ id, record: { messageId: `m-${id}`, channelId: 'c', at: ago(ms) } });
      await outbox.recordSent([sent('old', RETENTION + 60_000), sent('young', RETENTION - 60_000), sent('old-story', RETENTION + 60_000), sent('old-recorded', RETENTION + 60_000)]);
      // An edit still queued for an old story's message, and an entry recorded as sent that a crash kept in the outbox.
      const entry = (id: string, sendId?: string): OutboxEntry => ({
        id, sendId, guildId: 'g', channelId: 'c', action: sendId === undefined ? 'send' : 'edit', openThread: false, createdAt: ago(0), attempts: 0, nextAttemptAt: ago(0),
        post: { type: 'digest', stories: [], more: 0 } as unknown as OutboxEntry['post'],
      });
      await outbox.commit({ put: [entry('edit-1', 'old-story'), entry('old-recorded')] });
      expect(await outbox.pruneSent(new Date(now - RETENTION), 1)).toBe(1);
      expect(await outbox.sent('old')).toBeUndefined();
      expect((await outbox.sent('young'))?.messageId).toBe('m-young');
      expect((await outbox.sent('old-story'))?.messageId).toBe('m-old-story');
      expect((await outbox.sent('old-recorded'))?.messageId).toBe('m-old-recorded');
      // Once the outbox no longer needs them, they go too.
      await outbox.commit({ remove: ['edit-1', 'old-recorded'] });
      expect(await outbox.pruneSent(new Date(now - RETENTION), 500)).toBe(2);
      expect((await outbox.sent('young'))?.messageId).toBe('m-young');
    } finally {
      await keyv.close();
    }
  });

  it("trims old stories to their first source; the deal's timeline keeps every entry, and other processes see the trim", async () => {
    const file = makeTempDatabase();
    const writerKeyv = openKeyvFactory(file.url, createSilentLogger());
    const readerKeyv = openKeyvFactory(file.url, createSilentLogger());
    try {
      const deals = createDealStores(writerKeyv);
      const reader = createDealStores(readerKeyv);
      const parties = ['Netflix', 'Spotify'];
      const oldReports = [
        report({ title: 'Netflix and Spotify sign deal for award shows', summary: 'Award shows and concerts.', published: ago(RETENTION + 3 * DAY), parties, status: 'announced' }),
        report({ feedUrl: OTHER_DEFAULT_FEED, title: 'Spotify and Netflix sign award show deal', summary: 'Awards streaming agreement signed.', published: ago(RETENTION + 2 * DAY), parties, status: 'announced' }),
      ];
      const recent = report({ title: 'Netflix and Spotify launch live concerts', summary: 'Concert streams are live.', published: ago(10 * DAY), parties, status: 'launched' });
      for (const r of [...oldReports, recent]) await deals.recordClassifiedItem(r.item, r.classification);
      await reader.warm();
      const [oldStory] = await reader.searchStories(EVERY_FEED, 'award');
      expect(oldStory?.sources).toHaveLength(2);

      expect(await deals.pruneStorySources(new Date(now - RETENTION))).toBe(1);
      expect(await deals.pruneStorySources(new Date(now - RETENTION), new Date(now - RETENTION))).toBe(0);
      const trimmed = await reader.getStory(EVERY_FEED, oldStory?.id ?? '');
      expect(trimmed?.sources.map((s) => s.title)).toEqual(['Netflix and Spotify sign deal for award shows']);
      expect(trimmed).toMatchObject({ title: oldStory?.title, status: oldStory?.status, firstSeen: oldStory?.firstSeen, lastUpdated: oldStory?.lastUpdated });
      // The second source's words are no longer searched; the story is still found by its first.
      expect((await reader.searchStories(EVERY_FEED, 'agreement')).map((s) => s.id)).not.toContain(oldStory?.id);
      expect((await reader.searchStories(EVERY_FEED, 'award')).map((s) => s.id)).toContain(oldStory?.id);
      const timeline = await reader.getTimeline(EVERY_FEED, 'netflix+spotify');
      expect(timeline?.chapters.flatMap((c) => c.entries.map((e) => e.title))).toEqual([...oldReports, recent].map((r) => r.item.title));
    } finally {
      await writerKeyv.close();
      await readerKeyv.close();
      file.cleanup();
    }
  });

  it('after a pass in a cycle, an item whose record was pruned and that reappears in its feed is not posted again', async () => {
    const server = await startFeedServer();
    const temp = makeTempDir();
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Trade Beat', url: server.url('/feed.xml') }]));
    const config = loadConfig({ DATABASE_URL: `sqlite://${path.join(temp.dir, 'db.sqlite')}`, FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true' });
    const core = openCore(config, createSilentLogger());
    const printed: { event: string; title?: string }[] = [];
    const sink = createConsoleSink({ json: true, write: (line) => printed.push(JSON.parse(line) as { event: string; title?: string }) });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const poll = createCycleRunner(core, { audiences: async () => consoleAudience(), sink, delivery });
    const runCycle = async () => {
      await poll();
      await delivery.drain();
    };
    // Undated items: no age limit stops them, only the seen keys do.
    const deal = { guid: 'deal-1', title: 'Spotify signs multi-year licensing agreement with Universal Music Group', link: 'https://news.example/deal-1' };
    try {
      server.route('/feed.xml', { body: buildRss([{ guid: 'seed', title: 'Seeded story' }]) });
      await runCycle();
      server.route('/feed.xml', { body: buildRss([deal, { guid: 'seed', title: 'Seeded story' }]) });
      await runCycle();
      expect(printed.filter((l) => l.event === 'item').map((l) => l.title)).toEqual([deal.title]);

      // A retention pass 200 days on: every item record is older than RETENTION (180 days) and goes.
      const later = createRetention({
        retentionMs: config.retentionMs, items: core.stores.items, deals: core.deals, log: createSilentLogger(), now: () => new Date(now + 200 * DAY),
        outbox: core.outbox,
      });
      expect((await later.run())?.items).toBe(2);
      expect(await core.stores.items.get(itemId({ feedUrl: server.url('/feed.xml'), key: 'deal-1' }))).toBeUndefined();

      server.route('/feed.xml', { body: buildRss([{ guid: 'new', title: 'A new story' }, deal, { guid: 'seed', title: 'Seeded story' }]) });
      printed.length = 0;
      await runCycle();
      expect(printed.filter((l) => l.event === 'item').map((l) => l.title)).toEqual(['A new story']);
      expect(printed.filter((l) => l.event === 'post')).toEqual([]);
    } finally {
      await core.stores.close();
      await server.close();
      temp.cleanup();
    }
  });
});
