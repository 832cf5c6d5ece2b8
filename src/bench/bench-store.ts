import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedServer } from '../../test/support/feed-server';
import { startFeedServer } from '../../test/support/feed-server';
import type { FeedSource } from '../feeds/types';
import { runInChild } from './bench-child';
import type { PollCycleFigures } from './bench-poll-cycle';
import type { SummaryRow } from './bench-report';
import { formatMb, formatMs, formatRate, formatRatio } from './bench-report';
import type { IndexStartupFigures } from './bench-store-index';
import { benchIndexStartup } from './bench-store-index';
import type { StoreFloorFigures } from './bench-store-floor';
import { median } from './bench-stats';
import type { SyntheticFeedOptions } from './bench-synthetic-feeds';
import { listSyntheticFeeds, partiesForFeeds, renderSyntheticFeed } from './bench-synthetic-feeds';

/**
 * The store on one machine (issue 11). Feeds are served by one loopback server answering on 50
 * addresses (127.0.0.1 … 127.0.0.50, each a host of its own for the per-host limit), bodies made on
 * request, with ETags. Every cycle is main.ts's whole cycle (poll, classify, track, queue, deliver to
 * the console transport) in a child process of its own on the store the previous cycle left, so its
 * peak RSS is that of a bot running it; what it logged is counted (SQLITE_BUSY anywhere, feeds that
 * failed, by reason). Baselines in the same run: the store's floor (bare SQLite inserts), and 500
 * feeds on the same hosts. Then the deal index at start-up with 100,000 deal items (bench-store-index).
 */
export const HOSTS = 50;
export const BIG_FEEDS = 5000;
const BASE_FEEDS = 500;
const CONTENTION_FEEDS = 100;
const ITEMS_PER_FEED = 50;
const NEW_PER_CHANGE = 5;
const STEADY_RUNS = 2;
export const TARGETS = { steadyMs: 60_000, seedMs: 300_000, cycleRssMb: 300, indexReadyMs: 2000, indexRssMb: 250 };

export interface CycleRun extends PollCycleFigures {
  served: { ok: number; notModified: number };
}

export interface FeedScale {
  feeds: number;
  seed: CycleRun;
  /** Cycles with 10% of the feeds changed (every feed changed, for `contention`). */
  changed: CycleRun[];
}

export interface StoreFigures {
  floor: StoreFloorFigures;
  contention: FeedScale;
  base: FeedScale;
  big: FeedScale;
  index: IndexStartupFigures;
}

