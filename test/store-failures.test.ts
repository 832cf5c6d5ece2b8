import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createConsoleSink } from '../src/console/console-sink';
import { createConsoleTransport } from '../src/console/console-transport';
import { memoryJournal } from '../src/console/printed-journal';
import { createSilentLogger } from '../src/logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, openCore } from '../src/app';
import { StoreFailure } from '../src/shared/store-failure';
import { startFeedServer } from './support/feed-server';
import { buildRss } from './support/rss';
import { makeTempDir } from './support/temp-dir';
import { sqliteDatabaseOf } from './support/sqlite-store';

const PARTIES = ['Spotify', 'Netflix', 'TikTok', 'Universal Music Group', 'Sony Music', 'Warner Music Group', 'YouTube', 'Deezer'];

/** Deal stories between distinct pairs of parties, so that each is a story of its own. */
function dealEntries(count: number) {
  const pairs: [string, string][] = [];
  for (let i = 0; i < PARTIES.length && pairs.length < count; i += 1) {
    for (let j = i + 1; j < PARTIES.length && pairs.length < count; j += 1) pairs.push([PARTIES[i] as string, PARTIES[j] as string]);
  }
  return pairs.map(([a, b], i) => ({
    guid: `deal-${i}`,
    title: `${a} signs multi-year licensing agreement with ${b}`,
    description: `${a} and ${b} have signed a multi-year licensing agreement, the companies announced. ${'The agreement covers catalogue, video and live events across many markets. '.repeat(20)}`,
    link: `https://news.example/deal-${i}`,
    published: 1 + i / 100,
  }));
}

describe('a full disk during a cycle (SQLite max_page_count set to the size the file has)', () => {
  it('abandons the cycle with a clear store failure, loses nothing, and the next cycle posts everything once', async () => {
    const server = await startFeedServer();
    const temp = makeTempDir();
    const file = path.join(temp.dir, 'db.sqlite');
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Trade Beat', url: server.url('/feed.xml') }]));
    const config = loadConfig({ DATABASE_URL: `sqlite://${file}`, FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true' });
    const core = openCore(config, createSilentLogger());
    const lines: Record<string, unknown>[] = [];
    const sink = createConsoleSink({ json: true, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const poll = createCycleRunner(core, { audiences: async () => consoleAudience(), sink, delivery });
    const runCycle = async () => {
      await poll();
      await delivery.drain();
    };
    try {
      server.route('/feed.xml', { body: buildRss([{ guid: 'old', title: 'An old story', published: 2 }]) });
      await runCycle(); // seeds
      const entries = dealEntries(12);
      server.route('/feed.xml', { body: buildRss([...entries, { guid: 'old', title: 'An old story', published: 2 }]) });

      const pages = await sqliteDatabaseOf(core.stores.keyv).read((db) => db.pragma('page_count', { simple: true }) as number);
      await core.stores.keyv.pragma(`PRAGMA max_page_count = ${pages}`);
      const failure = await runCycle().then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreFailure);
      expect((failure as StoreFailure).code).toBe('SQLITE_FULL');
      expect((failure as StoreFailure).message).toBe(
        `the store ${file} cannot be written: the disk is full (or the store reached its size limit); free some space (SQLITE_FULL)`,
      );

      await core.stores.keyv.pragma('PRAGMA max_page_count = 1073741823');
      await runCycle();
      await runCycle();
      // At most 5 posts per channel per round; the rest are summed up in a digest.
      const posts = lines.filter((l) => l.event === 'post');
      const links = posts.flatMap((l) => (l.type === 'digest' ? (l.stories as { link: string }[]) : [l.story as { link: string }]).map((s) => s.link));
      expect(links.sort()).toEqual(entries.map((e) => e.link).sort());
      expect(await core.stores.items.listPending()).toEqual([]);
      expect(await core.outbox.size()).toBe(0);
    } finally {
      await core.stores.close();
      await server.close();
      temp.cleanup();
    }
  });
});
