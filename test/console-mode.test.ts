import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../src/config';
import { loadConfig } from '../src/config';
import { createSilentLogger } from '../src/logger';
import { startConsole } from '../src/app';
import type { FeedServer } from './support/feed-server';
import { startFeedServer } from './support/feed-server';
import { buildRss } from './support/rss';
import { makeTempDir } from './support/temp-dir';

describe('console mode (npm start -- --once)', () => {
  let server: FeedServer;
  let temp: ReturnType<typeof makeTempDir>;
  let config: Config;
  beforeEach(async () => {
    server = await startFeedServer();
    temp = makeTempDir();
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([
      { name: 'Local news', url: server.url('/news.xml') },
      { name: 'Broken', url: server.url('/broken.xml') },
    ]));
    server.route('/news.xml', { body: buildRss([{ guid: 'a', title: 'Old story', link: 'https://news.example/a', published: 2 }]) });
    server.route('/broken.xml', { status: 500 });
    config = loadConfig({ DATABASE_URL: `sqlite://${path.join(temp.dir, 'db.sqlite')}`, FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true' });
  });
  afterEach(async () => {
    await server.close();
    temp.cleanup();
  });
  /** One `--once` run; what it printed, line by line. */
  const runOnce = async (json: boolean) => {
    const lines: string[] = [];
    const running = await startConsole(config, { once: true, json, write: (l: string) => lines.push(l) }, createSilentLogger());
    await running.done;
    return lines;
  };

  it('--json: seeds on the first run, then prints each new item, each deal post and each failing feed as JSON lines', async () => {
    const run = async () => (await runOnce(true)).map((line) => JSON.parse(line) as Record<string, unknown>);

    const first = await run();
    expect(first).toEqual([
      { event: 'feed_error', feed: server.url('/broken.xml'), name: 'Broken', code: 'http_status', reason: expect.stringContaining('HTTP 500') },
    ]);

    server.route('/news.xml', {
      body: buildRss([
        { guid: 'b', title: 'Fresh story', link: 'https://news.example/b?utm_source=rss', published: 1 },
        {
          guid: 'c',
          title: 'Universal Music Group signs new licensing agreement with TikTok',
          description: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
          link: 'https://news.example/c',
          published: 1.5,
        },
        { guid: 'a', title: 'Old story', link: 'https://news.example/a', published: 2 },
      ]),
    });
    const second = await run();
    expect(second.filter((e) => e.event === 'item')).toEqual([
      expect.objectContaining({ event: 'item', key: 'c' }),
      {
        event: 'item',
        feed: server.url('/news.xml'),
        key: 'b',
        link: 'https://news.example/b',
        title: 'Fresh story',
        published: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(second.filter((e) => e.event === 'post')).toEqual([
      expect.objectContaining({
        event: 'post',
        type: 'story',
        story: expect.objectContaining({ title: 'Universal Music Group signs new licensing agreement with TikTok', link: 'https://news.example/c' }),
        deal: expect.objectContaining({ name: expect.stringMatching(/TikTok/) }),
        status: 'announced',
        parties: expect.arrayContaining(['Universal Music Group', 'TikTok']),
        kinds: expect.arrayContaining(['licensing']),
        takeaways: expect.arrayContaining([expect.objectContaining({ text: expect.stringMatching(/^Agreed, not live yet \(background\): /), source: null })]),
        sources: [{ name: 'Local news', link: 'https://news.example/c' }],
      }),
    ]);
    expect(await run()).toEqual([]);
  });

  it('prints, as text, one line per failing feed and one per cycle; a restart during backoff says which feeds wait and until when', async () => {
    const run = () => runOnce(false);
    const time = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d UTC`;
    const broken = server.url('/broken.xml').replace(/[.?]/g, '\\$&');

    expect(await run()).toEqual([
      expect.stringMatching(new RegExp(`^! Broken: HTTP 500 from ${broken} — next try ${time} \\(1 failure\\)$`)),
      '— Cycle done: 1 of 2 feeds polled, 0 new items, 1 failed; no next poll (--once).',
    ]);
    // A restart while the broken feed backs off: it is not polled, and the cycle line says until when.
    expect(await run()).toEqual([
      expect.stringMatching(new RegExp(`^— Cycle done: 1 of 2 feeds polled, 0 new items; not polled, backing off: Broken: next try ${time} \\(1 failure\\); no next poll \\(--once\\)\\.$`)),
    ]);
  });
});
