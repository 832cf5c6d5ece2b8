/** Discord mode: the client and its shards, the commands, delivery to every subscribed channel. */
import type { Client } from 'discord.js';
import { Events } from 'discord.js';
import { commands } from '../../commands';
import type { Config } from '../config';
import { createServerScopes, EVERY_FEED } from '../deals/scope';
import { createDiscordClient, gatewayState, logIn, runsEveryShard } from '../discord/client';
import { createCommandContext } from '../discord/create-command-context';
import { createClientTransport } from '../discord/discord-transport';
import { createInteractionRouter } from '../discord/router';
import type { Logger } from '../logger';
import { watchCore } from '../metrics/watch-core';
import { subscriptionDirectory } from '../posts/channel-directory';
import type { Audience } from '../posts/plan-posts';
import type { Core, Services } from './core';
import { createDelivery, openCore } from './core';
import { createCycleRunner } from './cycle-runner';
import type { Running } from './run-schedule';
import { runSchedule } from './run-schedule';

/** How often a process brings its deal index in step with the store (deals other processes tracked). */
const DEAL_FOLLOW_MS = 5_000;

/** Discord mode: every subscription (a paused one keeps its posts), seen through its server's scope. */
function subscriberAudiences(core: Core): () => Promise<Audience[]> {
  const scopeFor = createServerScopes(() => core.defaultFeeds.map((feed) => feed.url), core.guildFeeds);
  return async () => {
    const subscriptions = await core.subscriptions.listAll();
    const scopes = new Map<string, Audience['scope']>();
    for (const guildId of new Set(subscriptions.map((s) => s.guildId))) scopes.set(guildId, await scopeFor(guildId));
    return subscriptions.map((subscription) => ({ subscription, scope: scopes.get(subscription.guildId) ?? EVERY_FEED }));
  };
}

/** Discord mode: the bot logs in, answers commands, and posts to subscribed channels. */
export async function startDiscord(config: Config, token: string, log: Logger, once = false, services: Services = {}): Promise<Running> {
  const core = openCore(config, log, services.defaultFeeds);
  const { metrics } = services;
  const now = () => new Date();
  const client: Client = createDiscordClient({ apiBase: config.discordApiBase, shards: config.shards, log });
  const transport = createClientTransport(client, token, config.discordApiBase);
  const closeDiscord = async () => {
    await client.destroy();
    transport.close();
  };
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
      // A start that had to read every record leaves a snapshot for the next one.
      void core.deals.saveSnapshot().catch((error: unknown) => log.warn({ err: error }, 'could not save the deal index snapshot'));
    },
    (error: unknown) => log.error({ err: error }, 'could not load the deal index; queries will load it'),
  );
  if (metrics) watchCore(metrics, core, () => gatewayState(client));
  const route = createInteractionRouter(commands, context, log, { warmingUp: () => !warm, onAnswered: metrics?.commandAnswered });
  // The router is the one error boundary and answers every failure itself; what escapes it is logged.
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((error: unknown) => log.error({ err: error }, 'interaction router failed'));
  });
  if (!runsEveryShard(config.shards) && config.store.kind === 'sqlite') {
    log.warn({ shards: config.shards }, 'this process runs only some of the shards: the processes that run the others must share its store, and a SQLite store is for one process; run every shard here (SHARD_COUNT without SHARD_IDS), or share a Postgres store');
  }
  await logIn(client, token).catch(async (error: unknown) => {
    await closeDiscord();
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
      await closeDiscord();
    },
    metrics,
  });
}
