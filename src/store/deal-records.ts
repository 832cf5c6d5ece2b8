import { partyPairKeys } from '../deals/stories';
import type { TrackingRecords, TrackPlan } from '../deals/stories';
import type { DealRecord } from '../deals/tracking-types';
import type { DealNamespaces } from './deal-namespaces';
import { directoryBucket } from './deal-namespaces';
import type { DealRevision } from './deal-namespaces';
import { setManyBatched } from './batched-writes';
import { bumpRevision } from './deal-revision';
import type { MemoryRecords } from './memory-records';

/** Tracking's reads, straight from the store (never from a cache: another process may have written). */
export function createStoreRecords(ns: DealNamespaces): TrackingRecords {
  return {
    async getDeals(ids) {
      return ids.length === 0 ? [] : ns.deals.getMany([...ids]);
    },
    async getDealIdsForPairs(pairKeys) {
      if (pairKeys.length === 0) return [];
      const lists = await ns.pairs.getMany([...pairKeys]);
      return [...new Set(lists.flatMap((list) => list ?? []))];
    },
    async getStories(ids) {
      return ids.length === 0 ? [] : ns.stories.getMany([...ids]);
    },
  };
}

/**
 * Writes a tracking plan. Order matters for crash safety: the story, then the deal, then the
 * indexes, then the revision. A replay of the same item after a crash at any point finds the deal
 * by its id, or the story by its derived id, and completes the missing writes (ensureIndexed).
 */
export async function writeTrackPlan(ns: DealNamespaces, plan: TrackPlan): Promise<{ before: DealRevision; after: DealRevision }> {
  if (!plan.repeated) {
    await ns.stories.set(plan.story.id, plan.story);
    await ns.deals.set(plan.deal.id, plan.deal);
  }
  await ensureIndexed(ns, [plan.deal]);
  return bumpRevision(ns, { deals: [plan.deal.id], stories: [plan.story.id] });
}

/**
 * Writes what a batch tracked in memory (MemoryRecords over the store), in the same order as
 * writeTrackPlan: stories, deals, indexes, then one revision for all of it. Null when nothing changed.
 */
export async function writeTrackedBatch(ns: DealNamespaces, records: MemoryRecords): Promise<{ before: DealRevision; after: DealRevision } | null> {
  if (records.deals.size === 0) return null;
  await setManyBatched(ns.stories, [...records.stories].map(([key, value]) => ({ key, value })));
  await setManyBatched(ns.deals, [...records.deals].map(([key, value]) => ({ key, value })));
  await ensureIndexed(ns, [...records.deals.values()]);
  return bumpRevision(ns, { deals: [...records.deals.keys()], stories: [...records.stories.keys()] });
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

