import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedSource } from '../feeds/types';
import { POLL_DEFAULTS } from '../app';
import { startFeedServer } from '../../test/support/feed-server';
import { runInChild } from './bench-child';
import type { PollCycleFigures, PollCycleMode } from './bench-poll-cycle';
import type { SummaryRow } from './bench-report';
import { formatMb, formatMs, formatRatio } from './bench-report';
import { median } from './bench-stats';
import type { SyntheticFeedOptions } from './bench-synthetic-feeds';
import { listSyntheticFeeds, renderSyntheticFeed } from './bench-synthetic-feeds';

/**
 * One poll cycle of 500 feeds on a loopback server (issue 2): a real HTTP server on 127.0.0.1 (the
 * test feed server) serves 500 synthetic feeds × 50 items with ETags. A first cycle polls them all and
 * seeds the store (validators kept); then, before each measured cycle, 10% of the feeds get 5 new
 * items and a new ETag, and the rest answer 304. Each cycle runs in a fresh child process on the same
 * SQLite file, as a restarted bot would, so its peak RSS is that of one bot process running one cycle.
 * Two pipelines, each measured three times (a different 10% changed each time), medians reported:
 * the poller alone (runPollCycle) and main.ts's whole cycle runner (classify, track, queue, deliver).
 * Both run without jitter; one more whole cycle runs with the jitter main.ts ships, to show its cost.
 * The first cycle is also run once through the whole pipeline on an empty store: a fresh install
 * posts nothing but classifies and tracks every item it finds (the backlog).
 */
export const POLL_FEEDS = 500;
export const POLL_ITEMS_PER_FEED = 50;
const NEW_PER_CHANGE = 5;
const CHANGED_SHARE = 10; // one feed in ten
const RUNS = 3;
export const POLL_TARGET_MS = 10_000;
export const POLL_TARGET_RSS_MB = 200;

export interface PollModeFigures {
  mode: 'bare' | 'full';
  runs: (PollCycleFigures & { served: ServedCounts })[];
  medianWallMs: number;
  medianPeakRssMb: number;
  medianRssBeforeMb: number;
}

export interface ServedCounts {
  ok: number;
  notModified: number;
  other: number;
}

export interface PollFigures {
  feeds: number;
  itemsPerFeed: number;
  changedPerCycle: number;
  newItemsPerChangedFeed: number;
  seed: PollCycleFigures & { served: ServedCounts };
  /** The first cycle through main.ts's whole cycle runner: every item classified and tracked as backlog. */
  firstFull: PollCycleFigures & { served: ServedCounts };
  bare: PollModeFigures;
  full: PollModeFigures;
  /** One whole cycle with the jitter main.ts ships (slept inside the per-host slot). */
  shipped: PollCycleFigures & { served: ServedCounts };
  settings: { concurrency: number; perHostConcurrency: number; jitterMs: number; shippedJitterMs: number };
}

