import type { Keyv } from 'keyv';
import type { FeedState } from './feed-health';
import { initialFeedState } from './feed-health';

/** Per-URL poll state: HTTP validators and health. One record per feed URL, shared by all servers. */
export interface FeedStateStore {
  get(url: string): Promise<FeedState>;
  getMany(urls: string[]): Promise<FeedState[]>;
  save(state: FeedState): Promise<void>;
}

export function createFeedStateStore(keyv: Keyv<FeedState>): FeedStateStore {
  return {
    async get(url) {
      return (await keyv.get(url)) ?? initialFeedState(url);
    },
    async getMany(urls) {
      if (urls.length === 0) return [];
      const found = await keyv.getMany(urls);
      return urls.map((url, i) => found[i] ?? initialFeedState(url));
    },
    async save(state) {
      await keyv.set(state.url, state);
    },
  };
}
