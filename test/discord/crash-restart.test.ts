import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createSilentLogger } from '../../src/logger';
import { openKeyvFactory } from '../../src/store/open-keyv';
import { createSubscriptionStore } from '../../src/store/subscription-store';
import type { DiscordEmulator } from '../support/discord-emulator';
import { startDiscordEmulator } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { buildRss } from '../support/rss';
import { buildApp, ROOT } from '../support/built-app';
import { makeTempDir } from '../support/temp-dir';

/**
 * A real crash: the bot (node dist/src/main.js, as `npm start` runs it) is killed with SIGKILL while
 * Discord is still answering its post. After a restart on the same SQLite file the post is sent,
 * and the channel ends up with exactly one message.
 */
describe('crash between storing a post and sending it', () => {
  let emulator: DiscordEmulator;
  let feeds: FeedServer;
  let temp: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await buildApp();
    emulator = await startDiscordEmulator();
    feeds = await startFeedServer();
    temp = makeTempDir();
    feeds.route('/feed.xml', { body: buildRss([{ guid: 'old', title: 'Old chart news', published: 10 }]) });
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Music Business Daily', url: feeds.url('/feed.xml') }]));
    const databaseUrl = `sqlite://${path.join(temp.dir, 'bot.sqlite')}`;
    const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
    await createSubscriptionStore(keyv.namespace('subscriptions')).upsert({
      guildId: emulator.guild('A').id, channelId: emulator.guild('A').channel('news').id,
      parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: new Date().toISOString(), createdBy: 'test',
    });
    await keyv.close();
    env = {
      PATH: process.env.PATH, DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl,
      FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '0 0 1 1 *', LOG_LEVEL: 'info',
    };
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await emulator.close();
    await feeds.close();
    temp.cleanup();
  });

  /** Starts the bot; resolves when its first poll cycle has finished (or, with `until`, earlier). */
  function startBot(until: (log: string) => boolean): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let log = '';
    return new Promise((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (until(log)) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`bot exited early (${code}): ${log}`)));
    });
  }
  const stopped = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

  it('posts exactly once after a SIGKILL mid-send and a restart', async () => {
    const news = emulator.guild('A').channel('news').id;
    const seeded = await startBot((log) => log.includes('poll cycle finished'));
    seeded.kill('SIGTERM');
    await stopped(seeded);

    feeds.route('/feed.xml', {
      body: buildRss([
        {
          guid: 'deal-1',
          title: 'Universal Music Group signs new licensing agreement with TikTok',
          description: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
          link: 'https://mbd.example/umg-tiktok',
          published: 1,
        },
        { guid: 'old', title: 'Old chart news', published: 10 },
      ]),
    });
    // Discord holds the answer for a long time: the bot is killed while it waits.
    emulator.failNext({ method: 'POST', route: `/channels/${news}/messages`, status: 500, delayMs: 20_000 });
    const crashing = await startBot((log) => log.includes('connected to Discord'));
    await emulator.waitFor(() => emulator.pendingFaults().length === 0, 15_000, 'the post to reach Discord');
    crashing.kill('SIGKILL');
    await stopped(crashing);
    expect(emulator.messages(news)).toHaveLength(0);

    const restarted = await startBot((log) => log.includes('poll cycle finished'));
    await emulator.waitForMessages(news, 1, 10_000);
    restarted.kill('SIGTERM');
    await stopped(restarted);
    expect(emulator.messages(news)).toHaveLength(1);
    expect((emulator.messages(news)[0]?.embeds[0] as { title?: string }).title).toBe(
      'Universal Music Group signs new licensing agreement with TikTok',
    );
  }, 90_000);
});
