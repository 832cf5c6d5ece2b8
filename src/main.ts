import { parseArgs } from 'node:util';
import type { Client } from 'discord.js';
import { Events } from 'discord.js';
import dotenv from 'dotenv';
import { commands } from '../commands';
import { checkStartup } from './check-startup';
import type { Config } from './config';
import { ConfigError } from './config';
import type { ConsoleSink } from './console/console-sink';
import { createConsoleSink } from './console/console-sink';
import { createConsoleTransport } from './console/console-transport';
import type { PrintedJournal } from './console/printed-journal';
import { openPrintedJournal } from './console/printed-journal';
import { createRuleClassifier } from './deals/classify';
import { createGazetteerPartyResolver } from './deals/party-resolver';
import { createScope, EVERY_FEED } from './deals/scope';
import type { Classifier } from './deals/types';
import { createDiscordClient, gatewayState, logIn, runsEveryShard } from './discord/client';
import { createCommandContext } from './discord/create-command-context';
import { createClientTransport } from './discord/discord-transport';
import { createInteractionRouter } from './discord/router';
import { serverFeedSource } from './feeds/feed-host';
import { loadFeedList } from './feeds/feed-list';
import type { CycleSummary } from './feeds/poll-cycle';
import type { PollFeedResult } from './feeds/poll-feed';
import { runPollCycle } from './feeds/poll-cycle';
import { startPollSchedule } from './feeds/poll-schedule';
import type { PollTurns } from './feeds/poll-turns';
import { createPollTurns } from './feeds/poll-turns';
import type { FeedSource } from './feeds/types';
import type { Logger } from './logger';
import { createLogger } from './logger';
import type { Metrics } from './metrics/metrics';
import { createMetrics } from './metrics/metrics';
import { watchCore } from './metrics/watch-core';
import type { MetricsServer } from './metrics/metrics-server';
import { startMetricsServer } from './metrics/metrics-server';
import type { ChannelDirectory } from './posts/channel-directory';
import { subscriptionDirectory } from './posts/channel-directory';
import type { DeliveryLoop, DeliveryTuning } from './posts/delivery-loop';
import { createDeliveryLoop } from './posts/delivery-loop';
import { createNewItemHandler } from './posts/handle-new-items';
import type { OutboxStore } from './posts/outbox';
import type { Audience } from './posts/plan-posts';
import type { DeliveryObserver, Transport } from './posts/transport';
import type { DealStore } from './store/deal-store';
import { createDealStores } from './store/deal-store';
import type { GuildFeedStore } from './store/guild-feed-store';
import { createGuildFeedStore } from './store/guild-feed-store';
import { recordLock } from './store/open-keyv';
import { createStoredJournal } from './store/printed-store';
import type { Stores } from './store/stores';
import { StoreFailure } from './store/store-failure';
import { openStores } from './store/stores';
import type { SubscriptionStore } from './store/subscription-store';
import { createSubscriptionStore } from './store/subscription-store';

/** Tunables of the poller that are not operator settings (PRODUCT.md keeps the env surface small). */
export const POLL_DEFAULTS = {
  concurrency: 8,
  perHostConcurrency: 2,
  jitterMs: 250,
  maxNewPerFeed: 20,
  fetchTimeoutMs: 20_000,
  maxFeedBytes: 10_000_000,
};
/** How often a Discord-mode process brings its deal index in step with the store (deals other processes tracked). */
const DEAL_FOLLOW_MS = 5_000;
/** The poll lease, renewed every 10 s while held: a holder that died loses it after this, and another process polls. */
const POLL_LEASE_MS = 30_000;

/** Everything both modes share: config, logger, stores and the classifier. */
export interface Core {
  config: Config;
  log: Logger;
  stores: Stores;
  deals: DealStore;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  /** Which process polls: the one holding the poll lease. */
  turns: PollTurns;
  classifier: Classifier;
  defaultFeeds: FeedSource[];
}

