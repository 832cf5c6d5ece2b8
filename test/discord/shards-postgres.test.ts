/**
 * Two real bot processes (node dist/src/main.js), one gateway shard each (SHARD_COUNT=2,
 * SHARD_IDS=0 and 1), sharing one Postgres store, against the Discord emulator: each server's
 * commands are answered by the process holding its shard; each process answers about deals the
 * other one tracked; every story reaches each subscribed channel exactly once, though the process
 * that polls is killed with SIGKILL just after it queued posts, and started again.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import type { RunningBot } from '../support/bot-process';
import { startBot } from '../support/bot-process';
import { buildApp } from '../support/built-app';
import { dealStories } from '../support/deal-stories';
import type { DiscordEmulator } from '../support/discord-emulator';
import { createDefaultFixtures, guildIdOnShard, startDiscordEmulator } from '../support/discord-emulator';
import { sentByShard } from '../support/discord-emulator/shard-events';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import type { PostgresServer } from '../support/postgres';
import { startPostgres } from '../support/postgres';
import type { TestEntry } from '../support/rss';
import { buildRss } from '../support/rss';
import { makeTempDir } from '../support/temp-dir';
import { sleep, waitUntil } from '../support/wait-until';


describe('two processes, one shard each, one Postgres store', () => {
  let pg: PostgresServer;
  let feeds: FeedServer;
  let emulator: DiscordEmulator;
  const temp = makeTempDir('crossover-shards-pg-');
  const children = new Set<ChildProcess>();
  beforeAll(async () => {
    const guilds = createDefaultFixtures(['A', 'B']).map((guild, i) => ({ ...guild, id: guildIdOnShard(i, 2, i) }));
    [pg, feeds, emulator] = await Promise.all([startPostgres(), startFeedServer(), startDiscordEmulator({ guilds, sharding: { maxConcurrency: 2 } }), buildApp()]).then(
      ([p, f, e]) => [p, f, e] as const,
    );
  }, 180_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await emulator?.close();
    await feeds?.close();
    await pg?.close();
    temp.cleanup();
  });

  it('answers each server from its own shard and posts every story once per channel through a SIGKILL of the poller', async () => {
    const entries: TestEntry[] = [{ guid: 'old', title: 'Chart news of the week', published: 30 }];
    feeds.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(buildRss(entries, { title: 'Music Business Daily' }));
    });
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Music Business Daily', url: feeds.url('/feed.xml') }]));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: await pg.createDatabase('bot'),
      FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '*/2 * * * * *', LOG_LEVEL: 'debug', SHARD_COUNT: '2',
    };
    await deployCommands(loadConfig(env));
    const [A, B] = [emulator.guild('A'), emulator.guild('B')];
    const transcript = path.join(temp.dir, 'transcript.log');
    const bots = new Map<string, RunningBot>();
    let poller: string | undefined;
    const start = async (shard: string) => {
      const bot = await startBot({ ...env, SHARD_IDS: shard }, 'discord', children, [], (line) => {
        fs.appendFileSync(transcript, `[${shard}] ${line}\n`);
        if (line.includes('this process polls now')) poller = shard;
      });
      bots.set(shard, bot);
      const firstCycle = bot.until((line) => line.includes('"poll cycle finished"'));
      expect(await bot.until((line) => line.includes('"Crossover starting"'))).toBe(true);
      return { bot, firstCycle };
    };
    // Shard 0's process starts first, polls and seeds the feed (nothing old is news).
    expect(await (await start('0')).firstCycle).toBe(true);
    await start('1');
    const command = (guild: typeof A, name: string, options: Record<string, string> = {}, subcommand?: string) =>
      emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member('admin').id, name, options, subcommand }).reply();

    for (const guild of [A, B]) expect(JSON.stringify(await command(guild, 'subscribe', { channel: guild.channel('news').id }))).toContain('will get deal news');
    expect(sentByShard(emulator, 'INTERACTION_CREATE')).toEqual(new Map([['0/2', [A.id]], ['1/2', [B.id]]]));

    const stories: TestEntry[] = [];
    const release = (count: number) => {
      const batch = dealStories(count, { from: stories.length, prefix: 'sharded' });
      entries.unshift(...batch);
      stories.push(...batch);
    };
    const channels = [A.channel('news').id, B.channel('news').id];
    const counts = () => {
      const seen = new Map<string, number>();
      for (const channel of channels) {
        for (const message of emulator.messages(channel)) {
          const embed = message.embeds[0] as { title?: string; url?: string; description?: string } | undefined;
          const links = /more deal stor/.test(embed?.title ?? '') ? [...(embed?.description ?? '').matchAll(/\]\((https:\/\/news\.example\/[^)]+)\)/g)].map((m) => m[1]) : [embed?.url];
          for (const link of links) if (link) seen.set(`${channel} ${link}`, (seen.get(`${channel} ${link}`) ?? 0) + 1);
        }
      }
      return seen;
    };
    const delivered = () => channels.every((channel) => stories.every((story) => counts().has(`${channel} ${story.link}`)));
    const lastLines = () => fs.readFileSync(transcript, 'utf8').split('\n').slice(-40).join('\n');
    const waitFor = (check: () => boolean, what: string, timeoutMs: number) => waitUntil(check, what, timeoutMs, { everyMs: 200, context: lastLines });

    release(10);
    await waitFor(delivered, 'the first stories', 60_000);
    // The process that does not poll answers about the deals the poller tracked.
    const other = poller === '0' ? B : A;
    const knowsTheStories = (answer: string) => stories.some((story) => answer.includes(story.link as string));
    const latest = async () => JSON.stringify(await command(other, 'news', {}, 'latest'));
    let answer = await latest();
    for (let tries = 0; !knowsTheStories(answer) && tries < 20; tries += 1) {
      await sleep(500);
      answer = await latest();
    }
    expect(knowsTheStories(answer)).toBe(true);

    // The poller dies just after it queued a batch's posts; the other process takes over.
    const victim = poller as string;
    const queued = (bots.get(victim) as RunningBot).until((line) => line.includes('"queued posts"'));
    release(15);
    expect(await queued).toBe(true);
    await (bots.get(victim) as RunningBot).stop('SIGKILL');
    await waitFor(() => poller !== victim, 'another process to poll', 90_000);
    await start(victim);
    release(15);
    await waitFor(delivered, 'every story', 120_000);
    await sleep(3_000);

    const seen = counts();
    expect(channels.flatMap((channel) => stories.filter((s) => seen.get(`${channel} ${s.link}`) !== 1).map((s) => `${channel} ${s.link} ×${seen.get(`${channel} ${s.link}`) ?? 0}`))).toEqual([]);
    // After the restart each server is still answered by its own shard's process.
    const [first] = stories as [TestEntry];
    const parties = first.title.replace(/ sign .*$/, '').split(' and ').join(' ');
    for (const guild of [A, B]) expect(JSON.stringify(await command(guild, 'deal', { deal: parties }, 'status'))).toContain(first.link as string);
    const byShard = sentByShard(emulator, 'INTERACTION_CREATE');
    expect(new Set(byShard.get('0/2'))).toEqual(new Set([A.id]));
    expect(new Set(byShard.get('1/2'))).toEqual(new Set([B.id]));
    await Promise.all([...bots.values()].map((bot) => bot.stop('SIGTERM')));
    emulator.assertNoViolations();
  }, 400_000);
});
