/**
 * A whole bot for end-to-end tests: the Discord API emulator, the real discord.js client logged in
 * to it, the commands deployed through deployCommands, the interaction router on interactionCreate,
 * and a CommandContext over real stores on a temporary SQLite file.
 *
 *   const bot = await startBotHarness();
 *   const a = bot.emulator.guild('A');
 *   const reply = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscriptions' }).reply();
 *   bot.emulator.assertNoViolations();
 *   await bot.close();
 */
import type { Interaction } from 'discord.js';
import type { Client } from 'discord.js';
import { Events, REST } from 'discord.js';
import { commands } from '../../commands';
import type { Command } from '../../src/discord/command';
import type { CommandContext } from '../../src/discord/command-context';
import { createDiscordClient } from '../../src/discord/client';
import { createCommandContext } from '../../src/discord/create-command-context';
import { deployCommands } from '../../src/discord/deploy';
import type { DeployResult } from '../../src/discord/deploy';
import { NO_SWEEPERS } from '../../src/discord/rest-sweepers';
import { createInteractionRouter } from '../../src/discord/router';
import { createRuleClassifier } from '../../src/deals/classify';
import { createGazetteerPartyResolver } from '../../src/deals/parties';
import type { Classification, Classifier } from '../../src/deals/types';
import type { NewsItem } from '../../src/news/item';
import type { FeedSource } from '../../src/feeds/types';
import type { Logger } from '../../src/logger';
import { createSilentLogger } from '../../src/logger';
import type { DealStore } from '../../src/deals/service/deal-store';
import { createDealStores } from '../../src/app/deal-stores';
import type { GuildFeedStore } from '../../src/feeds/guild-feed-store';
import { createGuildFeedStore } from '../../src/feeds/guild-feed-store';
import type { Stores } from '../../src/app/stores';
import { openStores } from '../../src/app/stores';
import type { SubscriptionStore } from '../../src/posts/subscription-store';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { loadConfig } from '../../src/config';
import type { DiscordEmulator, DiscordEmulatorOptions } from './discord-emulator';
import { startDiscordEmulator } from './discord-emulator';
import { makeTempDatabase } from './temp-dir';
import { namespaceRecords } from '../../src/store/open-keyv';

export interface BotHarnessOptions {
  /** Default: the real rule classifier. */
  classifier?: Classifier;
  emulator?: DiscordEmulatorOptions;
  /** The operator's default feeds (default: none, so tests see only what they add). */
  defaultFeeds?: FeedSource[];
  /** The clock commands see (default: the real one). */
  now?: () => Date;
  log?: Logger;
  /** Default: the real list from commands/index.ts. */
  commands?: Command[];
  /** The router's start-up state (default: warm). */
  warmingUp?: () => boolean;
}

export interface BotHarness {
  emulator: DiscordEmulator;
  client: Client;
  stores: Stores;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  /** The deal store with its recording API, for seeding deals and stories. */
  deals: DealStore;
  classifier: Classifier;
  context: CommandContext;
  deployed: DeployResult;
  /** Errors the router's boundary let through (there should be none). */
  routerErrors: unknown[];
  /**
   * The ingest half of the pipeline for one feed, as the poller runs it: fetch and parse through the
   * SSRF guard (only 127.0.0.1 allowed), normalise, classify, record in the deal store.
   * Returns each item with its classification (tracked or not).
   */
  ingestFeed(feed: FeedSource): Promise<IngestedItem[]>;
  close(): Promise<void>;
}

export interface IngestedItem {
  item: NewsItem;
  classification: Classification;
  tracked: boolean;
}

export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const log = options.log ?? createSilentLogger();
  const emulator = await startDiscordEmulator(options.emulator);
  const db = makeTempDatabase();
  const stores = openStores(db.url, log);
  const guildFeeds = createGuildFeedStore(namespaceRecords(stores.keyv.namespace('guild-feeds')));
  const subscriptions = createSubscriptionStore(namespaceRecords(stores.keyv.namespace('subscriptions')));
  const deals = createDealStores(stores.keyv, { resolveParties: createGazetteerPartyResolver() });
  const classifier = options.classifier ?? createRuleClassifier();
  const defaults = options.defaultFeeds ?? [];
  const context = createCommandContext({
    stores,
    guildFeeds,
    subscriptions,
    classifier,
    deals,
    log,
    defaultFeeds: () => defaults,
    allowPrivateFeedHosts: false,
    // The SSRF guard stays on; only the local feed server's address is let through.
    isAllowedAddress: (ip) => ip === '127.0.0.1',
    now: options.now,
  });
  const config = loadConfig({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: db.url });
  const rest = new REST({ ...NO_SWEEPERS, api: emulator.apiBase, retries: 1, timeout: 5000 }).setToken(emulator.token);
  const list = options.commands ?? commands;
  const deployed = await deployCommands(config, rest, list);

  const client: Client = createDiscordClient({ apiBase: emulator.apiBase, log });
  const route = createInteractionRouter(list, context, log, { warmingUp: options.warmingUp });
  const routerErrors: unknown[] = [];
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    route(interaction).catch((error: unknown) => routerErrors.push(error));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.token);
  await ready;

  return {
    emulator,
    client,
    stores,
    guildFeeds,
    subscriptions,
    deals,
    classifier,
    context,
    deployed,
    routerErrors,
    async ingestFeed(feed) {
      const inspection = await context.inspectFeed(feed);
      const out: IngestedItem[] = [];
      // Oldest first, as the poller records them.
      for (const item of [...inspection.items].reverse()) {
        const classification = classifier.classify({ id: item.key, title: item.title, summary: item.summary, url: item.link, source: item.feedName, date: item.published });
        const tracked = (await deals.recordClassifiedItem(item, classification)) !== null;
        out.push({ item, classification, tracked });
      }
      return out;
    },
    async close() {
      await client.destroy();
      await emulator.close();
      await stores.close();
      db.cleanup();
    },
  };
}
