import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import type { Config } from './config';
import { ConfigError, loadConfig } from './config';
import type { ConsoleSink } from './console/console-sink';
import { createConsoleSink } from './console/console-sink';
import { loadFeedList } from './feeds/feed-list';
import type { CycleSummary } from './feeds/poll-cycle';
import { runPollCycle } from './feeds/poll-cycle';
import { startPollSchedule } from './feeds/poll-schedule';
import type { FeedSource } from './feeds/types';
import type { Logger } from './logger';
import { createLogger } from './logger';
import type { Stores } from './store/stores';
import { openStores } from './store/stores';

/** Tunables of the poller that are not operator settings (PRODUCT.md keeps the env surface small). */
export const POLL_DEFAULTS = {
  concurrency: 8,
  perHostConcurrency: 2,
  jitterMs: 250,
  maxNewPerFeed: 20,
  fetchTimeoutMs: 20_000,
  maxFeedBytes: 10_000_000,
};

export interface CycleRunnerOptions {
  config: Config;
  stores: Stores;
  log: Logger;
  sink: ConsoleSink;
  feeds: () => FeedSource[];
  seedOnFirstPoll?: boolean;
  signal?: AbortSignal;
}

/** Wires one poll cycle: feeds → new items → the sink. */
export function createCycleRunner(options: CycleRunnerOptions): () => Promise<CycleSummary> {
  const { config, stores, log, sink } = options;
  return async () => {
    const summary = await runPollCycle(options.feeds(), {
      ...POLL_DEFAULTS,
      feedStates: stores.feedStates,
      items: stores.items,
      log,
      fetchOptions: {
        allowPrivateHosts: config.allowPrivateFeedHosts,
        timeoutMs: POLL_DEFAULTS.fetchTimeoutMs,
        maxBytes: POLL_DEFAULTS.maxFeedBytes,
        signal: options.signal,
      },
      maxItemAgeMs: config.maxItemAgeMs,
      seedOnFirstPoll: options.seedOnFirstPoll ?? true,
      now: () => new Date(),
      signal: options.signal,
      onResult: (result) => {
        if (result.outcome === 'failed') sink.feedError(result.feed, result.error);
      },
      onNewItems: async (_feed, items) => {
        for (const item of items) sink.item(item);
      },
    });
    log.info(summary, 'poll cycle finished');
    return summary;
  };
}

export interface Running {
  /** Resolves when the process may exit. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Starts Crossover in console mode: a cycle at start-up, then on the schedule (or just once). */
export interface StartFlags {
  once: boolean;
  json: boolean;
  /** Where console output goes (stdout by default). */
  write?: (line: string) => void;
}

export async function startCrossover(config: Config, flags: StartFlags, log: Logger): Promise<Running> {
  const stores = openStores(config.databaseUrl, log);
  const defaults = loadFeedList(config.feedsFile);
  const sink = createConsoleSink({ json: flags.json, write: flags.write });
  const abort = new AbortController();
  const runCycle = createCycleRunner({ config, stores, log, sink, feeds: () => defaults, signal: abort.signal });
  log.info({ feeds: defaults.length, mode: 'console', once: flags.once }, 'Crossover starting');

  const firstCycle = runCycle().then(
    () => undefined,
    (error: unknown) => log.error({ err: error }, 'poll cycle failed'),
  );
  const schedule = flags.once ? undefined : startPollSchedule(config.pollCron, async () => void (await runCycle()), log);
  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const whenStopped = new Promise<void>((resolve) => (markStopped = resolve));
  // Shutdown: no new fetches start, running ones are abandoned, pending items stay pending for the
  // next start, and the store is closed last.
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      await schedule?.stop();
      await firstCycle;
      await stores.close();
      log.info('Crossover stopped');
      markStopped();
    })());
  if (flags.once) void firstCycle.then(stop);
  return { done: whenStopped, stop };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { once: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exit(2);
  }
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  if (config.discordToken) {
    log.fatal('DISCORD_TOKEN is set, but this build has no Discord mode yet; unset it to run in console mode');
    process.exit(1);
  }
  let stopRequested = false;
  const running = await startCrossover(config, { once: values.once ?? false, json: values.json ?? false }, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested) process.exit(130); // a second signal: the operator wants out now
      stopRequested = true;
      log.info({ signal }, 'shutting down');
      void running.stop();
    });
  }
  await running.done;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Crossover failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
