import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import readline from 'node:readline';
import { REST, Routes } from 'discord.js';
import type { DiscordEmulator, GuildFixture } from '../../test/support/discord-emulator';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, startDiscordEmulator } from '../../test/support/discord-emulator';
import { startFeedServer } from '../../test/support/feed-server';
import { buildRss } from '../../test/support/rss';
import { createSilentLogger } from '../logger';
import { namespaceRecords, openKeyvFactory } from '../store/open-keyv';
import { createSubscriptionStore } from '../posts/subscription-store';
import type { SummaryRow } from './bench-report';
import { formatMs, formatRatio } from './bench-report';
import { median } from './bench-stats';

/**
 * Delivery fan-out (issue 8): one new deal story for 1,000 channels in 1,000 servers, delivered by the
 * real bot (`node dist/src/main.js`, spawned) through the local Discord API emulator with Discord's
 * limits on (50 requests per second per bot, as a sliding window; 5 messages per 5 s per channel).
 * The floor is physical: 1,000 requests at 50 per second take 20 s. Measured:
 *   fan-out   from the bot logging "queued posts" to the 1,000th message, and the 429s the emulator
 *             had to give (any is the bot's own pacing's fault), median of a few runs;
 *   blocked   the same with one channel answering every post with a 429 for 10 minutes: the other
 *             999 within the same bound, polling on schedule (a cycle every second meanwhile), the
 *             blocked channel asked once;
 *   baseline  a bare discord.js REST client posting the same 1,000 messages, 16 at a time, paced by
 *             discord.js's own limiter only: what Discord's headers alone give.
 */
export const CHANNELS = 1000;
export const FLOOR_MS = (CHANNELS / 50) * 1000;
export const TARGET_RATIO = 1.25;
const RUNS = 3;
const MAIN = path.resolve(__dirname, '../main.js');

export interface FanOutRun {
  /** "queued posts" logged → every expected message created. */
  deliverMs: number;
  /** First post request → last one, at the emulator. */
  spanMs: number;
  delivered: number;
  /** 429s the emulator gave on its own (buckets, global limit): the bot's pacing's doing. */
  ownLimits: number;
  /** Of those, over the global limit. */
  globalLimits: number;
  /** Poll cycles finished while delivering, and the seconds that took (one cycle per second is on schedule). */
  cycles: number;
  /** The emulator's longest event-loop stall while the posts arrived (a stall bunches arrivals). */
  emulatorStallMs: number;
  /** Requests the blocked channel got. */
  blockedRequests?: number;
}

export interface DeliveryFigures {
  runs: FanOutRun[];
  blocked: FanOutRun;
  baseline: { spanMs: number; limited: number };
}

export async function benchDelivery(): Promise<DeliveryFigures> {
  const runs: FanOutRun[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await fanOut(false));
  const blocked = await fanOut(true);
  const baseline = await bareClientBaseline();
  return { runs, blocked, baseline };
}

function guildFixtures(): GuildFixture[] {
  return Array.from({ length: CHANNELS }, (_, i) => ({
    key: `G${i}`, name: `Server ${i}`, owner: 'owner', everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS, botPermissions: DEFAULT_BOT_PERMISSIONS,
    channels: [{ key: 'news', name: 'music-news' }], members: [{ key: 'owner', username: `owner-${i}` }],
  }));
}