export function openCore(config: Config, log: Logger, defaultFeeds = loadFeedList(config.feedsFile)): Core {
  const stores = openStores(config.databaseUrl, log);
  const { keyv } = stores;
  return {
    config,
    log,
    stores,
    deals: createDealStores(keyv, { resolveParties: createGazetteerPartyResolver() }),
    guildFeeds: createGuildFeedStore(keyv.namespace('guild-feeds'), recordLock(keyv, 'guild-feeds')),
    subscriptions: createSubscriptionStore(keyv.namespace('subscriptions'), recordLock(keyv, 'subscriptions')),
    outbox: keyv.outbox(),
    turns: createPollTurns(keyv.pollLease('poll-cycle', POLL_LEASE_MS), log),
    classifier: createRuleClassifier(),
    defaultFeeds,
  };
}

/** The delivery loop over the core's outbox, for one transport, observed by whoever wants to know. */
export function createDelivery(core: Core, transport: Transport, channels: ChannelDirectory, services: Services = {}): DeliveryLoop {
  const observers = [services.metrics?.posts, services.observe].filter((o): o is DeliveryObserver => o !== undefined);
  const observe: DeliveryObserver = (event) => observers.forEach((o) => o(event));
  return createDeliveryLoop({ outbox: core.outbox, transport, channels, log: core.log, now: () => new Date(), observe, tuning: services.tuning });
}

export interface CycleOptions {
  /** Who may get posts: the console's single audience, or every subscription with its scope. */
  audiences: () => Promise<Audience[]>;
  /** Where the cycle's posts are queued; the loop delivers them on its own. */
  delivery: Pick<DeliveryLoop, 'enqueue'>;
  /** Console mode prints each new item and each failing feed. */
  sink?: ConsoleSink;
  seedOnFirstPoll?: boolean;
  signal?: AbortSignal;
  metrics?: Metrics;
}

/** One cycle: poll every feed in use → classify → track → queue posts (delivered by the loop, apart). */
export function createCycleRunner(core: Core, options: CycleOptions): () => Promise<CycleSummary> {
  const { config, stores, log } = core;
  const { sink, metrics } = options;
  const now = () => new Date();
  const onNewItems = createNewItemHandler({
    classifier: core.classifier, deals: core.deals, enqueue: (entries) => options.delivery.enqueue(entries), audiences: options.audiences, log, now,
    onClassified: sink ? (item) => sink.item(item) : undefined,
  });
  const poll = async (signal: AbortSignal) => {
    const serverFeeds = await core.guildFeeds.listAll();
    // Reports from a default feed are marked as such when tracked: every server sees them, even
    // after FEEDS_FILE changes. A feed that is both a default and a server's own counts as a default.
    const defaults = core.defaultFeeds.map((feed): FeedSource => ({ ...feed, isDefault: true }));
    const defaultUrls = new Set(defaults.map((feed) => feed.url));
    const added = [...serverFeeds.keys()].filter((url) => !defaultUrls.has(url)).map(serverFeedSource);
    const feeds = [...defaults, ...added];
    const failedNow: PollFeedResult[] = [];
    const summary = await runPollCycle(feeds, {
      ...POLL_DEFAULTS,
      feedStates: stores.feedStates,
      items: stores.items,
      log,
      fetchOptions: {
        allowPrivateHosts: config.allowPrivateFeedHosts,
        timeoutMs: POLL_DEFAULTS.fetchTimeoutMs,
        maxBytes: POLL_DEFAULTS.maxFeedBytes,
        signal,
      },
      maxItemAgeMs: config.maxItemAgeMs,
      seedOnFirstPoll: options.seedOnFirstPoll ?? true,
      now,
      signal,
      onResult: (result) => {
        metrics?.feedPolled(result);
        if (result.outcome !== 'failed') return;
        failedNow.push(result);
        sink?.feedError(result.feed, result.error, result.state);
      },
      failuresShown: sink !== undefined,
      onNewItems,
    });
    metrics?.cycleFinished(summary, failedNow);
    log.info({ ...summary, waiting: summary.waiting.length }, 'poll cycle finished');
    return summary;
  };
  return async () => {
    // Processes sharing one store take turns polling (the one holding the poll lease; the cycle
    // stops if it is lost); any of them may deliver.
    const summary = await core.turns.run((leaseLost) => poll(options.signal ? AbortSignal.any([options.signal, leaseLost]) : leaseLost));
    if (summary !== undefined) return summary;
    log.info('another process holds the poll lease; skipping this cycle');
    return { feeds: 0, due: 0, polled: 0, notModified: 0, failed: 0, newItems: 0, backlog: 0, resumed: 0, aborted: false, waiting: [] };
  };
}


