import type { Classification } from '../deals/types';
import type { FeedSource } from '../feeds/types';
import { createSilentLogger } from '../logger';
import type { NewsItem } from '../news/item';
import { createDealStores } from '../app/deal-stores';
import { createGuildFeedStore } from '../feeds/guild-feed-store';
import { openStores } from '../app/stores';
import { generateSyntheticDeals } from './synthetic-deal-items';
import { namespaceRecords } from '../store/open-keyv';

/**
 * A bot's store as the command benchmarks need it: 100,000 classified items from the deal store
 * engineer's synthetic generator (about 10,000 deals), written to the item store, with every deal
 * timeline rebuilt from them through the deal store's rebuild API, and one server (`guildId`) that
 * added three feeds of its own. The generator's feed URLs are moved onto `feedOrigin` (a loopback
 * server) so that a real bot started on this store polls nothing beyond 127.0.0.1.
 */
export interface BenchStoreOptions {
  databaseUrl: string;
  /** e.g. http://127.0.0.1:40123 */
  feedOrigin: string;
  guildId: string;
  items?: number;
  deals?: number;
}

export interface BenchStore {
  items: number;
  deals: number;
  stories: number;
  defaultFeeds: FeedSource[];
  /** The feeds the one server added. */
  guildFeeds: FeedSource[];
  /** The generator's party sets, for realistic questions. */
  partySets: string[][];
  writeItemsMs: number;
  rebuildMs: number;
}

const GUILD_FEEDS = 3;
/** Items stored per write, as a feed's poll stores them. */
const ITEMS_PER_WRITE = 50;

export async function prepareBenchStore(options: BenchStoreOptions): Promise<BenchStore> {
  const corpus = generateSyntheticDeals({ items: options.items ?? 100_000, deals: options.deals ?? 10_000 });
  const moved = new Map<string, string>();
  corpus.defaultFeedUrls.forEach((url, i) => moved.set(url, `${options.feedOrigin}/outlets/${i}/feed.xml`));
  corpus.serverFeedUrls.forEach((url, i) => moved.set(url, `${options.feedOrigin}/server-feeds/${i}/rss.xml`));
  const classified: { item: NewsItem; classification: Classification }[] = corpus.items.map(({ item, classification }) => ({
    item: { ...item, feedUrl: moved.get(item.feedUrl) ?? item.feedUrl },
    classification,
  }));

  const stores = openStores(options.databaseUrl, createSilentLogger());
  const { keyv } = stores;
  try {
    let started = performance.now();
    for (let i = 0; i < classified.length; i += ITEMS_PER_WRITE) await stores.items.markSeen(classified.slice(i, i + ITEMS_PER_WRITE).map(({ item }) => item));
    const writeItemsMs = performance.now() - started;
    started = performance.now();
    const summary = await createDealStores(keyv).rebuildDeals(classified);
    const rebuildMs = performance.now() - started;

    const defaultFeeds = corpus.defaultFeedUrls.map((url, i) => ({ url: moved.get(url) ?? url, name: `Outlet ${i}` }));
    const guildFeeds = corpus.serverFeedUrls.slice(0, GUILD_FEEDS).map((url, i) => ({ url: moved.get(url) ?? url, name: `Server feed ${i}` }));
    const guildFeedStore = createGuildFeedStore(namespaceRecords(keyv.namespace('guild-feeds')));
    for (const feed of guildFeeds) await guildFeedStore.add(options.guildId, { ...feed, addedAt: new Date().toISOString(), addedBy: 'bench' });
    return {
      items: summary.items,
      deals: summary.deals,
      stories: summary.stories,
      defaultFeeds,
      guildFeeds,
      partySets: corpus.partySets,
      writeItemsMs,
      rebuildMs,
    };
  } finally {
    await stores.close();
  }
}
