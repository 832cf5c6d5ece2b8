import type { FeedSource } from './types';
import type { KeyedLock, ListRecords } from '../shared/keyed-lock';
import { createKeyedQueue } from '../shared/keyed-lock';

/** A feed one server added with /feeds add. Only that server sees what comes from it. */
export interface GuildFeed extends FeedSource {
  addedAt: string;
  addedBy: string;
}

export const MAX_FEEDS_PER_GUILD = 25;

export class GuildFeedLimitError extends Error {
  constructor() {
    super(`a server can add at most ${MAX_FEEDS_PER_GUILD} feeds; remove one first`);
    this.name = 'GuildFeedLimitError';
  }
}

export interface GuildFeedStore {
  list(guildId: string): Promise<GuildFeed[]>;
  /** Adds or renames; returns false when the URL was already there (renamed if the name differs). */
  add(guildId: string, feed: GuildFeed): Promise<boolean>;
  remove(guildId: string, url: string): Promise<GuildFeed | undefined>;
  /** Every server's feeds, for the poller: each URL once, with the servers that use it. */
  listAll(): Promise<Map<string, { feed: FeedSource; guildIds: string[] }>>;
}

/**
 * One record per server (its feed list). Writes for one server run one at a time (`serialise`: in
 * this process, or across processes with the store's recordLock), so two quick /feeds add commands
 * do not overwrite each other.
 */
export function createGuildFeedStore(records: ListRecords<GuildFeed>, serialise: KeyedLock = createKeyedQueue()): GuildFeedStore {
  const list = async (guildId: string) => (await records.get(guildId)) ?? [];

  return {
    list,
    add: (guildId, feed) =>
      serialise(guildId, async () => {
        const feeds = await list(guildId);
        const existing = feeds.find((f) => f.url === feed.url);
        if (!existing && feeds.length >= MAX_FEEDS_PER_GUILD) throw new GuildFeedLimitError();
        const next = existing ? feeds.map((f) => (f.url === feed.url ? { ...f, name: feed.name } : f)) : [...feeds, feed];
        await records.set(guildId, next);
        return !existing;
      }),
    remove: (guildId, url) =>
      serialise(guildId, async () => {
        const feeds = await list(guildId);
        const removed = feeds.find((f) => f.url === url);
        if (!removed) return undefined;
        const rest = feeds.filter((f) => f.url !== url);
        if (rest.length > 0) await records.set(guildId, rest);
        else await records.delete(guildId);
        return removed;
      }),
    async listAll() {
      const all = new Map<string, { feed: FeedSource; guildIds: string[] }>();
      for await (const [guildId, feeds] of records.entries()) {
        for (const feed of feeds) {
          const entry = all.get(feed.url) ?? { feed: { url: feed.url, name: feed.name }, guildIds: [] };
          entry.guildIds.push(guildId);
          all.set(feed.url, entry);
        }
      }
      return all;
    },
  };
}
