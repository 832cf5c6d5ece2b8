import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createSilentLogger } from '../src/logger';
import { startConsole } from '../src/main';
import { startFeedServer } from './support/feed-server';
import { buildRss } from './support/rss';
import { makeTempDir } from './support/temp-dir';

describe('console mode (npm start -- --once --json)', () => {
  it('seeds on the first run, then prints each new item, each deal post and each failing feed as JSON lines', async () => {
    const server = await startFeedServer();
    const temp = makeTempDir();
    try {
      const feedsFile = path.join(temp.dir, 'feeds.json');
      fs.writeFileSync(feedsFile, JSON.stringify([
        { name: 'Local news', url: server.url('/news.xml') },
        { name: 'Broken', url: server.url('/broken.xml') },
      ]));
      server.route('/news.xml', { body: buildRss([{ guid: 'a', title: 'Old story', link: 'https://news.example/a', published: 2 }]) });
      server.route('/broken.xml', { status: 500 });
      const config = loadConfig({
        DATABASE_URL: `sqlite://${path.join(temp.dir, 'db.sqlite')}`,
        FEEDS_FILE: feedsFile,
        ALLOW_PRIVATE_FEED_HOSTS: 'true',
      });
      const run = async () => {
        const lines: string[] = [];
        const running = await startConsole(config, { once: true, json: true, write: (l: string) => lines.push(l) }, createSilentLogger());
        await running.done;
        return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      };

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
    } finally {
      await server.close();
      temp.cleanup();
    }
  });
});
