import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createSilentLogger } from '../../src/logger';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import type { CrashReport } from '../support/crash-trials';
import { runCrashTrials } from '../support/crash-trials';
import type { DiscordEmulator } from '../support/discord-emulator';
import { startDiscordEmulator } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { buildApp, ROOT } from '../support/built-app';
import { buildRss } from '../support/rss';
import { makeTempDir } from '../support/temp-dir';

/** Kills per mode: a few in CI; CRASH_KILLS=120 for the full run (minutes), quoted in the README. */
const KILLS = Number(process.env.CRASH_KILLS ?? 6);

beforeAll(() => buildApp(), 200_000);

/**
 * A real crash: the bot (node dist/src/main.js, as `npm start` runs it) is killed with SIGKILL while
 * Discord is still answering its post. After a restart on the same SQLite file the channel ends up
 * with exactly one message: whether Discord never got the post, got it and remembers its nonce, or
 * got it so long ago that the nonce is forgotten (the bot then finds its own post in the channel).
 */
describe('crash while Discord holds the answer to a post', () => {
  let emulator: DiscordEmulator;
  let feeds: FeedServer;
  let temp: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  async function setUp(nonceWindowMs: number) {
    emulator = await startDiscordEmulator({ nonceWindowMs });
    feeds = await startFeedServer();
    temp = makeTempDir();
    feeds.route('/feed.xml', { body: buildRss([{ guid: 'old', title: 'Old chart news', published: 10 }]) });
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Music Business Daily', url: feeds.url('/feed.xml') }]));
    const databaseUrl = `sqlite://${path.join(temp.dir, 'bot.sqlite')}`;
    const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
    await createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions'))).upsert({
      guildId: emulator.guild('A').id, channelId: emulator.guild('A').channel('news').id,
      parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: new Date().toISOString(), createdBy: 'test',
    });
    await keyv.close();
    env = {
      PATH: process.env.PATH, DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl,
      FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '0 0 1 1 *', LOG_LEVEL: 'info',
    };
  }
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await emulator.close();
    await feeds.close();
    temp.cleanup();
  });

  /** Starts the bot; resolves when its log shows `until`. */
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

  async function crashMidSend(fault: { afterHandling: boolean }, restartAfterMs: number) {
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
    // Discord holds the answer for a long time (having created the message, or not): the bot is killed while it waits.
    emulator.failNext({ method: 'POST', route: `/channels/${news}/messages`, status: 500, delayMs: 20_000, afterHandling: fault.afterHandling });
    const crashing = await startBot((log) => log.includes('connected to Discord'));
    await emulator.waitFor(() => emulator.pendingFaults().length === 0, 15_000, 'the post to reach Discord');
    crashing.kill('SIGKILL');
    await stopped(crashing);
    expect(emulator.messages(news)).toHaveLength(fault.afterHandling ? 1 : 0);
    await new Promise((resolve) => setTimeout(resolve, restartAfterMs));

    const restarted = await startBot((log) => log.includes('poll cycle finished'));
    await emulator.waitForMessages(news, 1, 10_000);
    await emulator.waitFor(() => emulator.pendingFaults().length === 0 && (emulator.requestsTo('GET', `/channels/${news}/messages`).length > 0 || !fault.afterHandling), 10_000, 'the restart to look');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // time for a second post, were there one
    restarted.kill('SIGTERM');
    await stopped(restarted);
    expect(emulator.messages(news)).toHaveLength(1);
    expect((emulator.messages(news)[0]?.embeds[0] as { title?: string }).title).toBe('Universal Music Group signs new licensing agreement with TikTok');
  }

  it('posts exactly once when Discord never got the post', async () => {
    await setUp(5 * 60_000);
    await crashMidSend({ afterHandling: false }, 0);
  }, 90_000);

  it('posts exactly once when Discord made the message and still remembers its nonce', async () => {
    await setUp(5 * 60_000);
    await crashMidSend({ afterHandling: true }, 0);
  }, 90_000);

  it('posts exactly once when Discord made the message and has forgotten its nonce: the bot finds its own post', async () => {
    await setUp(500);
    await crashMidSend({ afterHandling: true }, 1000);
    expect(emulator.requestsTo('GET', `/channels/${emulator.guild('A').channel('news').id}/messages`).length).toBeGreaterThan(0);
  }, 90_000);
});

/**
 * Many crashes (SIGKILL at many instants, around sends and digests) while news keeps coming: every
 * story reaches every channel exactly once. A few kills per mode in CI; the full run is
 * `CRASH_KILLS=120 npx jest test/discord/crash-restart.test.ts -t trials`.
 */
describe('crash trials: SIGKILL at many points, every post exactly once', () => {
  const report = (r: CrashReport) =>
    `${r.mode}: ${r.kills} kills ${JSON.stringify(r.points)}, ${r.stories} stories × ${r.channels} channel(s) = ${r.expected} expected, ${r.digests} digests; lost ${r.lost.length}, twice ${r.twice.length}`;

  it.each(['console', 'discord'] as const)('%s mode', async (mode) => {
    const result = await runCrashTrials({ mode, kills: KILLS, seed: mode === 'console' ? 11 : 12 });
    process.stderr.write(`crash trials — ${report(result)}\n`);
    expect(result.stories).toBeGreaterThan(0);
    expect({ lost: result.lost, twice: result.twice }).toEqual({ lost: [], twice: [] });
  }, 60_000 + KILLS * 15_000);
});
