import type { NewsItem } from '../../news/item';
import { asBacklog } from '../../news/item';
import type { FeedStateStore } from './feed-state-store';
import type { ItemStore } from '../../store/item-store';
import { serverFeedSource } from '../feed-host';
import { recordSuccess } from './feed-health';

/**
 * Takes a newly added feed's current items as its back catalogue (pending as backlog: the next cycle
 * tracks their deals and posts none of them) and records the feed as seeded, so that adding a feed
 * never floods a channel: only what it publishes afterwards is new.
 */
export async function seedFeed(
  stores: { feedStates: FeedStateStore; items: ItemStore },
  feedUrl: string,
  items: NewsItem[],
  now: Date,
): Promise<void> {
  const { name } = serverFeedSource(feedUrl);
  const unseen = await stores.items.filterUnseen(items);
  await stores.items.addPending(unseen.map((item) => asBacklog({ ...item, feedName: name })));
  const state = await stores.feedStates.get(feedUrl);
  if (state.seeded && !state.disabled) return;
  // Re-adding a disabled feed gives it a fresh start.
  await stores.feedStates.save({
    ...recordSuccess({ ...state, disabled: false, disabledReason: undefined }, now, { itemCount: items.length }),
    seeded: true,
  });
}
