import type { Logger } from '../logger';
import type { FeedStateStore } from '../feeds/poll';
import { createFeedStateStore } from '../feeds/poll';
import type { ItemStore } from '../store/item-store';
import type { OpenedStore } from '../store/open-keyv';
import { openKeyvFactory } from '../store/open-keyv';

/** Every typed store the bot uses, over one backend (one Keyv namespace per kind of record, and the item tables). */
export interface Stores {
  feedStates: FeedStateStore;
  items: ItemStore;
  /** The factory, for stores added by later layers (deals, subscriptions, outbox). */
  keyv: OpenedStore;
  close(): Promise<void>;
}

export function openStores(databaseUrl: string, log: Logger): Stores {
  const keyv = openKeyvFactory(databaseUrl, log);
  return {
    feedStates: createFeedStateStore(keyv.namespace('feed-state')),
    items: keyv.items(),
    keyv,
    close: () => keyv.close(),
  };
}
