import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createSilentLogger } from '../../src/logger';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { createSeededRandom } from '../../src/shared/seeded-random';
import type { RunningBot } from './bot-process';
import { startBot } from './bot-process';
import { dealStories } from './deal-stories';
import type { DiscordEmulator } from './discord-emulator';
import { startDiscordEmulator } from './discord-emulator';
import { startFeedServer } from './feed-server';
import type { TestEntry } from './rss';
import { buildRss } from './rss';
import { makeTempDir } from './temp-dir';

/**
 * Crash trials: the real bot (`node dist/src/main.js`, built beforehand) is started again and again
 * on one SQLite file and killed with SIGKILL at chosen instants (a random moment; as a batch of posts
 * is queued; as posts are folded into a digest; while Discord holds its answer to a send, before or
 * after creating the message; just after a post was printed), while batches of new deal stories
 * keep arriving. Then it runs undisturbed until every story is out, and every post is counted:
 * each story must appear in each channel exactly once, as a post of its own or named in a digest.
 */
export interface CrashTrialOptions {
  mode: 'discord' | 'console';
  kills: number;
  seed?: number;
  /** Discord mode: how long the emulator honours a nonce (short, so that restarts outlive it). */
  nonceWindowMs?: number;
  log?: (line: string) => void;
  /** Appends every line the bot processes wrote (stdout and stderr) to this file, for a post-mortem. */
  transcript?: string;
}

export interface CrashReport {
  mode: 'discord' | 'console';
  kills: number;
  /** How many kills hit each kind of instant. */
  points: Record<string, number>;
  stories: number;
  channels: number;
  /** Stories each channel should have, and the posts counted. */
  expected: number;
  delivered: number;
  lost: string[];
  twice: string[];
  digests: number;
}

type KillPoint = 'random' | 'queued' | 'folded' | 'send-held' | 'send-created' | 'printed';

export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashReport> {
  const random = createSeededRandom(options.seed ?? 8);
  const log = options.log ?? (() => undefined);
  const temp = makeTempDir('crossover-crash-');
  const feeds = await startFeedServer();
  const emulator = options.mode === 'discord' ? await startDiscordEmulator({ nonceWindowMs: options.nonceWindowMs ?? 1000 }) : undefined;
  const children = new Set<ChildProcess>();
  try {
    const feedEntries: TestEntry[][] = [[{ guid: 'old-0', title: 'Chart news of the week', published: 30 }], [{ guid: 'old-1', title: 'Tour dates', published: 30 }]];
    const publish = () => feedEntries.forEach((entries, i) => feeds.route(`/feed-${i}.xml`, { body: buildRss(entries, { title: `Outlet ${i}` }) }));
    publish();
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify(feedEntries.map((_, i) => ({ name: `Outlet ${i}`, url: feeds.url(`/feed-${i}.xml`) }))));
    const databaseUrl = `sqlite://${path.join(temp.dir, 'bot.sqlite')}`;
    const channels = emulator ? [emulator.guild('A').channel('news').id, emulator.guild('B').channel('news').id] : ['console'];
    if (emulator) await subscribe(databaseUrl, emulator);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, DATABASE_URL: databaseUrl, FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true',
      POLL_CRON: '* * * * * *', LOG_LEVEL: 'debug',
      ...(emulator ? { DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase } : {}),
    };
    const printed: string[] = [];
    let run = 0;
    const start = () => {
      run += 1;
      return startBot(env, options.mode, children, printed, options.transcript ? (line) => fs.appendFileSync(options.transcript as string, `[${run}] ${line}\n`) : undefined);
    };

    // The feeds' first poll seeds them: nothing from before is news.
    const seeding = await start();
    await seeding.until((line) => line.includes('"poll cycle finished"'));
    await seeding.stop('SIGTERM');

    const released: TestEntry[] = [];
    const points: Record<string, number> = {};
    const kinds: KillPoint[] = options.mode === 'discord' ? ['random', 'queued', 'folded', 'send-held', 'send-created'] : ['random', 'queued', 'folded', 'printed'];
    for (let kill = 0; kill < options.kills; kill += 1) {
      const size = released.length < 540 && (kill === 0 || random() < 0.6) ? 1 + Math.floor(random() * 11) : 0;
      if (size > 0) {
        const batch = dealStories(size, { from: released.length, prefix: 'crash' });
        for (const story of batch) (feedEntries[random() < 0.5 ? 0 : 1] as TestEntry[]).unshift(story);
        released.push(...batch);
        publish();
      }
      // Queueing and folding are only waited for when this trial has news that would make them.
      const possible = kinds.filter((k) => (k !== 'queued' || size > 0) && (k !== 'folded' || size > 5));
      const point = possible[Math.floor(random() * possible.length)] as KillPoint;
      points[point] = (points[point] ?? 0) + 1;
      if (emulator && (point === 'send-held' || point === 'send-created')) {
        emulator.failNext({ method: 'POST', route: '/channels/:id/messages', status: 500, delayMs: 30_000, afterHandling: point === 'send-created' });
      }
      const bot = await start();
      const deadline = Date.now() + 6000;
      const waited = await Promise.race([
        killPoint(point, bot, emulator, random),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))),
      ]);
      await bot.stop('SIGKILL');
      emulator?.clearFaults();
      log(`kill ${kill + 1}/${options.kills} (run ${run}) at ${point}${waited ? '' : ' (timed out waiting, killed anyway)'}; ${released.length} stories released`);
    }

    // Undisturbed until every story is out (and a little longer, to see anything sent twice).
    const last = await start();
    const count = () => countPosts(options.mode, channels, emulator, printed);
    const done = () => channels.every((c) => released.every((s) => (count().get(`${c} ${s.link}`) ?? 0) >= 1));
    for (let waited = 0; !done() && waited < 120_000; waited += 250) await sleep(250);
    await sleep(3000);
    await last.stop('SIGTERM');

    const counts = count();
    const lost: string[] = [];
    const twice: string[] = [];
    for (const channel of channels) {
      for (const story of released) {
        const n = counts.get(`${channel} ${story.link}`) ?? 0;
        if (n === 0) lost.push(`${channel} ${story.link}`);
        if (n > 1) twice.push(`${channel} ${story.link} ×${n}`);
      }
    }
    return {
      mode: options.mode, kills: options.kills, points, stories: released.length, channels: channels.length,
      expected: released.length * channels.length, delivered: [...counts.values()].reduce((a, b) => a + b, 0),
      lost, twice, digests: counts.get('digests') ?? 0,
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await emulator?.close();
    await feeds.close();
    temp.cleanup();
  }
}

