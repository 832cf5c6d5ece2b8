import type { Classifier } from '../deals/types';
import type { Logger } from '../logger';
import type { NewsItem } from '../news/item';
import type { DealStore } from '../store/deal-store';
import type { OutboxStore } from '../store/outbox-store';
import { StoreFailure } from '../store/store-failure';
import type { Audience } from './plan-posts';
import { planPosts } from './plan-posts';
import type { PostObserver } from './post-observer';

export interface NewItemDeps {
  classifier: Classifier;
  deals: DealStore;
  outbox: OutboxStore;
  /** Who may get posts now: every active subscription with its server's scope. */
  audiences: () => Promise<Audience[]>;
  log: Logger;
  now: () => Date;
  /** Told about each new item and its classification (console mode prints it). */
  onClassified?: (item: NewsItem, classification: ReturnType<Classifier['classify']>) => void;
  observer?: Pick<PostObserver, 'queued'>;
}

/**
 * The stage after the poller: classify each new item, track deal stories, and queue the posts each
 * subscribed channel should get. Idempotent per item (the poller may hand an item over again after a
 * crash): tracking recognises it and the outbox ignores entries it already queued or sent.
 */
export function createNewItemHandler(deps: NewItemDeps): (items: NewsItem[]) => Promise<void> {
  async function handleItem(item: NewsItem, audiences: Audience[]): Promise<void> {
    const classification = deps.classifier.classify({
      title: item.title,
      summary: item.summary,
      url: item.link,
      source: item.feedName,
      date: item.published,
    });
    deps.onClassified?.(item, classification);
    const tracked = await deps.deals.recordClassifiedItem(item, classification);
    if (!tracked) return;
    const queued = await deps.outbox.enqueue(planPosts(tracked, audiences, deps.now()));
    deps.observer?.queued(queued);
    deps.log.debug({ item: item.key, feed: item.feedUrl, deal: tracked.deal.id, story: tracked.story.id, queued }, 'tracked a deal story');
  }

  // One item that fails every time must not hold back the others: it is logged and skipped. When
  // the store itself fails, or every item fails, the cause is not the items: they all stay pending
  // for the next cycle.
  return async (items) => {
    const audiences = await deps.audiences();
    let failed = 0;
    let lastError: unknown;
    for (const item of items) {
      try {
        await handleItem(item, audiences);
      } catch (error) {
        if (error instanceof StoreFailure) throw error;
        failed += 1;
        lastError = error;
        deps.log.error({ err: error, item: item.key, feed: item.feedUrl, title: item.title }, 'could not process an item; skipped');
      }
    }
    if (failed > 0 && failed === items.length) throw lastError;
  };
}
