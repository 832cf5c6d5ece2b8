import type { NewsItem } from '../../news/item';
import { itemTime, planTracking } from '../stories';
import type { Classification } from '../types';
import type { DealStorage } from './deal-namespaces';
import { directoryBucket } from './deal-namespaces';
import { setManyBatched } from './record-map';
import { startNewEpoch } from './deal-revision';
import { itemId } from '../../shared/item-id';
import { MemoryRecords } from './memory-records';

export interface ClassifiedItem {
  item: NewsItem;
  classification: Classification;
}

export interface RebuildSummary {
  /** Items read. */
  items: number;
  /** Items that became deal entries (partnerships with a status and two or more parties). */
  tracked: number;
  deals: number;
  stories: number;
  /** Milliseconds spent reading the input, clustering and folding in memory, and writing. */
  readMs: number;
  trackMs: number;
  writeMs: number;
}

/** Every deal and story tracked from the items, in memory, ready to replace the stored ones. */
export interface RebuiltDeals {
  records: MemoryRecords;
  summary: Omit<RebuildSummary, 'writeMs'>;
}

/**
 * Rebuilds every story and deal timeline from classified items (after a classifier change, or to
 * repair the store), in two steps: `trackInMemory` tracks the items oldest first, in memory, with the
 * same rules as live tracking (seconds of work that reads nothing of the deals); `replaceDealRecords`
 * then replaces the deal namespaces and starts a new epoch, which makes every cache reload. If it
 * stops half way, run it again: the items are the source of truth.
 */
export async function trackInMemory(input: AsyncIterable<ClassifiedItem> | Iterable<ClassifiedItem>): Promise<RebuiltDeals> {
  const started = performance.now();
  const queue: { id: string; at: number; seen: number; value: ClassifiedItem }[] = [];
  let items = 0;
  for await (const value of input) {
    items += 1;
    if (!value.classification.isPartnership) continue;
    const at = Date.parse(itemTime(value.item));
    queue.push({ id: itemId(value.item), at, seen: Date.parse(value.item.firstSeen) || at, value });
  }
  queue.sort((a, b) => a.at - b.at || a.seen - b.seen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const read = performance.now();

  const records = new MemoryRecords();
  let tracked = 0;
  for (const { id, value } of queue) {
    const plan = await planTracking(records, { itemId: id, item: value.item, classification: value.classification });
    if (plan === null || plan.repeated) continue;
    records.apply(plan);
    tracked += 1;
  }
  const planned = performance.now();
  return {
    records,
    summary: { items, tracked, deals: records.deals.size, stories: records.stories.size, readMs: read - started, trackMs: planned - read },
  };
}

export async function replaceDealRecords(ns: DealStorage, { records, summary }: RebuiltDeals): Promise<RebuildSummary> {
  const started = performance.now();
  await Promise.all([ns.deals, ns.stories, ns.entries, ns.sources, ns.pairs, ns.directory, ns.log].map((keyv) => keyv.clear()));
  const directory = new Map<string, string[]>();
  for (const id of records.deals.keys()) {
    const bucket = directoryBucket(id);
    directory.set(bucket, [...(directory.get(bucket) ?? []), id]);
  }
  await setManyBatched(ns.stories, [...records.stories].map(([key, value]) => ({ key, value })));
  await setManyBatched(ns.deals, [...records.deals].map(([key, value]) => ({ key, value })));
  await setManyBatched(ns.pairs, [...records.pairs].map(([key, value]) => ({ key, value })));
  await setManyBatched(ns.directory, [...directory].map(([key, value]) => ({ key, value })));
  await startNewEpoch(ns);
  await ns.afterBulkWrite();
  return { ...summary, writeMs: performance.now() - started };
}
