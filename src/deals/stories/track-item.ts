import type { NewsItem } from '../../news/item';
import { canonicalParties, dealIdFor, partyPairKeys } from './deal-id';
import { compareStatusPoints } from '../timeline';
import { scoreStoryMatch, STORY_MAX_SPAN_DAYS, STORY_WINDOW_HOURS } from './match-story';
import { addStorySource, createStory, defaultFeedFlag } from './story-sources';
import type { BacklogMark, DealEntry, DealRecord, Story, StorySource } from '../tracking-types';
import type { Classification } from '../types';

/** What tracking reads: the store, or an in-memory workspace during a rebuild. */
export interface TrackingRecords {
  getDeals(ids: readonly string[]): Promise<(DealRecord | undefined)[]>;
  /** The ids of deals containing each of these party pairs. */
  getDealIdsForPairs(pairKeys: readonly string[]): Promise<string[]>;
  getStories(ids: readonly string[]): Promise<(Story | undefined)[]>;
}

export interface TrackInput {
  /** The item's stable id (store/item-store itemId). */
  itemId: string;
  item: NewsItem;
  classification: Classification;
}

/** The records to write for one item, and what happened (delivery decides per scope what to post). */
export interface TrackPlan {
  story: Story;
  /** The item is the story's first source (the story was created by it). */
  storyIsNew: boolean;
  /** The item is one of the story's sources (false when it was the same link as another source). */
  sourceAdded: boolean;
  deal: DealRecord;
  dealIsNew: boolean;
  entry: DealEntry;
  /** The item had been recorded before: nothing changed (the flags repeat the first time's). */
  repeated: boolean;
}

const HOUR_MS = 3_600_000;

/** The story id an item creates: derived from the item, so a replay after a crash gives the same id. */
export function storyIdFor(itemId: string): string {
  return `st-${itemId.slice(0, 24)}`;
}

/** When an item happened: its published time, else when it was first seen (a future date is not trusted). */
export function itemTime(item: Pick<NewsItem, 'published' | 'firstSeen'>): string {
  const seen = Date.parse(item.firstSeen);
  const published = item.published === undefined ? Number.NaN : Date.parse(item.published);
  if (Number.isFinite(published) && (!Number.isFinite(seen) || published <= seen + 24 * HOUR_MS)) {
    return new Date(published).toISOString();
  }
  return Number.isFinite(seen) ? new Date(seen).toISOString() : new Date(0).toISOString();
}

/** The backlog mark of an item, carried to its source and entry (absent when not set). */
function backlogMark(item: NewsItem): BacklogMark {
  return item.backlog ? { backlog: true } : {};
}

/** Whether a classification can be tracked: a partnership with a status and two or more parties. */
export function isTrackable(classification: Classification): boolean {
  return classification.isPartnership && classification.status !== null && canonicalParties(classification.parties).length >= 2;
}

/** Decides where an item goes (which story, which deal) and returns the updated records. */
export async function planTracking(records: TrackingRecords, input: TrackInput): Promise<TrackPlan | null> {
  const { item, classification, itemId } = input;
  const status = classification.status;
  const parties = canonicalParties(classification.parties);
  if (!classification.isPartnership || status === null || parties.length < 2) return null;

  const ownId = dealIdFor(parties);
  const pairDealIds = await records.getDealIdsForPairs(partyPairKeys(parties));
  const candidateIds = [...new Set([ownId, ...pairDealIds])];
  const deals = (await records.getDeals(candidateIds)).filter((d): d is DealRecord => d !== undefined);

  const repeat = await findRepeat(records, deals, itemId);
  if (repeat !== null) return repeat;

  const source: StorySource = {
    itemId,
    feedUrl: item.feedUrl,
    ...defaultFeedFlag(item),
    feedName: item.feedName,
    ...(item.link !== undefined ? { link: item.link } : {}),
    title: item.title,
    ...(item.published !== undefined ? { published: item.published } : {}),
    summary: item.summary,
    confidence: classification.confidence,
    status,
    unconfirmed: classification.unconfirmed,
    at: itemTime(item),
    parties,
    kinds: [...classification.kinds],
    ...backlogMark(item),
  };

  const match = await findStory(records, deals, parties, source);
  let story: Story;
  let deal: DealRecord;
  let isSource: boolean;
  let storyIsNew: boolean;
  let dealIsNew = false;
  if (match !== null) {
    const added = addStorySource(match.story, match.deal.parties, source);
    story = added.story;
    isSource = added.isSource;
    storyIsNew = story.sources[0]?.itemId === itemId;
    deal = match.deal;
  } else {
    const existing = deals.find((d) => d.id === ownId);
    dealIsNew = existing === undefined;
    deal = existing ?? { id: ownId, parties, entries: [], stories: [] };
    story = createStory(storyIdFor(itemId), deal.id, deal.parties, source);
    isSource = true;
    storyIsNew = true;
  }

  const entry: DealEntry = {
    at: source.at,
    status,
    kinds: source.kinds,
    unconfirmed: source.unconfirmed,
    storyId: story.id,
    itemId,
    feedUrl: item.feedUrl,
    ...defaultFeedFlag(item),
    ...(item.link !== undefined ? { link: item.link } : {}),
    sourceName: item.feedName,
    title: item.title,
    confidence: classification.confidence,
    ...backlogMark(item),
  };
  return { story, storyIsNew, sourceAdded: isSource, deal: addEntry(deal, entry, story), dealIsNew, entry, repeated: false };
}

