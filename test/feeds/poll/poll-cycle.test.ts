import { createSilentLogger } from '../../../src/logger';
import type { NewsItem } from '../../../src/news/item';
import type { PollCycleOptions } from '../../../src/feeds/poll/poll-cycle';
import { runPollCycle } from '../../../src/feeds/poll/poll-cycle';
import { StoreFailure } from '../../../src/shared/store-failure';
import type { FeedSource } from '../../../src/feeds/types';
import type { Stores } from '../../../src/app/stores';
import { openStores } from '../../../src/app/stores';
import type { FeedServer } from '../../support/feed-server';
import { startFeedServer } from '../../support/feed-server';
import { buildRss } from '../../support/rss';
import { makeTempDatabase } from '../../support/temp-dir';

describe('poll cycle', () => {
  let server: FeedServer;
  let db: ReturnType<typeof makeTempDatabase>;
  let stores: Stores;
  let clock: Date;
  let received: NewsItem[];

  beforeEach(async () => {
    server = await startFeedServer();
    db = makeTempDatabase();
    stores = openStores(db.url, createSilentLogger());
    clock = new Date();
    received = [];
  });
  afterEach(async () => {
    await stores.close();
    await server.close();
    db.cleanup();
  });

  function options(overrides: Partial<PollCycleOptions> = {}): PollCycleOptions {
    return {
      feedStates: stores.feedStates,
      items: stores.items,
      log: createSilentLogger(),
      fetchOptions: { allowPrivateHosts: true, timeoutMs: 5000 },
      maxItemAgeMs: 3 * 86_400_000,
      maxNewPerFeed: 20,
      seedOnFirstPoll: true,
      now: () => clock,
      concurrency: 4,
      perHostConcurrency: 2,
      jitterMs: 0,
      onNewItems: async (items) => {
        received.push(...items);
      },
      ...overrides,
    };
  }
  const feed = (path: string, name = path): FeedSource => ({ url: server.url(path), name });
  const later = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  /** What was handed over to be posted (the rest is backlog: tracked, never posted). */
  const posted = () => received.filter((i) => !i.backlog).map((i) => i.title);
  const backlog = () => received.filter((i) => i.backlog).map((i) => i.title);

  it('hands a first poll\'s items over as backlog only, then reports only what is new, once', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '1', title: 'One', published: 1 }, { guid: '0', title: 'Last month', published: 24 * 30 }]) });
    const first = await runPollCycle([feed('/a.xml')], options());
    expect(first).toMatchObject({ polled: 1, newItems: 0, backlog: 2 });
    expect(posted()).toEqual([]);
    // Oldest first, old ones included: they are the history of the deals they report.
    expect(backlog()).toEqual(['Last month', 'One']);

    server.route('/a.xml', {
      body: buildRss([{ guid: '2', title: 'Two', published: 0.5 }, { guid: '1', title: 'One', published: 1 }]),
    });
    later(10);
    await runPollCycle([feed('/a.xml')], options());
    later(10);
    await runPollCycle([feed('/a.xml')], options());
    expect(posted()).toEqual(['Two']);
    expect(backlog()).toEqual(['Last month', 'One']);
  });

  it('sends validators back and skips parsing on 304', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '1', title: 'One' }]), etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' });
    await runPollCycle([feed('/a.xml')], options());
    later(10);
    const second = await runPollCycle([feed('/a.xml')], options());
    expect(second).toMatchObject({ notModified: 1, polled: 0 });
    const sent = server.requestsTo('/a.xml')[1]?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
  });

  it('fetches each URL once per cycle however many times it is listed', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '1', title: 'One' }]) });
    await runPollCycle([feed('/a.xml', 'A'), feed('/a.xml', 'A again')], options());
    expect(server.requestsTo('/a.xml')).toHaveLength(1);
  });

  it('never reports items older than the age limit (backlog), nor items seen under a rewritten guid or tracking link', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: 'g1', title: 'Deal', link: 'https://news.example/deal', published: 1 }]) });
    await runPollCycle([feed('/a.xml')], options());
    server.route('/a.xml', {
      body: buildRss([
        { guid: 'g1-rewritten', title: 'Deal', link: 'https://news.example/deal?utm_source=rss&utm_medium=feed', published: 1 },
        { guid: 'old', title: 'Old news', published: 24 * 10 },
        { guid: 'new', title: 'New news', published: 0.1 },
      ]),
    });
    later(10);
    const summary = await runPollCycle([feed('/a.xml')], options());
    expect(summary).toMatchObject({ newItems: 1, backlog: 1 });
    expect(posted()).toEqual(['New news']);
    expect(backlog()).toEqual(['Deal', 'Old news']);
  });

  it('caps new items per feed per cycle (the newest), and keeps the rest for later cycles', async () => {
    server.route('/a.xml', { body: buildRss([]) });
    await runPollCycle([feed('/a.xml')], options());
    const entries = Array.from({ length: 5 }, (_, i) => ({ guid: `n${i}`, title: `N${i}`, published: 1 + i }));
    // An unchanged feed answers 304 to its validators: the held-back items must come round anyway.
    server.route('/a.xml', { body: buildRss(entries), etag: '"v2"' });
    later(10);
    await runPollCycle([feed('/a.xml')], options({ maxNewPerFeed: 3 }));
    // The newest three, handed over oldest first (the order things happened).
    expect(received.map((i) => i.title)).toEqual(['N2', 'N1', 'N0']);
    later(10);
    await runPollCycle([feed('/a.xml')], options({ maxNewPerFeed: 3 }));
    expect(received.map((i) => i.title)).toEqual(['N2', 'N1', 'N0', 'N4', 'N3']);
  });

  it('keeps going when one feed fails, and backs off the failing one', async () => {
    server.route('/broken.xml', { status: 500 });
    server.route('/html', { body: '<!doctype html><html><body>Hello</body></html>', contentType: 'text/html' });
    server.route('/good.xml', { body: buildRss([{ guid: '1', title: 'One' }]) });
    const failures: string[] = [];
    const summary = await runPollCycle([feed('/broken.xml'), feed('/html'), feed('/good.xml')], options({
      onResult: (r) => {
        if (r.outcome === 'failed') failures.push(`${new URL(r.feed.url).pathname} ${r.error.code}`);
      },
    }));
    expect(summary).toMatchObject({ polled: 1, failed: 2 });
    expect(failures.sort()).toEqual(['/broken.xml http_status', '/html not_a_feed']);
    const state = await stores.feedStates.get(server.url('/broken.xml'));
    expect(state).toMatchObject({ consecutiveFailures: 1, disabled: false });

    later(1);
    await runPollCycle([feed('/broken.xml')], options());
    expect(server.requestsTo('/broken.xml')).toHaveLength(1);
    later(5);
    await runPollCycle([feed('/broken.xml')], options());
    expect(server.requestsTo('/broken.xml')).toHaveLength(2);
  });

  it('treats a feed that suddenly has no items as broken, not as "nothing new"', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '1', title: 'One' }]) });
    await runPollCycle([feed('/a.xml')], options());
    server.route('/a.xml', { body: buildRss([]) });
    later(10);
    const summary = await runPollCycle([feed('/a.xml')], options());
    expect(summary.failed).toBe(1);
  });

  it('loses nothing and repeats nothing when the handler dies mid-cycle and the bot restarts', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '0', title: 'Zero', published: 2 }]) });
    await runPollCycle([feed('/a.xml')], options());
    server.route('/a.xml', {
      body: buildRss([{ guid: '1', title: 'One', published: 1 }, { guid: '0', title: 'Zero', published: 2 }]),
    });
    later(10);
    await runPollCycle([feed('/a.xml')], options({
      onNewItems: async () => {
        throw new Error('crash before the items were handed over');
      },
    }));
    expect(posted()).toEqual([]);
    await stores.close();

    stores = openStores(db.url, createSilentLogger());
    later(10);
    const resumed = await runPollCycle([feed('/a.xml')], options());
    expect(resumed.resumed).toBe(1);
    later(10);
    await runPollCycle([feed('/a.xml')], options());
    expect(posted()).toEqual(['One']);
    expect(backlog()).toEqual(['Zero']);
  });

  it('reports new items of a first poll when seeding is off (the demo)', async () => {
    server.route('/a.xml', { body: buildRss([{ guid: '1', title: 'One', published: 1 }]) });
    await runPollCycle([feed('/a.xml')], options({ seedOnFirstPoll: false }));
    expect(received.map((i) => i.title)).toEqual(['One']);
  });

  it('hands over a cycle\'s new items from every feed together, oldest first', async () => {
    server.route('/a.xml', { body: buildRss([]) });
    server.route('/b.xml', { body: buildRss([]) });
    await runPollCycle([feed('/a.xml'), feed('/b.xml')], options());
    server.route('/a.xml', { body: buildRss([{ guid: 'a1', title: 'A newer', published: 1 }]) });
    server.route('/b.xml', { body: buildRss([{ guid: 'b1', title: 'B older', published: 5 }, { guid: 'b2', title: 'B newest', published: 0.5 }]) });
    later(10);
    const calls: string[][] = [];
    await runPollCycle([feed('/a.xml'), feed('/b.xml')], options({ onNewItems: async (items) => void calls.push(items.map((i) => i.title)) }));
    expect(calls).toEqual([['B older', 'A newer', 'B newest']]);
  });

  it('stops polling when the store fails while a backlog is handed over, and throws that failure', async () => {
    for (const path of ['/a.xml', '/b.xml', '/c.xml']) server.route(path, { body: buildRss([{ guid: path, title: path }]) });
    const failure = new StoreFailure('SQLITE_FULL', 'the disk is full');
    const cycle = runPollCycle(
      [feed('/a.xml'), feed('/b.xml'), feed('/c.xml')],
      options({ concurrency: 1, perHostConcurrency: 1, onNewItems: async () => Promise.reject(failure) }),
    );
    await expect(cycle).rejects.toBe(failure);
    // The second feed was being fetched when the first feed's hand-over failed: it finishes, and its
    // items stay pending like the first's (nothing was taken). The third is never fetched.
    const pending = async () => (await stores.items.listPending()).map((i) => i.title).sort();
    for (let waited = 0; waited < 5_000 && (await pending()).length < 2; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await pending()).toEqual(['/a.xml', '/b.xml']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requestsTo('/c.xml')).toHaveLength(0);
  });
});
