import { partyPairKeys } from '../stories';
import type { TrackingRecords } from '../stories';
import type { DealRecord } from '../tracking-types';
import type { DealNamespaces } from './deal-namespaces';
import { directoryBucket } from './deal-namespaces';
import type { DealRevision } from './deal-namespaces';
import { readDeals, readStories, writeDeals, writeStories } from './deal-parts';
import { bumpRevision } from './deal-revision';
import type { MemoryRecords } from './memory-records';

/** Tracking's reads, straight from the store (deal-tracking-cache.ts keeps them between writes only while the revision shows no other write). */
export function createStoreRecords(ns: DealNamespaces): TrackingRecords {
  return {
    async getDeals(ids) {
      return ids.length === 0 ? [] : readDeals(ns, ids);
    },
    async getDealIdsForPairs(pairKeys) {
      if (pairKeys.length === 0) return [];
      const lists = await ns.pairs.getMany([...pairKeys]);
      return [...new Set(lists.flatMap((list) => list ?? []))];
    },
    async getStories(ids) {
      return ids.length === 0 ? [] : readStories(ns, ids);
    },
  };
}

/**
 * Writes what tracking decided in memory (MemoryRecords over the store: one item, or a batch). Order
 * matters for crash safety: stories, then deals (each its new part, then its head: deal-parts.ts),
 * then the indexes, then one revision for all of it. A replay of the same items after a crash at
 * any point finds the deal by its id, or the story by its derived id, and completes the missing
 * writes (a repeat is written again as it is, which completes its indexes). `revision`: the store's
 * revision as this writer read it before tracking (TrackingCache.open). Null when nothing was tracked.
 */
export async function writeTrackedBatch(ns: DealNamespaces, records: MemoryRecords, revision: DealRevision): Promise<{ before: DealRevision; after: DealRevision } | null> {
  if (records.deals.size === 0) return null;
  await writeStories(ns, [...records.stories].map(([id, after]) => ({ before: records.originalStory(id), after })));
  await writeDeals(ns, [...records.deals].map(([id, after]) => ({ before: records.original(id), after })));
  await ensureIndexed(ns, [...records.deals.values()]);
  return bumpRevision(ns, { deals: [...records.deals.keys()], stories: [...records.stories.keys()] }, revision);
}

/** Each deal is listed under each of its party pairs and in its directory bucket (one read and one write of each). */
export async function ensureIndexed(ns: DealNamespaces, deals: readonly Pick<DealRecord, 'id' | 'parties'>[]): Promise<void> {
  await addToLists(ns.pairs, deals.flatMap((deal) => partyPairKeys(deal.parties).map((key) => ({ key, id: deal.id }))));
  await addToLists(ns.directory, deals.map((deal) => ({ key: directoryBucket(deal.id), id: deal.id })));
}

/** Adds each id to the list under its key, writing only the lists that change. */
async function addToLists(lists: DealNamespaces['pairs'], wanted: readonly { key: string; id: string }[]): Promise<void> {
  const keys = [...new Set(wanted.map((w) => w.key))];
  if (keys.length === 0) return;
  const current = new Map(keys.map((key, i) => [key, i]));
  const values = (await lists.getMany(keys)).map((list) => list ?? []);
  const changed = new Set<number>();
  for (const { key, id } of wanted) {
    const i = current.get(key) as number;
    if (values[i]?.includes(id)) continue;
    values[i] = [...(values[i] ?? []), id];
    changed.add(i);
  }
  if (changed.size > 0) await lists.setMany([...changed].map((i) => ({ key: keys[i] as string, value: values[i] ?? [] })));
}