/** Console mode's one audience: every feed, no filters, printed instead of posted. */
export function consoleAudience(): Audience[] {
  return [
    {
      subscription: {
        guildId: 'console', channelId: 'console', parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
        createdAt: new Date(0).toISOString(), createdBy: 'console',
      },
      scope: EVERY_FEED,
    },
  ];
}

/** Discord mode: every subscription (a paused one keeps its posts), seen through its server's scope. */
function subscriberAudiences(core: Core): () => Promise<Audience[]> {
  return async () => {
    const defaults = core.defaultFeeds.map((feed) => feed.url);
    const subscriptions = await core.subscriptions.listAll();
    const scopes = new Map<string, Audience['scope']>();
    for (const guildId of new Set(subscriptions.map((s) => s.guildId))) {
      scopes.set(guildId, createScope(defaults, (await core.guildFeeds.list(guildId)).map((feed) => feed.url)));
    }
    return subscriptions.map((subscription) => ({ subscription, scope: scopes.get(subscription.guildId) ?? EVERY_FEED }));
  };
}

export interface Running {
  /** Resolves once the process has stopped cleanly, saying how many cycles failed. */
  done: Promise<{ failedCycles: number }>;
  /** Runs a cycle now (or waits for the one already running), then waits until what is due is delivered. */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartFlags {
  once: boolean;
  json: boolean;
  /** Where console output goes (stdout by default). */
  write?: (line: string) => void;
}

/** What main (or a test) hands both modes besides the configuration. */
export interface Services {
  /** The feed list checked at start-up (else it is read from FEEDS_FILE again). */
  defaultFeeds?: FeedSource[];
  metrics?: Metrics;
  /** Told every delivery event after it is recorded (besides the metrics). */
  observe?: DeliveryObserver;
  /** Delivery pacing and timing (tests). */
  tuning?: Partial<DeliveryTuning>;
}

/**
 * Runs the cycle at start-up and then on the schedule, never two at once, with the delivery loop
 * running on its own beside it (or, with `once`, one cycle and then everything due delivered), and
 * stops cleanly: no new fetch starts, a running cycle finishes or is abandoned safely (new items stay
 * pending), posts in flight finish (the rest stay in the outbox), then `beforeClose` (the Discord
 * client) and the store are closed.
 */
function runSchedule(core: Core, runCycle: () => Promise<CycleSummary>, delivery: DeliveryLoop, abort: AbortController, once: boolean, extras: {
  beforeClose?: () => Promise<void>;
  /** After each cycle that went through, with the time of the next scheduled one. */
  onCycle?: (summary: CycleSummary, nextPoll: Date | undefined) => void;
  metrics?: Metrics;
} = {}): Running {
  const { log } = core;
  let failedCycles = 0;
  const failed = (error: unknown, what: string) => {
    failedCycles += 1;
    if (error instanceof StoreFailure) {
      log.error(
        { code: error.code, reason: error.message, nextPoll: schedule?.nextRun() },
        `store failure: the ${what} was abandoned; nothing is lost (new items are fetched again or stay pending, posts stay queued) and the next one tries again`,
      );
    } else log.error({ err: error }, `${what} failed`);
  };
  let running: Promise<unknown> | undefined;
  const run = (): Promise<unknown> => {
    if (running) {
      log.warn('poll cycle still running at the next tick; skipping this tick');
      return running;
    }
    const cycle = runCycle()
      .then(
        (summary) => {
          extras.metrics?.cycleEnded(undefined);
          extras.onCycle?.(summary, schedule?.nextRun());
        },
        (error: unknown) => {
          extras.metrics?.cycleEnded(error instanceof Error ? error : new Error(String(error)));
          failed(error, 'poll cycle');
        },
      )
      .finally(() => {
        if (running === cycle) running = undefined;
      });
    running = cycle;
    return cycle;
  };
  const firstCycle = run();
  if (!once) {
    delivery.start();
    // Another process's poll lease lapsed (it died): this one takes over and polls at once.
    core.turns.start(() => void run());
  }
  const schedule = once ? undefined : startPollSchedule(core.config.pollCron, () => void run());
  let markStopped: () => void = () => undefined;
  const done = new Promise<{ failedCycles: number }>((resolve) => (markStopped = () => resolve({ failedCycles })));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      await schedule?.stop();
      await firstCycle;
      await running;
      await core.turns.stop();
      await delivery.stop();
      await extras.beforeClose?.();
      await core.stores.close();
      log.info('Crossover stopped');
      markStopped();
    })());
  if (once) {
    void firstCycle
      .then(() => delivery.drain())
      .catch((error: unknown) => failed(error, 'delivery'))
      .then(stop);
  }
  return {
    done,
    stop,
    cycle: async () => {
      await firstCycle;
      await run();
      await delivery.drain();
    },
  };
}

