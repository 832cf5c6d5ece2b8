/** Deal views, timelines and stories as the deal store returns them, for the reply builders' tests. */
import type { TimelineStepView, TimelineView } from '../../src/deals/stories';
import type { DealEntry, Story, StorySource } from '../../src/deals/tracking-types';
import type { DealView } from '../../src/deals/stories';
import type { DealStatus } from '../../src/deals/types';

export function makeEntry(overrides: Partial<DealEntry> = {}): DealEntry {
  return {
    at: '2026-11-20T08:00:00.000Z',
    status: 'in_talks',
    kinds: ['live_events'],
    unconfirmed: true,
    storyId: 'story-1',
    itemId: 'item-1',
    feedUrl: 'https://wire.example/feed',
    link: 'https://wire.example/netflix-spotify',
    sourceName: 'Music Wire',
    title: 'Netflix and Spotify in talks over award shows',
    confidence: 0.8,
    ...overrides,
  };
}

export function makeDealView(overrides: Partial<DealView> = {}): DealView {
  return {
    id: 'netflix+spotify',
    parties: ['Netflix', 'Spotify'],
    label: 'Netflix × Spotify',
    status: 'in_talks',
    unconfirmed: true,
    since: '2026-11-20T08:00:00.000Z',
    kinds: ['live_events', 'video'],
    chapter: 1,
    chapterStartedAt: '2026-11-20T08:00:00.000Z',
    lastActivity: '2026-11-21T08:00:00.000Z',
    reports: 2,
    stories: 1,
    latest: [makeEntry()],
    ...overrides,
  };
}

export function makeStep(to: DealStatus, from: DealStatus | null, entry: DealEntry, sources: DealEntry[] = [entry]): TimelineStepView {
  return { at: entry.at, from, to, unconfirmed: entry.unconfirmed, chapter: 1, reason: from === null ? 'first' : 'advanced', entry, sources };
}

export function makeTimeline(steps: TimelineStepView[], deal: DealView = makeDealView()): TimelineView {
  return { deal, chapters: [{ chapter: 1, startedAt: steps[0]?.at ?? deal.since, steps, entries: steps.map((s) => s.entry) }] };
}

export function makeSource(overrides: Partial<StorySource> = {}): StorySource {
  return {
    itemId: 'item-1',
    feedUrl: 'https://wire.example/feed',
    feedName: 'Music Wire',
    link: 'https://wire.example/netflix-spotify',
    title: 'Netflix and Spotify in talks over award shows',
    published: '2026-11-20T08:00:00.000Z',
    summary: 'Netflix is reportedly in talks with Spotify.',
    confidence: 0.8,
    status: 'in_talks',
    unconfirmed: true,
    at: '2026-11-20T08:00:00.000Z',
    parties: ['Netflix', 'Spotify'],
    kinds: ['live_events'],
    ...overrides,
  };
}

export function makeStory(overrides: Partial<Story> = {}, sources: StorySource[] = [makeSource()]): Story {
  const first = sources[0];
  return {
    id: 'story-1',
    dealId: 'netflix+spotify',
    parties: ['Netflix', 'Spotify'],
    title: first?.title ?? 'untitled',
    status: first?.status ?? 'in_talks',
    unconfirmed: first?.unconfirmed ?? false,
    kinds: first?.kinds ?? [],
    firstSeen: first?.at ?? '2026-11-20T08:00:00.000Z',
    lastUpdated: sources.at(-1)?.at ?? '2026-11-20T08:00:00.000Z',
    sources,
    ...overrides,
  };
}
