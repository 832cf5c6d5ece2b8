import type { NewsItem } from '../../news/item';

/**
 * Backlogs are handed over one batch at a time, and the feeds whose backlog arrived while a batch
 * was being handed over go together in the next one: tracking then reads and writes a deal once per
 * batch, however many of those feeds report it (one feed at a time, a first cycle read every busy
 * deal again for each feed). Each feed's call resolves once its own items are handed over, and a
 * feed keeps its fetch slot until then, so a batch holds at most `concurrency` feeds' backlogs.
 */
export function createBacklogBatches(handOverBatch: (items: NewsItem[]) => Promise<void>): (items: NewsItem[]) => Promise<void> {
  let waiting: { items: NewsItem[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await handOverBatch(batch.flatMap((feed) => feed.items));
        for (const feed of batch) feed.resolve();
      } catch (error) {
        for (const feed of batch) feed.reject(error);
      }
    }
    running = false;
  };
  return (items) =>
    new Promise<void>((resolve, reject) => {
      if (items.length === 0) {
        resolve();
        return;
      }
      waiting.push({ items, resolve, reject });
      if (!running) void drain();
    });
}
