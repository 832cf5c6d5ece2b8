import type { NewsItem } from '../../news/item';

/** Backlog items waiting to be handed over, at most (about 1 KB each): past it, fetching waits. */
export const BACKLOG_WAITING_MAX = 8_000;

export interface BacklogBatches {
  /** Queues a feed's backlog; resolves once it is handed over, rejects if its batch failed. */
  add(items: NewsItem[]): Promise<void>;
  /** Resolves once fewer than the most allowed items wait (call it before fetching another feed). */
  room(): Promise<void>;
}

/**
 * Backlogs are handed over one batch at a time, and the feeds whose backlog arrived while a batch
 * was being handed over go together in the next one: tracking then reads and writes a deal once per
 * batch, however many of those feeds report it. A first cycle's tracking is slower than its
 * fetching, so batches grow to about `maxWaiting` items; then fetching waits for room (`room()`)
 * instead of piling items up in memory. Small batches made a first cycle of 5,000 feeds read every
 * busy deal again for nearly every report (8 feeds' backlogs a batch, hundreds of deals in each).
 */
export function createBacklogBatches(handOverBatch: (items: NewsItem[]) => Promise<void>, maxWaiting = BACKLOG_WAITING_MAX): BacklogBatches {
  let waiting: { items: NewsItem[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let waitingItems = 0;
  let roomWaiters: (() => void)[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      waitingItems = 0;
      for (const wake of roomWaiters) wake();
      roomWaiters = [];
      try {
        await handOverBatch(batch.flatMap((feed) => feed.items));
        for (const feed of batch) feed.resolve();
      } catch (error) {
        for (const feed of batch) feed.reject(error);
      }
    }
    running = false;
  };
  return {
    add: (items) =>
      new Promise<void>((resolve, reject) => {
        if (items.length === 0) {
          resolve();
          return;
        }
        waiting.push({ items, resolve, reject });
        waitingItems += items.length;
        if (!running) void drain();
      }),
    room: () => (waitingItems < maxWaiting ? Promise.resolve() : new Promise<void>((resolve) => roomWaiters.push(resolve))),
  };
}
