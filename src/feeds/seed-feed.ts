import type { NewsItem } from '../news/item';
import type { FeedStateStore } from '../store/feed-store';
import type { ItemStore } from '../store/item-store';
import { recordSuccess } from './feed-health';

/**
 * Records a newly added feed's current items as seen and the feed as seeded, so that adding a feed
 * never floods a channel with its back catalogue: only what it publishes afterwards is new.
 */
export async function seedFeed(
  stores: { feedStates: FeedStateStore; items: ItemStore },
  feedUrl: string,
  items: NewsItem[],
  now: Date,
): Promise<void> {
  await stores.items.markSeen(items);
  const state = await stores.feedStates.get(feedUrl);
  if (state.seeded && !state.disabled) return;
  // Re-adding a disabled feed gives it a fresh start.
  await stores.feedStates.save({
    ...recordSuccess({ ...state, disabled: false, disabledReason: undefined }, now, { itemCount: items.length }),
    seeded: true,
  });
}
