import type { Classifier } from '../deals/types';
import type { Logger } from '../logger';
import type { NewsItem } from '../news/item';
import type { DealStore } from '../store/deal-store';
import type { OutboxEntry } from './outbox';
import type { Audience } from './plan-posts';
import { planPosts } from './plan-posts';

export interface NewItemDeps {
  classifier: Classifier;
  deals: DealStore;
  /** Queues posts for delivery (the delivery loop's enqueue). */
  enqueue: (entries: OutboxEntry[]) => Promise<number>;
  /** Who may get posts: every subscription (paused ones keep theirs) with its server's scope. */
  audiences: () => Promise<Audience[]>;
  log: Logger;
  now: () => Date;
  /** Told about each new item and its classification (console mode prints it). */
  onClassified?: (item: NewsItem, classification: ReturnType<Classifier['classify']>) => void;
}

/**
 * The stage after the poller: classify each new item, track deal stories, and queue the posts each
 * subscribed channel should get (delivery is the delivery loop's, apart from polling). Idempotent per
 * item (the poller may hand an item over again after a crash): tracking recognises it and the outbox
 * ignores entries it already queued or sent.
 */
export function createNewItemHandler(deps: NewItemDeps): (items: NewsItem[]) => Promise<void> {
  async function planItem(item: NewsItem, audiences: Audience[]): Promise<OutboxEntry[]> {
    const classification = deps.classifier.classify({
      title: item.title,
      summary: item.summary,
      url: item.link,
      source: item.feedName,
      date: item.published,
    });
    deps.onClassified?.(item, classification);
    const tracked = await deps.deals.recordClassifiedItem(item, classification);
    if (!tracked) return [];
    const planned = planPosts(tracked, audiences, deps.now());
    deps.log.debug({ item: item.key, feed: item.feedUrl, deal: tracked.deal.id, story: tracked.story.id, planned: planned.length }, 'tracked a deal story');
    return planned;
  }

  // One item that fails every time must not hold back the others: it is logged and skipped. When
  // every item fails, the cause is not the items (the store is down): they stay pending for the
  // next cycle. The cycle's posts are queued together, so each channel's burst is one round.
  return async (items) => {
    const audiences = await deps.audiences();
    const planned: OutboxEntry[] = [];
    let failed = 0;
    let lastError: unknown;
    for (const item of items) {
      try {
        planned.push(...(await planItem(item, audiences)));
      } catch (error) {
        failed += 1;
        lastError = error;
        deps.log.error({ err: error, item: item.key, feed: item.feedUrl, title: item.title }, 'could not process an item; skipped');
      }
    }
    if (failed > 0 && failed === items.length) throw lastError;
    const queued = await deps.enqueue(planned);
    if (queued > 0) deps.log.info({ posts: queued }, 'queued posts');
  };
}
