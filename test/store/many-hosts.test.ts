import path from 'node:path';
import { listSyntheticFeeds, renderSyntheticFeed } from '../../src/bench/bench-synthetic-feeds';
import { loadConfig } from '../../src/config';
import { createConsoleSink } from '../../src/console/console-sink';
import { createConsoleTransport } from '../../src/console/console-transport';
import { memoryJournal } from '../../src/console/printed-journal';
import { createLogger } from '../../src/logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, openCore } from '../../src/app';
import { startFeedServer } from '../support/feed-server';
import { makeTempDir } from '../support/temp-dir';

const HOSTS = 24;
const FEEDS = 48;
const ITEMS = 10;
const NEW_PER_CHANGE = 5;

/**
 * Issue 11's contention: feeds on many hosts (so that many fetches, and their writes, are in flight
 * at once) all changing in the same cycle. With one SQLite connection per namespace and
 * transactions held across awaits, such cycles froze in 10-second steps and failed feeds with
 * SQLITE_BUSY; with one connection and its writer queue nothing ever waits for a lock.
 */
describe('feeds on many hosts changing in the same cycles', () => {
  it('seed, then two cycles in which every feed changed: every feed polled, every new item found, no SQLITE_BUSY, no failure', async () => {
    const server = await startFeedServer({ hosts: HOSTS });
    const temp = makeTempDir();
    const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    const options = { feeds: FEEDS, itemsPerFeed: ITEMS, newPerRevision: NEW_PER_CHANGE, origin: new Date(Date.now() - 10 * 3_600_000), spacingMs: 60_000 };
    const feeds = listSyntheticFeeds(FEEDS);
    const serve = (revision: number) => {
      for (const feed of feeds) server.route(feed.path, { body: renderSyntheticFeed(feed, revision, options), etag: `"${feed.index}-${revision}"`, contentType: feed.contentType });
    };
    const sources = feeds.map((feed, i) => ({ url: server.urlOn(i % HOSTS, feed.path), name: feed.name }));
    const config = loadConfig({ DATABASE_URL: `sqlite://${path.join(temp.dir, 'db.sqlite')}`, ALLOW_PRIVATE_FEED_HOSTS: 'true' });
    const core = openCore(config, log, sources);
    const sink = createConsoleSink({ json: true, write: () => undefined });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const poll = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery });
    const runCycle = async () => {
      const summary = await poll();
      await delivery.drain();
      return summary;
    };
    try {
      serve(0);
      // The first poll of each feed tracks its items as back catalogue (classified, nothing posted).
      const seeded = await runCycle();
      expect(seeded).toMatchObject({ feeds: FEEDS, polled: FEEDS, failed: 0, newItems: 0, backlog: FEEDS * ITEMS });
      for (const revision of [1, 2]) {
        serve(revision);
        const cycle = await runCycle();
        expect(cycle).toMatchObject({ feeds: FEEDS, polled: FEEDS, notModified: 0, failed: 0, newItems: FEEDS * NEW_PER_CHANGE, resumed: 0 });
      }
      const hosts = new Set(server.requests.map((r) => r.headers.host));
      expect(hosts.size).toBe(HOSTS);
      expect(lines.filter((l) => JSON.stringify(l).includes('SQLITE_BUSY'))).toEqual([]);
      expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
      const states = await core.stores.feedStates.getMany(sources.map((s) => s.url));
      expect(states.filter((s) => s.consecutiveFailures > 0)).toEqual([]);
      expect(await core.stores.items.listPending()).toEqual([]);
      expect(await core.outbox.size()).toBe(0);
    } finally {
      await core.stores.close();
      await server.close();
      temp.cleanup();
    }
  }, 120_000);
});