export async function benchPoll(): Promise<PollFigures> {
  const options: SyntheticFeedOptions = {
    feeds: POLL_FEEDS,
    itemsPerFeed: POLL_ITEMS_PER_FEED,
    newPerRevision: NEW_PER_CHANGE,
    origin: new Date(Date.now() - 40 * 3_600_000),
  };
  const feeds = listSyntheticFeeds(POLL_FEEDS);
  const revisions = feeds.map(() => 0);
  const server = await startFeedServer();
  const serve = (i: number): void => {
    const feed = feeds[i];
    if (!feed) return;
    const revision = revisions[i] ?? 0;
    server.route(feed.path, { body: renderSyntheticFeed(feed, revision, options), etag: `"${i}-${revision}"`, contentType: feed.contentType });
  };
  feeds.forEach((_, i) => serve(i));
  const sources: FeedSource[] = feeds.map((feed) => ({ url: server.url(feed.path), name: feed.name }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-poll-'));
  const database = (name: string) => `sqlite://${path.join(dir, name, 'crossover.sqlite')}`;

  const cycle = async (databaseUrl: string, mode: PollCycleMode) => {
    const first = server.requests.length;
    const figures = await runInChild<PollCycleFigures>('poll-cycle', { databaseUrl, feeds: sources, mode });
    const statuses = server.requests.slice(first).map((r) => r.status);
    const served = { ok: statuses.filter((s) => s === 200).length, notModified: statuses.filter((s) => s === 304).length, other: statuses.filter((s) => s !== 200 && s !== 304).length };
    return { ...figures, served };
  };

  try {
    const seed = await cycle(database('bare'), 'seed');
    const firstFull = await cycle(database('first-full'), 'full');
    // The full pipeline starts from the same seeded store (a copy), with the server back at revision 0.
    fs.cpSync(path.join(dir, 'bare'), path.join(dir, 'full'), { recursive: true });
    const measure = async (mode: 'bare' | 'full'): Promise<PollModeFigures> => {
      revisions.fill(0);
      feeds.forEach((_, i) => serve(i));
      const runs: PollModeFigures['runs'] = [];
      for (let run = 0; run < RUNS; run += 1) {
        feeds.forEach((_, i) => {
          if (i % CHANGED_SHARE !== run) return;
          revisions[i] = (revisions[i] ?? 0) + 1;
          serve(i);
        });
        runs.push(await cycle(database(mode), mode));
      }
      return {
        mode,
        runs,
        medianWallMs: median(runs.map((r) => r.wallMs)),
        medianPeakRssMb: median(runs.map((r) => r.peakRssMb)),
        medianRssBeforeMb: median(runs.map((r) => r.rssBeforeMb)),
      };
    };
    const shippedJitterMs = POLL_DEFAULTS.jitterMs;
    const bare = await measure('bare');
    const full = await measure('full');
    feeds.forEach((_, i) => {
      if (i % CHANGED_SHARE !== RUNS) return;
      revisions[i] = (revisions[i] ?? 0) + 1;
      serve(i);
    });
    const shipped = await cycle(database('full'), 'shipped');
    return {
      feeds: POLL_FEEDS,
      itemsPerFeed: POLL_ITEMS_PER_FEED,
      changedPerCycle: POLL_FEEDS / CHANGED_SHARE,
      newItemsPerChangedFeed: NEW_PER_CHANGE,
      seed,
      firstFull,
      bare,
      full,
      shipped,
      settings: { concurrency: POLL_DEFAULTS.concurrency, perHostConcurrency: POLL_DEFAULTS.perHostConcurrency, jitterMs: 0, shippedJitterMs },
    };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatPollBench(f: PollFigures): string[] {
  const s = f.settings;
  const runLine = (r: PollFigures['seed']) =>
    `      ${formatMs(r.wallMs).padStart(8)}  peak RSS ${formatMb(r.peakRssMb).padStart(6)} (${formatMb(r.rssBeforeMb)} before the cycle; heap ${formatMb(r.heapBeforeMb)} → ${formatMb(r.peakHeapUsedMb)})  ` +
    `served ${r.served.ok}×200 ${r.served.notModified}×304${r.served.other ? ` ${r.served.other}×other` : ''}; polled ${r.summary.polled}, not modified ${r.summary.notModified}, failed ${r.summary.failed}, new items ${r.summary.newItems}, backlog ${r.summary.backlog}${r.mode === 'full' || r.mode === 'shipped' ? `, posts ${r.posts}` : ''}`;
  const mode = (m: PollModeFigures, title: string) => [
    `  ${title}: median ${formatMs(m.medianWallMs)}, peak RSS ${formatMb(m.medianPeakRssMb)} (target < ${formatMs(POLL_TARGET_MS)}, < ${POLL_TARGET_RSS_MB} MB: ${verdict(m)})`,
    ...m.runs.map(runLine),
  ];
  return [
    `One poll cycle of ${f.feeds} feeds × ${f.itemsPerFeed} items on a loopback server (issue 2): ${f.changedPerCycle} feeds changed (${f.newItemsPerChangedFeed} new items each), the rest 304`,
    `  settings: POLL_DEFAULTS (concurrency ${s.concurrency}, per host ${s.perHostConcurrency}) with jitter ${s.jitterMs} ms; every feed is on 127.0.0.1, so at most ${s.perHostConcurrency} fetches are ever in flight`,
    '  baseline, same run — the first cycle (every feed 200, all items parsed and stored, nothing reported):',
    runLine(f.seed),
    `  the first cycle through the whole pipeline, empty store (every item classified and tracked as backlog, nothing posted): ${formatRatio(f.firstFull.wallMs / f.seed.wallMs)} the poller's`,
    runLine(f.firstFull),
    ...mode(f.bare, 'poller alone (runPollCycle, real stores)'),
    ...mode(f.full, "whole cycle (main.ts's createCycleRunner: + classify, track, outbox, console delivery)"),
    `  measured cycle / first cycle: poller ${formatRatio(f.bare.medianWallMs / f.seed.wallMs)}, whole cycle ${formatRatio(f.full.medianWallMs / f.seed.wallMs)}`,
    `  the whole cycle once more with the jitter main.ts ships (up to ${s.shippedJitterMs} ms before each fetch starts, slept before taking a slot):`,
    runLine(f.shipped),
  ];
}

function met(m: PollModeFigures): boolean {
  return m.medianWallMs < POLL_TARGET_MS && m.medianPeakRssMb < POLL_TARGET_RSS_MB;
}

function verdict(m: PollModeFigures): string {
  return met(m) ? 'met' : 'MISSED';
}

export function summarizePollBench(f: PollFigures): SummaryRow[] {
  const row = (m: PollModeFigures, label: string): SummaryRow => ({
    figure: `Poll cycle, ${f.feeds} feeds, 10% changed (${label})`,
    value: `${formatMs(m.medianWallMs)}, peak RSS ${formatMb(m.medianPeakRssMb)}`,
    target: `< ${formatMs(POLL_TARGET_MS)}, < ${POLL_TARGET_RSS_MB} MB`,
    baseline: `first cycle ${formatMs(f.seed.wallMs)}, ${formatMb(f.seed.peakRssMb)}`,
    met: met(m),
  });
  return [
    {
      figure: `First poll cycle of a fresh install, ${f.feeds} feeds × ${f.itemsPerFeed} items, whole pipeline (backlog tracked, nothing posted)`,
      value: `${formatMs(f.firstFull.wallMs)}, peak RSS ${formatMb(f.firstFull.peakRssMb)}`,
      target: '',
      baseline: `poller alone ${formatMs(f.seed.wallMs)}, ${formatMb(f.seed.peakRssMb)}`,
    },
    row(f.bare, 'poller'),
    row(f.full, 'whole cycle'),
    {
      figure: `Poll cycle, as above, jitter ${f.settings.shippedJitterMs} ms (1 run)`,
      value: `${formatMs(f.shipped.wallMs)}, peak RSS ${formatMb(f.shipped.peakRssMb)}`,
      target: `< ${formatMs(POLL_TARGET_MS)}, < ${POLL_TARGET_RSS_MB} MB`,
      baseline: `no jitter ${formatMs(f.full.medianWallMs)}`,
      met: f.shipped.wallMs < POLL_TARGET_MS && f.shipped.peakRssMb < POLL_TARGET_RSS_MB,
    },
  ];
}
