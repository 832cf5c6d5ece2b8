/**
 * Two bot processes (the built app, console mode) sharing one Postgres store, as on two machines:
 * 200 deal stories come out over the run; the process that polls is killed with SIGKILL twice in
 * the middle of a cycle (once while it fetches a feed, once just after it queued posts) and started
 * again; Postgres is stopped for 15 seconds and started again. Every story must be printed exactly
 * once across both processes, polling must resume within 60 s of each kill (the contract's bound;
 * by design the lease lapses after 30 s and is checked every 10 s), and no feed may ever be fetched
 * by two processes at once.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningBot } from './support/bot-process';
import { startBot } from './support/bot-process';
import { buildApp } from './support/built-app';
import { dealStories } from './support/deal-stories';
import type { FeedServer } from './support/feed-server';
import { startFeedServer } from './support/feed-server';
import type { PostgresServer } from './support/postgres';
import { startPostgres } from './support/postgres';
import type { TestEntry } from './support/rss';
import { buildRss } from './support/rss';
import { makeTempDir } from './support/temp-dir';
import { sleep, waitUntil } from './support/wait-until';

const FEEDS = 4;
const STORIES = 200;
const BATCH = 20;


describe('two processes sharing one Postgres store', () => {
  let pg: PostgresServer;
  let feeds: FeedServer;
  const temp = makeTempDir('crossover-shared-');
  const children = new Set<ChildProcess>();
  beforeAll(async () => {
    [pg, feeds] = await Promise.all([startPostgres(), startFeedServer(), buildApp()]).then(([p, f]) => [p, f] as const);
  }, 180_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await feeds?.close();
    await pg?.close();
    temp.cleanup();
  });

  it('posts every story exactly once through two SIGKILLs of the poller and a 15 s outage, one poller at a time', async () => {
    // Feeds answer slowly (300 ms), so that two fetches of one feed at once could not go unseen.
    const entries: TestEntry[][] = Array.from({ length: FEEDS }, (_, i) => [{ guid: `old-${i}`, title: 'Chart news of the week', published: 30 }]);
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const fetches: { at: number; path: string }[] = [];
    for (let i = 0; i < FEEDS; i += 1) {
      const feedPath = `/feed-${i}.xml`;
      feeds.route(feedPath, (_req, res) => {
        fetches.push({ at: Date.now(), path: feedPath });
        const now = (inFlight.get(feedPath) ?? 0) + 1;
        inFlight.set(feedPath, now);
        if (now > 1) overlaps += 1;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          inFlight.set(feedPath, (inFlight.get(feedPath) ?? 1) - 1);
        };
        res.on('close', finish);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(buildRss(entries[i] as TestEntry[], { title: `Outlet ${i}` }));
          finish();
        }, 300);
      });
    }
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify(entries.map((_, i) => ({ name: `Outlet ${i}`, url: feeds.url(`/feed-${i}.xml`) }))));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, DATABASE_URL: await pg.createDatabase('shared'), FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true',
      POLL_CRON: '* * * * * *', LOG_LEVEL: 'debug',
    };

    const printed: string[] = [];
    const transcript = path.join(temp.dir, 'transcript.log');
    const bots = new Map<string, RunningBot>();
    let poller: string | undefined;
    const crashed: string[] = [];
    /** The processes this test stopped (any other exit is a crash). */
    const stopping = new Set<RunningBot>();
    const stop = (bot: RunningBot, signal: 'SIGTERM' | 'SIGKILL') => {
      stopping.add(bot);
      return bot.stop(signal);
    };
    const start = async (name: string) => {
      const bot = await startBot(env, 'console', children, printed, (line) => {
        fs.appendFileSync(transcript, `[${name}] ${line}\n`);
        if (line.includes('this process polls now')) poller = name;
      });
      bots.set(name, bot);
      const started = bot.until((line) => line.includes('"Crossover starting"'));
      void bot.exit.then(({ code, signal }) => {
        if (!stopping.has(bot)) crashed.push(`${name} (exit ${code ?? signal})`);
        else if (signal !== 'SIGKILL' && code !== 0) crashed.push(`${name} (exit ${code ?? signal} after SIGTERM)`);
      });
      expect(await started).toBe(true);
      return bot;
    };
    const describeRun = () => `the transcript's last lines:\n${fs.existsSync(transcript) ? fs.readFileSync(transcript, 'utf8').split('\n').slice(-60).join('\n') : ''}`;

    // A starts first, polls, and seeds the feeds (nothing old is news); then B joins.
    const a = await start('A');
    expect(await a.until((line) => line.includes('"poll cycle finished"'))).toBe(true);
    await start('B');
    expect(poller).toBe('A');

    const released: TestEntry[] = [];
    const release = () => {
      const batch = dealStories(BATCH, { from: released.length, prefix: 'shared' });
      batch.forEach((story, i) => (entries[i % FEEDS] as TestEntry[]).unshift(story));
      released.push(...batch);
    };
    /** Kills the poller at the instant `when` picks, waits for another process to fetch a feed, restarts the killed one. */
    const killPoller = async (when: (bot: RunningBot) => Promise<boolean>): Promise<number> => {
      const name = poller as string;
      const bot = bots.get(name) as RunningBot;
      expect(await when(bot)).toBe(true);
      await stop(bot, 'SIGKILL');
      const killedAt = Date.now();
      await waitUntil(() => poller !== name && fetches.some((f) => f.at > killedAt), `polling to resume after killing ${name}`, 90_000, { context: describeRun });
      const resumedAfter = (fetches.find((f) => f.at > killedAt) as { at: number }).at - killedAt;
      await start(name);
      return resumedAfter;
    };

    const resumed: number[] = [];
    for (let batch = 0; batch < STORIES / BATCH; batch += 1) {
      release();
      if (batch === 2) {
        // Mid-cycle: while the poller waits for a feed.
        resumed.push(await killPoller(async () => {
          await waitUntil(() => [...inFlight.values()].some((n) => n > 0), 'a fetch under way', 30_000);
          return true;
        }));
      } else if (batch === 5) {
        // Mid-cycle: just after the poller queued posts, before it delivered them.
        resumed.push(await killPoller((bot) => bot.until((line) => line.includes('"queued posts"'))));
      } else if (batch === 7) {
        await pg.stop();
        await sleep(15_000);
        await pg.start();
      } else {
        await sleep(2_000);
      }
    }

    const counts = () => {
      const seen = new Map<string, number>();
      for (const line of printed) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as { event: string; type?: string; story?: { link?: string }; stories?: { link?: string }[] };
        if (event.event !== 'post' || event.type === 'edit') continue;
        for (const link of event.type === 'digest' ? (event.stories ?? []).map((s) => s.link) : [event.story?.link]) {
          if (link) seen.set(link, (seen.get(link) ?? 0) + 1);
        }
      }
      return seen;
    };
    await waitUntil(() => released.every((story) => counts().has(story.link as string)), 'every story to be printed', 180_000, { everyMs: 250, context: describeRun });
    await sleep(5_000); // anything printed twice would show by now
    await Promise.all([...bots.values()].map((bot) => stop(bot, 'SIGTERM')));

    const seen = counts();
    expect(released.filter((story) => seen.get(story.link as string) !== 1).map((story) => `${story.link} ×${seen.get(story.link as string) ?? 0}`)).toEqual([]);
    expect(resumed).toHaveLength(2);
    for (const ms of resumed) expect(ms).toBeLessThan(60_000);
    expect(overlaps).toBe(0);
    expect(crashed).toEqual([]);
    const log = fs.readFileSync(transcript, 'utf8');
    expect(log).toContain('the store cannot be reached');
    expect(log).toContain('the store answers again');
  }, 600_000);
});
