import os from 'node:os';
import { loadConfig } from '../config';
import { createConsoleSink } from '../console/console-sink';
import { createConsoleTransport } from '../console/console-transport';
import { memoryJournal } from '../console/printed-journal';
import type { CycleSummary } from '../feeds/poll';
import { runPollCycle } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import type { Logger } from '../logger';
import { createLogger } from '../logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, keepHeapNearLive, openCore, POLL_DEFAULTS } from '../app';
import { openStores } from '../app/stores';
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
  /** CPU time of the process (user + system) over the cycle: what the wall time is made of on a loaded machine. */
  cpuMs: number;
  /** The machine's 1-minute load average as the cycle ended (the machine is shared). */
  load1: number;
  summary: CycleSummary;
  /** Posts delivered through the console transport (full mode). */
  posts: number;
  /** Settled (after a full GC) once the stores are open, before the cycle. */
  rssBeforeMb: number;
  heapBeforeMb: number;
  /** The process's resident high-water mark (the kernel's figure). */
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** What the cycle logged of trouble: SQLITE_BUSY anywhere, feeds that failed (by code), error lines. */
  trouble: CycleTrouble;
}

export interface CycleTrouble {
  sqliteBusy: number;
  feedFailures: Record<string, number>;
  errors: number;
}

/** A logger that prints nothing and counts the trouble a cycle logs. */
function troubleLogger(): { log: Logger; trouble: CycleTrouble } {
  const trouble: CycleTrouble = { sqliteBusy: 0, feedFailures: {}, errors: 0 };
  const log = createLogger({
    level: 'warn',
    destination: {
      write(line: string) {
        if (line.includes('SQLITE_BUSY')) trouble.sqliteBusy += 1;
        const entry = JSON.parse(line) as { level: number; msg?: string; code?: string };
        if (entry.level >= 50) trouble.errors += 1;
        if (entry.msg === 'feed failed; backing off' || entry.msg === 'feed disabled') {
          trouble.feedFailures[entry.code ?? 'unknown'] = (trouble.feedFailures[entry.code ?? 'unknown'] ?? 0) + 1;
        }
      },
    },
  });
  return { log, trouble };
}

const MAX_ITEM_AGE_MS = 3 * 24 * 3_600_000;

export async function runMeasuredPollCycle(input: unknown): Promise<PollCycleFigures> {
  const args = input as PollCycleArgs;
  // The heap as main.ts keeps it: this process stands for the bot's.
  keepHeapNearLive();
  return args.mode === 'full' || args.mode === 'shipped' ? runFull(args) : runBare(args);
}

async function runBare({ databaseUrl, feeds, mode }: PollCycleArgs): Promise<PollCycleFigures> {
  const { log, trouble } = troubleLogger();
  const stores = openStores(databaseUrl, log);
  try {
    const before = settledMemory();
    const sampler = sampleMemory();
    const started = performance.now();
    const cpu = process.cpuUsage();
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
    const { cpuMs, load1 } = cpuAndLoad(cpu);
    const peak = sampler.stop();
    return { mode, wallMs, cpuMs, load1, summary, posts: 0, rssBeforeMb: before.rssMb, heapBeforeMb: before.heapUsedMb, peakRssMb: peakRssMb(), peakHeapUsedMb: peak.heapUsedMb, trouble };
  } finally {
    await stores.close();
  }
}

async function runFull({ databaseUrl, feeds, mode }: PollCycleArgs): Promise<PollCycleFigures> {
  // createCycleRunner takes the poller's tunables from POLL_DEFAULTS; only the jitter is turned off.
  if (mode === 'full') Object.assign(POLL_DEFAULTS, { jitterMs: 0 });
  const config = loadConfig({ DATABASE_URL: databaseUrl, ALLOW_PRIVATE_FEED_HOSTS: 'true', LOG_LEVEL: 'silent' });
  const { log, trouble } = troubleLogger();
  const core = openCore(config, log, feeds);
  try {
    let posts = 0;
    const sink = createConsoleSink({ json: true, write: () => void (posts += 1) });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery });
    const before = settledMemory();
    const sampler = sampleMemory();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await runCycle();
    await delivery.drain();
    const wallMs = performance.now() - started;
    const { cpuMs, load1 } = cpuAndLoad(cpu);
    const peak = sampler.stop();
    return { mode, wallMs, cpuMs, load1, summary, posts, rssBeforeMb: before.rssMb, heapBeforeMb: before.heapUsedMb, peakRssMb: peakRssMb(), peakHeapUsedMb: peak.heapUsedMb, trouble };
  } finally {
    // The poll lease goes back, so that the next cycle's process polls at once (on Postgres it
    // would otherwise wait for it to lapse).
    await core.turns.stop();
    await core.stores.close();
  }
}

function cpuAndLoad(since: NodeJS.CpuUsage): { cpuMs: number; load1: number } {
  const used = process.cpuUsage(since);
  return { cpuMs: (used.user + used.system) / 1000, load1: os.loadavg()[0] ?? 0 };
}