/** The item is already in a deal's timeline: report what was recorded, change nothing. */
async function findRepeat(records: TrackingRecords, deals: readonly DealRecord[], itemId: string): Promise<TrackPlan | null> {
  for (const deal of deals) {
    const entry = deal.entries.find((e) => e.itemId === itemId);
    if (entry === undefined) continue;
    const [story] = await records.getStories([entry.storyId]);
    if (story === undefined) continue;
    const sourceAdded = story.sources.some((s) => s.itemId === itemId);
    return { story, storyIsNew: story.sources[0]?.itemId === itemId, sourceAdded, deal, dealIsNew: false, entry, repeated: true };
  }
  return null;
}

interface StoryMatch {
  story: Story;
  deal: DealRecord;
}

/** The best story near the item's time in the deals that share two parties with it. */
async function findStory(
  records: TrackingRecords,
  deals: readonly DealRecord[],
  parties: readonly string[],
  source: StorySource,
): Promise<StoryMatch | null> {
  const at = Date.parse(source.at);
  const slack = Math.max(STORY_WINDOW_HOURS * HOUR_MS, STORY_MAX_SPAN_DAYS * 24 * HOUR_MS);
  const wanted: { id: string; deal: DealRecord }[] = [];
  for (const deal of deals) {
    for (const ref of deal.stories) {
      if (at >= Date.parse(ref.firstAt) - slack && at <= Date.parse(ref.lastAt) + slack) wanted.push({ id: ref.id, deal });
    }
  }
  if (wanted.length === 0) return null;
  const stories = await records.getStories(wanted.map((w) => w.id));
  let best: StoryMatch | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < stories.length; i += 1) {
    const story = stories[i];
    const deal = wanted[i]?.deal;
    if (story === undefined || deal === undefined) continue;
    // A story that already holds this item (a write cut short by a crash) is its story.
    const holds = story.sources.some((s) => s.itemId === source.itemId || (s.copies ?? []).some((c) => c.itemId === source.itemId));
    const score = holds ? Number.POSITIVE_INFINITY : scoreStoryMatch(story, deal.parties, { ...source, parties: [...parties] });
    if (score !== null && score > bestScore) {
      best = { story, deal };
      bestScore = score;
    }
  }
  return best;
}

/** The deal with the entry in time order and the story's reference up to date (pure). */
export function addEntry(deal: DealRecord, entry: DealEntry, story: Story): DealRecord {
  const entries = deal.entries.some((e) => e.itemId === entry.itemId) ? deal.entries : insertInOrder(deal.entries, entry);
  const ref = { id: story.id, firstAt: story.firstSeen, lastAt: story.lastUpdated };
  const known = deal.stories.some((s) => s.id === story.id);
  const stories = known ? deal.stories.map((s) => (s.id === story.id ? ref : s)) : [...deal.stories, ref];
  return { ...deal, entries, stories };
}

/** Entries mostly arrive in time order: insert from the end. */
function insertInOrder(entries: readonly DealEntry[], entry: DealEntry): DealEntry[] {
  let i = entries.length;
  while (i > 0 && compareStatusPoints(entries[i - 1] as DealEntry, entry) > 0) i -= 1;
  return [...entries.slice(0, i), entry, ...entries.slice(i)];
}
