import type { FeedState } from './feed-health';
import { initialFeedState } from './feed-health';

/** Per-URL poll state: HTTP validators and health. One record per feed URL, shared by all servers. */
export interface FeedStateStore {
  get(url: string): Promise<FeedState>;
  getMany(urls: string[]): Promise<FeedState[]>;
  save(state: FeedState): Promise<void>;
}

/** What the feed-state store needs of storage: records by URL (a Keyv namespace is one; src/store provides it). */
export interface FeedStateRecords {
  get(url: string): Promise<FeedState | undefined>;
  getMany(urls: string[]): Promise<(FeedState | undefined)[]>;
  set(url: string, state: FeedState): Promise<unknown>;
}

/** Feed states over their records: a feed never polled has its initial state. */
export function createFeedStateStore(records: FeedStateRecords): FeedStateStore {
  return {
    async get(url) {
      return (await records.get(url)) ?? initialFeedState(url);
    },
    async getMany(urls) {
      if (urls.length === 0) return [];
      const found = await records.getMany(urls);
      return urls.map((url, i) => found[i] ?? initialFeedState(url));
    },
    async save(state) {
      await records.set(state.url, state);
    },
  };
}