/** Console mode's one subscription, kept in memory: the same pause and removal rules as Discord's. */
export function consoleDirectory(): ChannelDirectory {
  let subscription = consoleAudience()[0]?.subscription;
  return {
    find: async (guildId, channelId) => (subscription?.guildId === guildId && subscription.channelId === channelId ? subscription : undefined),
    pause: async (_guildId, _channelId, reason, at) => {
      if (subscription) subscription = { ...subscription, paused: { at: at.toISOString(), reason } };
    },
    remove: async () => {
      subscription = undefined;
      return true;
    },
  };
}

/** Where console mode notes what it printed: beside the SQLite file, or in the Postgres store that every process shares. */
function printedJournal(core: Core): PrintedJournal {
  const { keyv } = core.stores;
  return keyv.kind === 'postgres' ? createStoredJournal(keyv.namespace('printed')) : openPrintedJournal(`${core.config.databaseUrl.replace(/^sqlite:\/\//, '')}.printed`);
}

/** Console mode: what would be posted is printed, as text or JSON lines. */
export async function startConsole(config: Config, flags: StartFlags, log: Logger, services: Services = {}): Promise<Running> {
  const core = openCore(config, log, services.defaultFeeds);
  const { metrics } = services;
  const sink = createConsoleSink({ json: flags.json, write: flags.write });
  const abort = new AbortController();
  const transport = createConsoleTransport(sink, printedJournal(core));
  const delivery = createDelivery(core, transport, consoleDirectory(), services);
  const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery, sink, signal: abort.signal, metrics });
  if (metrics) watchCore(metrics, core);
  log.info({ feeds: core.defaultFeeds.length, mode: 'console', once: flags.once }, 'Crossover starting');
  return runSchedule(core, runCycle, delivery, abort, flags.once, { metrics, onCycle: (summary, next) => sink.cycle(summary, next) });
}

