import { parseArgs } from 'node:util';
import type { Client } from 'discord.js';
import { Events } from 'discord.js';
import dotenv from 'dotenv';
import { commands } from '../commands';
import type { Config } from './config';
import { ConfigError, loadConfig } from './config';
import type { ConsoleSink } from './console/console-sink';
import { createConsoleSink } from './console/console-sink';
import { createConsoleTransport } from './console/console-transport';
import { openPrintedJournal } from './console/printed-journal';
import { createRuleClassifier } from './deals/classify';
import { createGazetteerPartyResolver } from './deals/party-resolver';
import { createScope, EVERY_FEED } from './deals/scope';
import type { Classifier } from './deals/types';
import { createDiscordClient } from './discord/client';
import { createCommandContext } from './discord/create-command-context';
import { createClientTransport } from './discord/discord-transport';
import { createInteractionRouter } from './discord/router';
import { feedHost } from './feeds/feed-host';
import { loadFeedList } from './feeds/feed-list';
import type { CycleSummary } from './feeds/poll-cycle';
import { runPollCycle } from './feeds/poll-cycle';
import { startPollSchedule } from './feeds/poll-schedule';
import type { FeedSource } from './feeds/types';
import type { Logger } from './logger';
import { createLogger } from './logger';
import type { ChannelDirectory } from './posts/channel-directory';
import { subscriptionDirectory } from './posts/channel-directory';
import type { DeliveryLoop, DeliveryTuning } from './posts/delivery-loop';
import { createDeliveryLoop } from './posts/delivery-loop';
import { createNewItemHandler } from './posts/handle-new-items';
import type { OutboxStore } from './posts/outbox';
import type { DeliveryObserver, Transport } from './posts/transport';
import type { Audience } from './posts/plan-posts';
import type { DealStore } from './store/deal-store';
import { createDealStores } from './store/deal-store';
import type { GuildFeedStore } from './store/guild-feed-store';
import { createGuildFeedStore } from './store/guild-feed-store';
import { createLease } from './store/lease-store';
import { createOutboxStore } from './store/outbox-store';
import type { Stores } from './store/stores';
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
/** A poll cycle's lease outlives any real cycle; a crashed holder's lease expires after this. */
const POLL_LEASE_MS = 15 * 60_000;

/** Everything both modes share: config, logger, stores and the classifier. */
export interface Core {
  config: Config;
  log: Logger;
  stores: Stores;
  deals: DealStore;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
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
    guildFeeds: createGuildFeedStore(keyv.namespace('guild-feeds')),
    subscriptions: createSubscriptionStore(keyv.namespace('subscriptions')),
    outbox: createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), skipped: keyv.namespace('skipped-posts') }),
    classifier: createRuleClassifier(),
    defaultFeeds,
  };
}

/** How delivery is wired: observed (metrics) and tuned (tests) from outside. */
export interface DeliveryWiring {
  /** Told every delivery event after it is recorded: posts queued, sent, retried, failed, outbox depth. */
  observe?: DeliveryObserver;
  tuning?: Partial<DeliveryTuning>;
}

/** The delivery loop over the core's outbox, for one transport. */
export function createDelivery(core: Core, transport: Transport, channels: ChannelDirectory, wiring: DeliveryWiring = {}): DeliveryLoop {
  return createDeliveryLoop({ outbox: core.outbox, transport, channels, log: core.log, now: () => new Date(), ...wiring });
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
}

