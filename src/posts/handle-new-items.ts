import type { TrackPlan } from '../deals/stories';
import { isTrackable } from '../deals/stories';
import type { Classification, Classifier } from '../deals/types';
import type { Logger } from '../logger';
import type { NewsItem } from '../news/item';
import type { DealStore } from '../deals/service';
import type { ClassifiedItem } from '../deals/service';
import { StoreFailure } from '../shared/store-failure';
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
  /** Told about each new item (not backlog) and its classification (console mode prints it). */
  onClassified?: (item: NewsItem, classification: Classification) => void;
}

/**
 * New items are tracked and planned this many at a time: what planning needs of each (the story and
 * the deal as tracking left them) is then held for a chunk, not for a whole cycle; a 5,000-feed
 * cycle's 2,500 new items kept every deal they touched, timeline and stories, in memory (about
 * 150 MB of a 252 MB live heap). The planned posts (small) are still queued once for the whole cycle.
 * A deal moved by a later chunk gets its own status-change post.
 */
export const NEW_ITEMS_CHUNK = 250;

type Attempt = (item: NewsItem, task: () => Promise<void>) => Promise<void>;

/**
 * The stage after the poller: classify each new item, track deal stories, and queue the posts each
 * subscribed channel should get (delivery is the delivery loop's, apart from polling). Back-catalogue
 * items (NewsItem.backlog: a feed's first poll, items past the age limit) are classified and tracked
 * in one batch, so deal answers know them from the first minute, and never posted. Idempotent per
 * item (the poller may hand an item over again after a crash): tracking recognises it and the outbox
 * ignores entries it already queued or sent.
 *
 * One item that fails every time must not hold back the others: it is logged and skipped. When the
 * store itself fails, or every item fails, the cause is not the items: they all stay pending for the
 * next cycle. The cycle's posts are queued together, so each channel's burst is one round (no floods:
 * at most the cap per channel, the rest in one digest, however many chunks the cycle took).
 */
export function createNewItemHandler(deps: NewItemDeps): (items: NewsItem[]) => Promise<void> {
  const classify = (item: NewsItem): Classification =>
    deps.classifier.classify({ title: item.title, summary: item.summary, url: item.link, source: item.feedName, date: item.published });

  return async (items) => {
    let failed = 0;
    let lastError: unknown;
    const skip = (item: NewsItem, error: unknown): void => {
      failed += 1;
      lastError = error;
      deps.log.error({ err: error, item: item.key, feed: item.feedUrl, title: item.title }, 'could not process an item; skipped');
    };
    const attempt: Attempt = async (item, task) => {
      try {
        await task();
      } catch (error) {
        if (error instanceof StoreFailure) throw error;
        skip(item, error);
      }
    };

    const backlog: ClassifiedItem[] = [];
    for (const item of items.filter((i) => i.backlog)) {
      await attempt(item, async () => {
        const classification = classify(item);
        // Only deal reports are kept for tracking: a first cycle's batch is thousands of items.
        if (isTrackable(classification)) backlog.push({ item, classification });
      });
    }
    await trackBacklog(backlog, attempt);

    const fresh = items.filter((i) => !i.backlog);
    const planned: OutboxEntry[] = [];
    for (let i = 0; i < fresh.length; i += NEW_ITEMS_CHUNK) planned.push(...(await trackAndPlan(fresh.slice(i, i + NEW_ITEMS_CHUNK), attempt)));
    if (failed > 0 && failed === items.length) throw lastError;
    const queued = await deps.enqueue(planned);
    if (queued > 0) deps.log.info({ posts: queued }, 'queued posts');
  };

  /**
   * Every item of the chunk is tracked before any post is planned, so that a post about a story the
   * rest of the chunk has overtaken (talks, then the signing) says so.
   */
  async function trackAndPlan(chunk: NewsItem[], attempt: Attempt): Promise<OutboxEntry[]> {
    const tracked: { item: NewsItem; plan: TrackPlan }[] = [];
    for (const item of chunk) {
      await attempt(item, async () => {
        const classification = classify(item);
        deps.onClassified?.(item, classification);
        const plan = await deps.deals.recordClassifiedItem(item, classification);
        if (plan) tracked.push({ item, plan });
      });
    }
    const latest = new Map(tracked.map(({ plan }) => [plan.deal.id, plan.deal]));
    const audiences = tracked.length > 0 ? await deps.audiences() : [];
    const planned: OutboxEntry[] = [];
    for (const { item, plan } of tracked) {
      await attempt(item, async () => {
        const posts = planPosts(plan, audiences, deps.now(), latest.get(plan.deal.id));
        planned.push(...posts);
        deps.log.debug({ item: item.key, feed: item.feedUrl, deal: plan.deal.id, story: plan.story.id, planned: posts.length }, 'tracked a deal story');
      });
    }
    return planned;
  }

  /**
   * The back catalogue's deal reports in one call (the deal store writes them in batches of whole
   * deals); if that fails, one by one, so that one bad item cannot hold back the rest.
   */
  async function trackBacklog(backlog: ClassifiedItem[], attempt: Attempt): Promise<void> {
    if (backlog.length === 0) return;
    try {
      const tracked = await deps.deals.recordClassifiedBatch(backlog);
      deps.log.debug({ reports: backlog.length, tracked }, 'tracked back catalogue');
    } catch (error) {
      if (error instanceof StoreFailure) throw error;
      deps.log.warn({ err: error, reports: backlog.length }, 'could not track back catalogue in batches; tracking it item by item');
      for (const { item, classification } of backlog) await attempt(item, async () => void (await deps.deals.recordClassifiedItem(item, classification)));
    }
  }
}