async function fanOut(blockOne: boolean): Promise<FanOutRun> {
  const emulator = await startDiscordEmulator({ guilds: guildFixtures() });
  const feeds = await startFeedServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-fanout-'));
  try {
    const story = {
      guid: 'fan-out', title: 'Spotify and Deezer sign multi-year licensing agreement',
      description: 'Spotify and Deezer have signed a multi-year licensing agreement, the companies announced.',
      link: 'https://news.example/fan-out', published: 1,
    };
    const old = { guid: 'old', title: 'Chart news of the week', published: 30 };
    feeds.route('/feed.xml', { body: buildRss([old]) });
    const feedsFile = path.join(dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Music Business Daily', url: feeds.url('/feed.xml') }]));
    const databaseUrl = `sqlite://${path.join(dir, 'bot.sqlite')}`;
    const channels = await subscribeAll(emulator, databaseUrl);
    const blockedChannel = blockOne ? channels[0] : undefined;
    if (blockedChannel) {
      emulator.failNext({ method: 'POST', route: `/channels/${blockedChannel}/messages`, status: 429, retryAfter: 600, times: Number.POSITIVE_INFINITY });
    }
    const bot = spawnBot(emulator, databaseUrl, feedsFile, dir);
    // The emulator shares the machine: a stall of its own bunches what arrives (its clock, not the bot's pacing).
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    try {
      await bot.waitFor('poll cycle finished', 120_000); // seeded
      feeds.route('/feed.xml', { body: buildRss([story, old]) });
      const queuedAt = (await bot.waitFor('queued posts', 60_000)).time;
      stalls.enable();
      const expected = CHANNELS - (blockedChannel ? 1 : 0);
      const posts = () => emulator.requestsTo('POST', '/channels/:id/messages').filter((r) => r.status === 200);
      await emulator.waitFor(() => posts().length >= expected, 180_000, `${expected} posts`);
      const doneAt = Date.now();
      stalls.disable();
      const all = emulator.requestsTo('POST', '/channels/:id/messages');
      const cycles = bot.lines.filter((l) => l.msg === 'poll cycle finished' && typeof l.time === 'number' && l.time >= queuedAt && l.time <= doneAt).length;
      return {
        deliverMs: doneAt - queuedAt,
        spanMs: (all.at(-1)?.at ?? 0) - (all[0]?.at ?? 0),
        delivered: posts().length,
        ownLimits: emulator.requests.filter((r) => r.status === 429 && (r.injected === 'bucket' || r.injected === 'global')).length,
        globalLimits: emulator.requests.filter((r) => r.status === 429 && r.injected === 'global').length,
        cycles,
        emulatorStallMs: stalls.max / 1e6,
        blockedRequests: blockedChannel ? emulator.requestsTo('POST', `/channels/${blockedChannel}/messages`).length : undefined,
      };
    } finally {
      stalls.disable();
      await bot.stop();
    }
  } finally {
    await emulator.close();
    await feeds.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function subscribeAll(emulator: DiscordEmulator, databaseUrl: string): Promise<string[]> {
  const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
  const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
  const channels: string[] = [];
  for (let i = 0; i < CHANNELS; i += 1) {
    const guild = emulator.guild(`G${i}`);
    const channelId = guild.channel('news').id;
    channels.push(channelId);
    await subscriptions.upsert({
      guildId: guild.id, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
      createdAt: new Date().toISOString(), createdBy: 'bench',
    });
  }
  await keyv.close();
  return channels;
}

interface LogLine {
  msg?: string;
  time?: number;
}

function spawnBot(emulator: DiscordEmulator, databaseUrl: string, feedsFile: string, cwd: string) {
  const env = {
    PATH: process.env.PATH ?? '', DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl,
    FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '* * * * * *', LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, [MAIN], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: LogLine[] = [];
  const waiters = new Set<{ msg: string; resolve: (line: LogLine & { time: number }) => void }>();
  readline.createInterface({ input: child.stderr }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (line.msg === waiter.msg) {
        waiters.delete(waiter);
        waiter.resolve({ ...line, time: line.time ?? Date.now() });
      }
    }
  });
  return {
    lines,
    waitFor(msg: string, timeoutMs: number): Promise<LogLine & { time: number }> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bot did not log "${msg}" within ${timeoutMs / 1000} s`)), timeoutMs);
        waiters.add({ msg, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The same 1,000 posts from a bare discord.js REST client, 16 at a time, with only its own limiter. */
async function bareClientBaseline(): Promise<{ spanMs: number; limited: number }> {
  const emulator = await startDiscordEmulator({ guilds: guildFixtures() });
  try {
    const rest = new REST({ api: emulator.apiBase }).setToken(emulator.token);
    const channels = Array.from({ length: CHANNELS }, (_, i) => emulator.guild(`G${i}`).channel('news').id);
    let next = 0;
    const worker = async () => {
      while (next < channels.length) {
        const channelId = channels[next++] as string;
        await rest.post(Routes.channelMessages(channelId), { body: { content: 'Spotify and Deezer sign multi-year licensing agreement' } });
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const posts = emulator.requestsTo('POST', '/channels/:id/messages');
    return { spanMs: (posts.at(-1)?.at ?? 0) - (posts[0]?.at ?? 0), limited: posts.filter((r) => r.status === 429).length };
  } finally {
    await emulator.close();
  }
}

export function formatDeliveryBench(f: DeliveryFigures): string[] {
  const run = (r: FanOutRun) =>
    `${formatMs(r.deliverMs)} (${formatRatio(r.deliverMs / FLOOR_MS)} the floor; first→last post ${formatMs(r.spanMs)}), ${r.delivered} posts, ${r.ownLimits} own 429s (${r.globalLimits} global; the emulator's longest stall ${formatMs(r.emulatorStallMs)}), ${r.cycles} poll cycles meanwhile`;
  return [
    `Fan-out: one story to ${CHANNELS.toLocaleString('en')} channels in ${CHANNELS.toLocaleString('en')} servers; floor ${formatMs(FLOOR_MS)} (50 requests/s)`,
    ...f.runs.map((r, i) => `  run ${i + 1}: ${run(r)}`),
    `  median: ${formatMs(median(f.runs.map((r) => r.deliverMs)))} (${formatRatio(median(f.runs.map((r) => r.deliverMs)) / FLOOR_MS)} the floor; target ≤ ${formatRatio(TARGET_RATIO)})`,
    `One channel answering 429 for 10 minutes: the other ${CHANNELS - 1} in ${run(f.blocked)}; the blocked channel was asked ${f.blocked.blockedRequests} time(s)`,
    `Baseline, a bare discord.js REST client (16 at a time, its own limiter only): first→last post ${formatMs(f.baseline.spanMs)}, ${f.baseline.limited} posts answered 429`,
  ];
}

export function summarizeDeliveryBench(f: DeliveryFigures): SummaryRow[] {
  const deliver = median(f.runs.map((r) => r.deliverMs));
  const own = f.runs.reduce((sum, r) => sum + r.ownLimits, 0);
  const seconds = (r: FanOutRun) => Math.max(1, Math.floor(r.deliverMs / 1000));
  const baseline = `floor ${formatMs(FLOOR_MS)}; bare discord.js ${formatMs(f.baseline.spanMs)}, ${f.baseline.limited} × 429`;
  return [
    { figure: 'fan-out, 1 story → 1,000 channels, median', value: `${formatMs(deliver)} (${formatRatio(deliver / FLOOR_MS)} floor)`, target: `≤ ${formatRatio(TARGET_RATIO)} floor`, baseline, met: deliver <= FLOOR_MS * TARGET_RATIO },
    { figure: "fan-out, 429s from the bot's own pacing", value: String(own), target: '0', baseline: `bare discord.js: ${f.baseline.limited}`, met: own === 0 },
    {
      figure: 'fan-out with one channel 429 for 10 min', value: `${formatMs(f.blocked.deliverMs)} (${formatRatio(f.blocked.deliverMs / FLOOR_MS)} floor), ${f.blocked.cycles}/${seconds(f.blocked)} poll cycles`,
      target: `≤ ${formatRatio(TARGET_RATIO)} floor, polls on schedule`, baseline: `floor ${formatMs(FLOOR_MS)}`,
      met: f.blocked.deliverMs <= FLOOR_MS * TARGET_RATIO && f.blocked.cycles >= seconds(f.blocked) - 2 && f.blocked.ownLimits === 0,
    },
  ];
}
