import { partyPairKeys } from '../../src/deals/stories';
import type { TrackPlan, TrackingRecords } from '../../src/deals/stories';
import { planTracking } from '../../src/deals/stories';
import type { DealRecord, Story } from '../../src/deals/tracking-types';
import type { Classification } from '../../src/deals/types';
import type { NewsItem } from '../../src/news/item';

/** Tracking records in memory, for tests of what happens downstream of tracking. */
export function createTrackingWorkspace() {
  const deals = new Map<string, DealRecord>();
  const stories = new Map<string, Story>();
  const records: TrackingRecords = {
    getDeals: async (ids) => ids.map((id) => deals.get(id)),
    getDealIdsForPairs: async (keys) =>
      [...deals.values()].filter((d) => partyPairKeys(d.parties).some((k) => keys.includes(k))).map((d) => d.id),
    getStories: async (ids) => ids.map((id) => stories.get(id)),
  };
  return {
    async track(itemId: string, item: NewsItem, classification: Classification): Promise<TrackPlan> {
      const plan = await planTracking(records, { itemId, item, classification });
      if (!plan) throw new Error('not trackable');
      deals.set(plan.deal.id, plan.deal);
      stories.set(plan.story.id, plan.story);
      return plan;
    },
  };
}

let counter = 0;
export function makeItem(overrides: Partial<NewsItem> = {}): NewsItem {
  counter += 1;
  return {
    key: `k${counter}`,
    feedUrl: 'https://default.example/feed',
    feedName: 'Default Outlet',
    link: `https://default.example/story-${counter}`,
    title: 'Netflix and Spotify in talks to stream award shows',
    summary: 'Netflix is in talks with Spotify about streaming award shows, people familiar said.',
    published: '2026-11-23T08:00:00.000Z',
    categories: [],
    firstSeen: '2026-11-23T08:05:00.000Z',
    ...overrides,
  };
}

export function makeClassification(overrides: Partial<Classification> = {}): Classification {
  return {
    isPartnership: true,
    confidence: 0.8,
    parties: ['Netflix', 'Spotify'],
    status: 'in_talks',
    kinds: ['live_events'],
    unconfirmed: true,
    evidence: [],
    explanation: 'test',
    ...overrides,
  };
}