async function subscribe(databaseUrl: string, emulator: DiscordEmulator): Promise<void> {
  const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
  const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
  for (const guild of [emulator.guild('A'), emulator.guild('B')]) {
    await subscriptions.upsert({
      guildId: guild.id, channelId: guild.channel('news').id, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
      createdAt: new Date().toISOString(), createdBy: 'test',
    });
  }
  await keyv.close();
}

async function killPoint(point: KillPoint, bot: RunningBot, emulator: DiscordEmulator | undefined, random: () => number): Promise<boolean> {
  switch (point) {
    case 'random':
      await sleep(200 + random() * 2800);
      return true;
    case 'queued':
      return bot.until((line) => line.includes('"queued posts"'));
    case 'folded':
      return bot.until((line) => line.includes('"folded posts into digests"'));
    case 'printed': {
      const nth = 1 + Math.floor(random() * 4);
      let seen = 0;
      return bot.until((line) => line.startsWith('{"event":"post"') && (seen += 1) >= nth);
    }
    case 'send-held':
    case 'send-created':
      // The fault is taken when a send reaches Discord; the bot is killed while the answer is held.
      if (!emulator) return false;
      await emulator.waitFor(() => emulator.pendingFaults().length === 0, 8000, 'a send to reach Discord').catch(() => undefined);
      return emulator.pendingFaults().length === 0;
  }
}

/** `${channel} ${link}` → how many times the story went out there (posts and digest lines), and 'digests'. */
function countPosts(mode: 'discord' | 'console', channels: string[], emulator: DiscordEmulator | undefined, printed: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (mode === 'discord' && emulator) {
    for (const channel of channels) {
      for (const message of emulator.messages(channel)) {
        const embed = message.embeds[0] as { title?: string; url?: string; description?: string } | undefined;
        if (!embed) continue;
        if (/more deal stor/.test(embed.title ?? '')) {
          add('digests');
          for (const match of (embed.description ?? '').matchAll(/\]\((https:\/\/news\.example\/[^)]+)\)/g)) add(`${channel} ${match[1]}`);
        } else if (embed.url) add(`${channel} ${embed.url}`);
      }
    }
    return counts;
  }
  for (const line of printed) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { event: string; type?: string; story?: { link?: string }; stories?: { link?: string }[] };
    if (event.event !== 'post') continue;
    if (event.type === 'digest') {
      add('digests');
      for (const story of event.stories ?? []) add(`console ${story.link}`);
    } else if (event.type !== 'edit' && event.story?.link) add(`console ${event.story.link}`);
  }
  return counts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