export async function benchStore(): Promise<StoreFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-store-'));
  const server = await startFeedServer({ hosts: HOSTS });
  try {
    progress('floor: bare SQLite inserts, and the item store');
    const floor = await runInChild<StoreFloorFigures>('store-floor');
    // Each scale's cycles are shown as they are measured: a later phase that fails loses nothing.
    progress(`${CONTENTION_FEEDS} feeds on ${HOSTS} hosts, every one changed in each of 2 cycles`);
    const contention = await feedScale(server, dir, 'contention', CONTENTION_FEEDS, 1, 2);
    progress(`baseline: ${BASE_FEEDS} feeds on ${HOSTS} hosts, seeded, then 10% changed`);
    const base = await feedScale(server, dir, 'base', BASE_FEEDS, 10, STEADY_RUNS);
    progress(`${BIG_FEEDS} feeds on ${HOSTS} hosts, seeded, then 10% changed (the seeding cycle takes minutes)`);
    const big = await feedScale(server, dir, 'big', BIG_FEEDS, 10, STEADY_RUNS);
    progress('the deal index at start-up: 100,000 deal items (preparing the store takes about a minute)');
    const index = await benchIndexStartup(dir);
    return { floor, contention, base, big, index };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeds `count` feeds in one cycle, then runs `runs` cycles in which one feed in `changeEvery` changed. */
async function feedScale(server: FeedServer, dir: string, name: string, count: number, changeEvery: number, runs: number): Promise<FeedScale> {
  const options: SyntheticFeedOptions = {
    feeds: count, itemsPerFeed: ITEMS_PER_FEED, newPerRevision: NEW_PER_CHANGE, origin: new Date(Date.now() - 40 * 3_600_000), parties: partiesForFeeds(count),
  };
  const feeds = listSyntheticFeeds(count);
  const revisions = feeds.map(() => 0);
  for (const feed of feeds) {
    server.route(`/${name}${feed.path}`, (req, res) => {
      const etag = `"${feed.index}-${revisions[feed.index] ?? 0}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      const body = renderSyntheticFeed(feed, revisions[feed.index] ?? 0, options);
      res.writeHead(200, { etag, 'content-type': feed.contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }
  const sources: FeedSource[] = feeds.map((feed, i) => ({ url: server.urlOn(i % HOSTS, `/${name}${feed.path}`), name: feed.name }));
  const databaseUrl = `sqlite://${path.join(dir, name, 'crossover.sqlite')}`;
  const cycle = async (): Promise<CycleRun> => {
    const first = server.requests.length;
    const figures = await runInChild<PollCycleFigures>('poll-cycle', { databaseUrl, feeds: sources, mode: 'full' });
    const statuses = server.requests.slice(first).map((r) => r.status);
    return { ...figures, served: { ok: statuses.filter((s) => s === 200).length, notModified: statuses.filter((s) => s === 304).length } };
  };
  const seed = await cycle();
  const changed: CycleRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    revisions.forEach((_, i) => {
      if (i % changeEvery === run % changeEvery) revisions[i] = (revisions[i] ?? 0) + 1;
    });
    changed.push(await cycle());
  }
  for (const line of scaleLines(`${name}, ${count} feeds:`, { feeds: count, seed, changed })) process.stderr.write(`  ·${line}\n`);
  return { feeds: count, seed, changed };
}

function progress(line: string): void {
  process.stderr.write(`  · store: ${line}\n`);
}

const medianWall = (scale: FeedScale) => median(scale.changed.map((r) => r.wallMs));
const steadyRss = (scale: FeedScale) => Math.max(...scale.changed.map((r) => r.peakRssMb));
const busy = (scale: FeedScale) => [scale.seed, ...scale.changed].reduce((n, r) => n + r.trouble.sqliteBusy, 0);
const failures = (scale: FeedScale) => [scale.seed, ...scale.changed].reduce((n, r) => n + Object.values(r.trouble.feedFailures).reduce((a, b) => a + b, 0), 0);

function runLine(label: string, r: CycleRun): string {
  const failed = Object.entries(r.trouble.feedFailures).map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
  return `    ${label.padEnd(14)} ${formatMs(r.wallMs).padStart(8)} (CPU ${formatMs(r.cpuMs)}, load ${r.load1.toFixed(1)})  peak RSS ${formatMb(r.peakRssMb).padStart(6)}  served ${r.served.ok}×200 ${r.served.notModified}×304; ` +
    `new items ${r.summary.newItems}, posts ${r.posts}; SQLITE_BUSY ${r.trouble.sqliteBusy}, failed feeds ${failed}, error lines ${r.trouble.errors}`;
}

function scaleLines(title: string, scale: FeedScale): string[] {
  return [`  ${title}`, runLine('seeding cycle', scale.seed), ...scale.changed.map((r, i) => runLine(`cycle ${i + 1}`, r))];
}

function startLine(label: string, s: IndexStartupFigures['empty']): string {
  return `    ${label.padEnd(30)} connected ${formatMs(s.readyMs).padStart(8)}, index ready ${formatMs(s.indexReadyMs).padStart(8)}, ` +
    `first /deal status answered ${s.firstAnswerMs === undefined ? '?' : formatMs(s.firstAnswerMs)}; peak RSS ${s.peakRssMb === undefined ? '?' : formatMb(s.peakRssMb)}`;
}

export function formatStoreBench(f: StoreFigures): string[] {
  const { floor, index } = f;
  return [
    'The store on one machine (issue 11): one SQLite connection, its writer queue, feeds on 50 loopback hosts',
    `  floor: bare SQLite, ${floor.items.toLocaleString('en')} rows in transactions of 500: ${formatRate(floor.bareRowsPerSec, 'rows/s')}; ` +
      `the item store (50 items a call, 8 in flight; ${floor.storeRowsPerItem.toFixed(1)} rows an item): ${formatRate(floor.storeItemsPerSec, 'items/s')} ` +
      `(${formatRatio(floor.storeItemsPerSec / floor.bareRowsPerSec)} of the floor), ${Math.round(floor.storeBytesPerItem)} bytes an item on disk`,
    ...scaleLines(`${f.contention.feeds} feeds, every one changed (the contention of issue 11):`, f.contention),
    ...scaleLines(`baseline: ${f.base.feeds} feeds, 10% changed:`, f.base),
    ...scaleLines(`${f.big.feeds.toLocaleString('en')} feeds, 10% changed (targets: steady < ${formatMs(TARGETS.steadyMs)}, seeding < ${formatMs(TARGETS.seedMs)}, peak RSS < ${TARGETS.cycleRssMb} MB):`, f.big),
    `    ${f.big.feeds.toLocaleString('en')} / ${f.base.feeds} feeds: steady cycle ${formatRatio(medianWall(f.big) / medianWall(f.base))}, seeding ${formatRatio(f.big.seed.wallMs / f.base.seed.wallMs)}`,
    `  deal index at start-up, ${index.items.toLocaleString('en')} deal items (${index.deals.toLocaleString('en')} deals, ${index.stories.toLocaleString('en')} stories) (targets: answered < ${formatMs(TARGETS.indexReadyMs)}, peak RSS < ${TARGETS.indexRssMb} MB):`,
    startLine('baseline: empty store', index.empty),
    startLine('no snapshot (every record)', index.fullLoad),
    ...index.fromSnapshot.map((s, i) => startLine(`from the snapshot (${i + 1})`, s)),
  ];
}

export function summarizeStoreBench(f: StoreFigures): SummaryRow[] {
  const big = f.big;
  const snapshotReady = median(f.index.fromSnapshot.map((s) => s.firstAnswerMs ?? Number.POSITIVE_INFINITY));
  const snapshotRss = median(f.index.fromSnapshot.map((s) => s.peakRssMb ?? Number.POSITIVE_INFINITY));
  return [
    {
      figure: 'Item store write rate (50 items a call)',
      value: formatRate(f.floor.storeItemsPerSec, 'items/s'),
      target: '',
      baseline: `bare SQLite ${formatRate(f.floor.bareRowsPerSec, 'rows/s')}`,
    },
    {
      figure: `${f.contention.feeds} feeds on ${HOSTS} hosts, all changed`,
      value: `${formatMs(medianWall(f.contention))}, ${busy(f.contention)} SQLITE_BUSY, ${failures(f.contention)} failed`,
      target: '0 SQLITE_BUSY, 0 failed',
      baseline: `seeding ${formatMs(f.contention.seed.wallMs)}`,
      met: busy(f.contention) === 0 && failures(f.contention) === 0,
    },
    {
      figure: `${big.feeds.toLocaleString('en')} feeds, steady cycle (10% changed)`,
      value: `${formatMs(medianWall(big))}, peak RSS ${formatMb(steadyRss(big))}`,
      target: `< ${formatMs(TARGETS.steadyMs)}, < ${TARGETS.cycleRssMb} MB`,
      baseline: `${f.base.feeds} feeds ${formatMs(medianWall(f.base))}`,
      met: medianWall(big) < TARGETS.steadyMs && steadyRss(big) < TARGETS.cycleRssMb,
    },
    {
      figure: `${big.feeds.toLocaleString('en')} feeds, seeding cycle`,
      value: `${formatMs(big.seed.wallMs)} (CPU ${formatMs(big.seed.cpuMs)}), peak RSS ${formatMb(big.seed.peakRssMb)}, ${busy(big)} SQLITE_BUSY, ${failures(big)} failed`,
      target: `< ${formatMs(TARGETS.seedMs)}, < ${TARGETS.cycleRssMb} MB, 0 and 0`,
      baseline: `${f.base.feeds} feeds ${formatMs(f.base.seed.wallMs)}, ${formatMb(f.base.seed.peakRssMb)}`,
      met: big.seed.wallMs < TARGETS.seedMs && big.seed.peakRssMb < TARGETS.cycleRssMb && busy(big) === 0 && failures(big) === 0,
    },
    {
      figure: `Deal index, ${f.index.items.toLocaleString('en')} deal items: start → command answered`,
      value: `${formatMs(snapshotReady)}, peak RSS ${formatMb(snapshotRss)}`,
      target: `< ${formatMs(TARGETS.indexReadyMs)}, < ${TARGETS.indexRssMb} MB`,
      baseline: `empty store ${formatMs(f.index.empty.firstAnswerMs ?? Number.NaN)}, ${formatMb(f.index.empty.peakRssMb ?? Number.NaN)}; no snapshot ${formatMs(f.index.fullLoad.firstAnswerMs ?? Number.NaN)}`,
      met: snapshotReady < TARGETS.indexReadyMs && snapshotRss < TARGETS.indexRssMb,
    },
  ];
}
