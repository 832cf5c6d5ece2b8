import { partyPairKeys } from '../stories';
import type { TrackingRecords, TrackPlan } from '../stories';
import type { DealRecord, Story } from '../tracking-types';

/**
 * Tracking's records held in memory: every plan applied here is seen by the next item's tracking.
 * Over `below` (the store), reads fall through for what this batch has not written yet, and are kept
 * for the rest of the batch; without it (a rebuild), memory is everything.
 */
export class MemoryRecords implements TrackingRecords {
  readonly deals = new Map<string, DealRecord>();
  readonly stories = new Map<string, Story>();
  /** Pair key → ids of the deals this batch created with that pair. */
  readonly pairs = new Map<string, string[]>();
  private readonly readDeals = new Map<string, DealRecord | undefined>();
  private readonly readStories = new Map<string, Story | undefined>();
  private readonly readPairs = new Map<string, readonly string[]>();

  constructor(private readonly below?: TrackingRecords) {}

  async getDeals(ids: readonly string[]): Promise<(DealRecord | undefined)[]> {
    return this.read(ids, this.deals, this.readDeals, (missing) => this.below?.getDeals(missing));
  }

  async getDealIdsForPairs(pairKeys: readonly string[]): Promise<string[]> {
    const below = this.below;
    if (below !== undefined) {
      for (const key of pairKeys.filter((k) => !this.readPairs.has(k))) this.readPairs.set(key, await below.getDealIdsForPairs([key]));
    }
    return [...new Set(pairKeys.flatMap((key) => [...(this.readPairs.get(key) ?? []), ...(this.pairs.get(key) ?? [])]))];
  }

  /** A deal as it was read from below, before this batch changed it (undefined: none, or not read). */
  original(id: string): DealRecord | undefined {
    return this.readDeals.get(id);
  }

  /** A story as it was read from below, before this batch changed it. */
  originalStory(id: string): Story | undefined {
    return this.readStories.get(id);
  }

  async getStories(ids: readonly string[]): Promise<(Story | undefined)[]> {
    return this.read(ids, this.stories, this.readStories, (missing) => this.below?.getStories(missing));
  }

  apply(plan: TrackPlan): void {
    this.stories.set(plan.story.id, plan.story);
    this.deals.set(plan.deal.id, plan.deal);
    if (!plan.dealIsNew) return;
    for (const key of partyPairKeys(plan.deal.parties)) this.pairs.set(key, [...(this.pairs.get(key) ?? []), plan.deal.id]);
  }

  private async read<T>(
    ids: readonly string[],
    held: Map<string, T>,
    read: Map<string, T | undefined>,
    fetch: (missing: string[]) => Promise<(T | undefined)[]> | undefined,
  ): Promise<(T | undefined)[]> {
    const missing = ids.filter((id) => !held.has(id) && !read.has(id));
    if (missing.length > 0 && this.below !== undefined) {
      const fetched = (await fetch(missing)) ?? [];
      missing.forEach((id, i) => read.set(id, fetched[i]));
    }
    return ids.map((id) => held.get(id) ?? read.get(id));
  }
}
