import { loadConfig } from '../config';
import { createConsoleSink } from '../console/console-sink';
import { createConsoleTransport } from '../console/console-transport';
import { memoryJournal } from '../console/printed-journal';
import type { CycleSummary } from '../feeds/poll';
import { runPollCycle } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import { createSilentLogger } from '../logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, openCore, POLL_DEFAULTS } from '../app';
import { openStores } from '../store/stores';
import { peakRssMb, sampleMemory, settledMemory } from './bench-stats';

/**
 * One poll cycle, in a child process of its own so that its peak memory is that of a bot process
 * running it (main.ts and everything it loads included), on a SQLite file an earlier cycle left:
 *   seed  the first cycle (every feed 200; everything stored, nothing reported), poller only;
 *   bare  runPollCycle with the real stores: fetch, decode, parse, normalise, dedupe, store;
 *   full  main.ts's createCycleRunner with the console transport and no sink: the same, then
 *         classify, track deals and stories, queue posts in the outbox and deliver them;
 *   shipped  full, with the jitter POLL_DEFAULTS ships.
 * Poller settings are POLL_DEFAULTS with no jitter (a benchmark measures work, not random sleeps),
 * except in `shipped`.
 */
export type PollCycleMode = 'seed' | 'bare' | 'full' | 'shipped';

export interface PollCycleArgs {
  databaseUrl: string;
  feeds: FeedSource[];
  mode: PollCycleMode;
}

export interface PollCycleFigures {
  mode: PollCycleMode;
  wallMs: number;
  summary: CycleSummary;
  /** Posts delivered through the console transport (full mode). */
  posts: number;
  /** Settled (after a full GC) once the stores are open, before the cycle. */
  rssBeforeMb: number;
  heapBeforeMb: number;
  /** The process's resident high-water mark (the kernel's figure). */
  peakRssMb: number;
  peakHeapUsedMb: number;
}

const MAX_ITEM_AGE_MS = 3 * 24 * 3_600_000;

export async function runMeasuredPollCycle(input: unknown): Promise<PollCycleFigures> {
  const args = input as PollCycleArgs;
  return args.mode === 'full' || args.mode === 'shipped' ? runFull(args) : runBare(args);
}

async function runBare({ databaseUrl, feeds, mode }: PollCycleArgs): Promise<PollCycleFigures> {
  const log = createSilentLogger();
  const stores = openStores(databaseUrl, log);
  try {
    const before = settledMemory();
    const sampler = sampleMemory();
    const started = performance.now();
    const summary = await runPollCycle(feeds, {
      ...POLL_DEFAULTS,
      jitterMs: 0,
      feedStates: stores.feedStates,
      items: stores.items,
      log,
      fetchOptions: { allowPrivateHosts: true, timeoutMs: POLL_DEFAULTS.fetchTimeoutMs, maxBytes: POLL_DEFAULTS.maxFeedBytes },
      maxItemAgeMs: MAX_ITEM_AGE_MS,
      seedOnFirstPoll: true,
      now: () => new Date(),
      onNewItems: async () => undefined,
    });
    const wallMs = performance.now() - started;
    const peak = sampler.stop();
    return { mode, wallMs, summary, posts: 0, rssBeforeMb: before.rssMb, heapBeforeMb: before.heapUsedMb, peakRssMb: peakRssMb(), peakHeapUsedMb: peak.heapUsedMb };
  } finally {
    await stores.close();
  }
}

async function runFull({ databaseUrl, feeds, mode }: PollCycleArgs): Promise<PollCycleFigures> {
  // createCycleRunner takes the poller's tunables from POLL_DEFAULTS; only the jitter is turned off.
  if (mode === 'full') Object.assign(POLL_DEFAULTS, { jitterMs: 0 });
  const config = loadConfig({ DATABASE_URL: databaseUrl, ALLOW_PRIVATE_FEED_HOSTS: 'true', LOG_LEVEL: 'silent' });
  const core = openCore(config, createSilentLogger(), feeds);
  try {
    let posts = 0;
    const sink = createConsoleSink({ json: true, write: () => void (posts += 1) });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery });
    const before = settledMemory();
    const sampler = sampleMemory();
    const started = performance.now();
    const summary = await runCycle();
    await delivery.drain();
    const wallMs = performance.now() - started;
    const peak = sampler.stop();
    return { mode, wallMs, summary, posts, rssBeforeMb: before.rssMb, heapBeforeMb: before.heapUsedMb, peakRssMb: peakRssMb(), peakHeapUsedMb: peak.heapUsedMb };
  } finally {
    // The poll lease goes back, so that the next cycle's process polls at once (on Postgres it
    // would otherwise wait for it to lapse).
    await core.turns.stop();
    await core.stores.close();
  }
}