/** One cycle: poll every feed in use → classify → track → queue posts (delivered by the loop, apart). */
export function createCycleRunner(core: Core, options: CycleOptions): () => Promise<CycleSummary> {
  const { config, stores, log } = core;
  const { sink } = options;
  const now = () => new Date();
  const onNewItems = createNewItemHandler({
    classifier: core.classifier, deals: core.deals, enqueue: (entries) => options.delivery.enqueue(entries), audiences: options.audiences, log, now,
    onClassified: sink ? (item) => sink.item(item) : undefined,
  });
  const lease = createLease(core.stores.keyv.namespace('leases'));
  const poll = async () => {
    const serverFeeds = await core.guildFeeds.listAll();
    // A feed servers added carries its host as its name: the label one server gave it is shown to
    // that server only (in /feeds list), never in what other servers read.
    const added = [...serverFeeds.keys()].map((url) => ({ url, name: feedHost(url) }));
    const feeds = [...core.defaultFeeds, ...added];
    const summary = await runPollCycle(feeds, {
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
      now,
      signal: options.signal,
      onResult: (result) => {
        if (result.outcome === 'failed') sink?.feedError(result.feed, result.error);
      },
      onNewItems,
    });
    log.info(summary, 'poll cycle finished');
    return summary;
  };
  return async () => {
    // Processes sharing one store take turns polling; any of them may deliver.
    let summary: CycleSummary = { feeds: 0, due: 0, polled: 0, notModified: 0, failed: 0, newItems: 0, resumed: 0, aborted: false };
    const polled = await lease.runExclusive('poll-cycle', POLL_LEASE_MS, async () => void (summary = await poll()));
    if (!polled) log.info('another process holds the poll lease; skipping this cycle');
    return summary;
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
  /** Resolves once the process has stopped cleanly. */
  done: Promise<void>;
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

/**
 * Runs the cycle at start-up and then on the schedule, never two at once, with the delivery loop
 * running on its own beside it (or, with `once`, one cycle and then everything due delivered), and
 * stops cleanly: no new fetch starts, a running cycle finishes or is abandoned safely (new items stay
 * pending), posts in flight finish (the rest stay in the outbox), then `beforeClose` (the Discord
 * client) and the store are closed.
 */
function runSchedule(core: Core, runCycle: () => Promise<unknown>, delivery: DeliveryLoop, abort: AbortController, once: boolean, beforeClose?: () => Promise<void>): Running {
  const { log } = core;
  let running: Promise<unknown> | undefined;
  const run = (): Promise<unknown> => {
    if (running) {
      log.warn('poll cycle still running at the next tick; skipping this tick');
      return running;
    }
    const cycle = runCycle()
      .catch((error: unknown) => log.error({ err: error }, 'poll cycle failed'))
      .finally(() => {
        if (running === cycle) running = undefined;
      });
    running = cycle;
    return cycle;
  };
  const firstCycle = run();
  if (!once) delivery.start();
  const schedule = once ? undefined : startPollSchedule(core.config.pollCron, () => void run());
  let markStopped: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (markStopped = resolve));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      await schedule?.stop();
      await firstCycle;
      await running;
      await delivery.stop();
      await beforeClose?.();
      await core.stores.close();
      log.info('Crossover stopped');
      markStopped();
    })());
  if (once) {
    void firstCycle
      .then(() => delivery.drain())
      .catch((error: unknown) => log.error({ err: error }, 'delivery failed'))
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

/** Where console mode notes what it printed: beside the SQLite file (DATABASE_URL is sqlite://path). */
function printedJournalFile(databaseUrl: string): string {
  return `${databaseUrl.replace(/^sqlite:\/\//, '')}.printed`;
}

/** Console mode: what would be posted is printed, as text or JSON lines. */
export async function startConsole(config: Config, flags: StartFlags, log: Logger, wiring: DeliveryWiring = {}): Promise<Running> {
  const core = openCore(config, log);
  const sink = createConsoleSink({ json: flags.json, write: flags.write });
  const abort = new AbortController();
  const delivery = createDelivery(core, createConsoleTransport(sink, openPrintedJournal(printedJournalFile(config.databaseUrl))), consoleDirectory(), wiring);
  const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery, sink, signal: abort.signal });
  log.info({ feeds: core.defaultFeeds.length, mode: 'console', once: flags.once }, 'Crossover starting');
  return runSchedule(core, runCycle, delivery, abort, flags.once);
}

/** Discord mode: the bot logs in, answers commands, and posts to subscribed channels. */
export async function startDiscord(config: Config, token: string, log: Logger, once = false, wiring: DeliveryWiring = {}): Promise<Running> {
  const core = openCore(config, log);
  const now = () => new Date();
  const client: Client = createDiscordClient({ apiBase: config.discordApiBase, log });
  const transport = createClientTransport(client, token, config.discordApiBase);
  const delivery = createDelivery(core, transport, subscriptionDirectory(core.subscriptions), wiring);
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
  client.on(Events.InteractionCreate, createInteractionRouter(commands, context, log, { warmingUp: () => !warm }));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  await warming;

  const abort = new AbortController();
  const runCycle = createCycleRunner(core, { audiences: subscriberAudiences(core), delivery, signal: abort.signal });
  log.info({ feeds: core.defaultFeeds.length, mode: 'discord' }, 'Crossover starting');
  return runSchedule(core, runCycle, delivery, abort, once, () => client.destroy());
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
  const running = config.discordToken
    ? await startDiscord(config, config.discordToken, log, once)
    : await startConsole(config, { once, json: values.json ?? false }, log);
  app.running = running;
  if (stopRequested) void running.stop();
  await running.done;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Crossover failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