/** Discord mode: the bot logs in, answers commands, and posts to subscribed channels. */
export async function startDiscord(config: Config, token: string, log: Logger, once = false, services: Services = {}): Promise<Running> {
  const core = openCore(config, log, services.defaultFeeds);
  const { metrics } = services;
  const now = () => new Date();
  const client: Client = createDiscordClient({ apiBase: config.discordApiBase, shards: config.shards, log });
  const transport = createClientTransport(client, token, config.discordApiBase);
  const delivery = createDelivery(core, transport, subscriptionDirectory(core.subscriptions), services);
  const context = createCommandContext({
    stores: core.stores, guildFeeds: core.guildFeeds, subscriptions: core.subscriptions, classifier: core.classifier,
    deals: core.deals, log, defaultFeeds: () => core.defaultFeeds, allowPrivateFeedHosts: config.allowPrivateFeedHosts, now,
    heldPosts: delivery,
  });
  // The deal index loads while the bot logs in (seconds with a large store); until it is ready,
  // commands are deferred so that none misses Discord's 3-second limit.
  let warm = false;
  const warming = core.deals.warm().then(
    () => {
      warm = true;
      log.info('deal index ready');
    },
    (error: unknown) => log.error({ err: error }, 'could not load the deal index; queries will load it'),
  );
  if (metrics) watchCore(metrics, core, () => gatewayState(client));
  client.on(Events.InteractionCreate, createInteractionRouter(commands, context, log, { warmingUp: () => !warm, onAnswered: metrics?.commandAnswered }));
  if (!runsEveryShard(config.shards) && config.store.kind === 'sqlite') {
    log.warn({ shards: config.shards }, 'this process runs only some of the shards: the processes that run the others must share its store, and a SQLite store is for one process; run every shard here (SHARD_COUNT without SHARD_IDS), or share a Postgres store');
  }
  await logIn(client, token).catch(async (error: unknown) => {
    await client.destroy();
    await warming;
    await core.stores.close();
    throw error;
  });
  await warming;

  // Deals tracked by another process sharing the store reach this one's index within seconds, even
  // when following them takes a full reload (which a query never waits for).
  const following = setInterval(() => void core.deals.warm().catch(() => undefined), DEAL_FOLLOW_MS);
  following.unref();

  const abort = new AbortController();
  const runCycle = createCycleRunner(core, { audiences: subscriberAudiences(core), delivery, signal: abort.signal, metrics });
  log.info({ feeds: core.defaultFeeds.length, mode: 'discord' }, 'Crossover starting');
  return runSchedule(core, runCycle, delivery, abort, once, {
    beforeClose: async () => {
      clearInterval(following);
      await client.destroy();
    },
    metrics,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { once: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  dotenv.config({ quiet: true });
  let startup: Awaited<ReturnType<typeof checkStartup>>;
  let metricsServer: MetricsServer | undefined;
  const metrics = createMetrics();
  try {
    startup = await checkStartup(process.env);
    const where = startup.config.metrics;
    if (where) {
      metricsServer = await startMetricsServer(metrics, where.port, where.host).catch((error: unknown) => {
        throw new ConfigError([`METRICS_PORT: cannot serve on ${where.host}:${where.port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
      });
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exit(2);
  }
  const { config, defaultFeeds } = startup;
  // discord.js reads SHARD_COUNT from the environment (meant for its ShardingManager's child
  // processes) and refuses ours when it is "auto" or empty; the client gets the shards from config.
  delete process.env.SHARD_COUNT;
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  // The last line of defence: whatever escapes is one clear log line and exit code 1, not a stack.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      log.fatal({ err: error }, `unexpected error (${event}); Crossover stops`);
      process.exit(1);
    });
  }
  if (metricsServer) log.info({ url: metricsServer.url }, 'serving /metrics and /healthz');
  const once = values.once ?? false;
  // Signals are handled from the start: one that comes while starting up stops the bot as soon
  // as it is up, cleanly; a second one exits at once.
  const app: { running?: Running } = {};
  let stopRequested = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested) process.exit(130);
      stopRequested = true;
      log.info({ signal }, 'shutting down');
      void app.running?.stop();
    });
  }
  const services: Services = { defaultFeeds, metrics };
  const running = config.discordToken
    ? await startDiscord(config, config.discordToken, log, once, services)
    : await startConsole(config, { once, json: values.json ?? false }, log, services);
  app.running = running;
  if (stopRequested) void running.stop();
  const { failedCycles } = await running.done;
  await metricsServer?.close();
  // --once: its one cycle failed (the store failed, or something unexpected), so the exit code says so.
  if (once && failedCycles > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Crossover failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
