import { foldStatus } from '../timeline';
import type { FeedRef, Scope, Story, StorySource } from '../tracking-types';
import type { DealKind } from '../types';

/**
 * Stories as pure values: created from a first source, grown by later sources, viewed per scope.
 * A story's status follows the same rules as a deal's (deal-status.ts) over its own sources.
 */

export function createStory(id: string, dealId: string, dealParties: readonly string[], source: StorySource): Story {
  return deriveStory({ id, dealId, sources: [source] }, dealParties);
}

export interface AddSourceResult {
  story: Story;
  /** True when the item is a source of the story (now or already, e.g. replayed after a crash). */
  isSource: boolean;
  /** True when this call changed the story. */
  changed: boolean;
}

/**
 * Adds a source. The same item twice adds nothing; the same canonical link from another feed is
 * one source (remembered as a copy, so that scopes including that feed still see it).
 */
export function addStorySource(story: Story, dealParties: readonly string[], source: StorySource): AddSourceResult {
  if (story.sources.some((s) => s.itemId === source.itemId)) return { story, isSource: true, changed: false };
  if (story.sources.some((s) => (s.copies ?? []).some((c) => c.itemId === source.itemId))) {
    return { story, isSource: false, changed: false };
  }
  const sameLink = source.link === undefined ? undefined : story.sources.find((s) => s.link === source.link);
  if (sameLink !== undefined) {
    const copy = { itemId: source.itemId, feedUrl: source.feedUrl, feedName: source.feedName, ...defaultFeedFlag(source) };
    const sources = story.sources.map((s) => (s === sameLink ? { ...s, copies: [...(s.copies ?? []), copy] } : s));
    return { story: deriveStory({ ...story, sources }, dealParties), isSource: false, changed: true };
  }
  return { story: deriveStory({ ...story, sources: [...story.sources, source] }, dealParties), isSource: true, changed: true };
}

/** The story as one scope sees it: only its sources from feeds in scope; undefined when none. */
export function viewStory(story: Story, scope: Scope, dealParties: readonly string[] = []): Story | undefined {
  const visible: StorySource[] = [];
  for (const source of story.sources) {
    if (scope(source)) {
      const copies = source.copies?.filter((c) => scope(c));
      visible.push(copies === source.copies ? source : withCopies(source, copies));
      continue;
    }
    const copy = source.copies?.find((c) => scope(c));
    if (copy === undefined) continue;
    const others = (source.copies ?? []).filter((c) => c !== copy && scope(c));
    const { fromDefaultFeed: _hidden, ...rest } = source;
    visible.push(withCopies({ ...rest, itemId: copy.itemId, feedUrl: copy.feedUrl, feedName: copy.feedName, ...defaultFeedFlag(copy) }, others));
  }
  if (visible.length === 0) return undefined;
  if (visible.length === story.sources.length && visible.every((s, i) => s === story.sources[i])) return story;
  const parties = dealParties.length > 0 ? dealParties : story.parties.slice(0, 2);
  return deriveStory({ id: story.id, dealId: story.dealId, sources: visible }, parties);
}

/** The default-feed mark of a report, to carry over to a record made from it (absent when not set). */
export function defaultFeedFlag(report: FeedRef): Pick<FeedRef, 'fromDefaultFeed'> {
  return report.fromDefaultFeed ? { fromDefaultFeed: true } : {};
}

function withCopies(source: StorySource, copies: StorySource['copies']): StorySource {
  const { copies: _old, ...rest } = source;
  return copies !== undefined && copies.length > 0 ? { ...rest, copies } : rest;
}

/** Every feed a story's sources came from (copies included). */
export function storyFeeds(story: Story): string[] {
  return [...new Set(story.sources.flatMap((s) => [s.feedUrl, ...(s.copies ?? []).map((c) => c.feedUrl)]))];
}

function deriveStory(base: Pick<Story, 'id' | 'dealId' | 'sources'>, dealParties: readonly string[]): Story {
  const first = base.sources[0];
  if (first === undefined) throw new Error('a story has at least one source');
  const fold = foldStatus(base.sources.map((s) => ({ at: s.at, status: s.status, unconfirmed: s.unconfirmed, itemId: s.itemId })));
  const current = fold.current;
  const times = base.sources.map((s) => Date.parse(s.at));
  const firstMs = Math.min(...times);
  const lastMs = Math.max(...times);
  return {
    id: base.id,
    dealId: base.dealId,
    parties: [...new Set([...dealParties, ...base.sources.flatMap((s) => s.parties)])],
    title: first.title,
    status: current?.status ?? first.status,
    unconfirmed: current?.unconfirmed ?? first.unconfirmed,
    kinds: rankKinds(base.sources.map((s) => s.kinds)),
    firstSeen: base.sources.find((s) => Date.parse(s.at) === firstMs)?.at ?? first.at,
    lastUpdated: base.sources.find((s) => Date.parse(s.at) === lastMs)?.at ?? first.at,
    sources: base.sources,
  };
}

/** Kinds by how many reports give them, then by how early they come in a report (most salient first). */
export function rankKinds(lists: readonly (readonly DealKind[])[]): DealKind[] {
  const score = new Map<DealKind, { count: number; position: number }>();
  for (const list of lists) {
    list.forEach((kind, position) => {
      const s = score.get(kind) ?? { count: 0, position: Number.POSITIVE_INFINITY };
      score.set(kind, { count: s.count + 1, position: Math.min(s.position, position) });
    });
  }
  return [...score.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.position - b.position)
    .map(([kind]) => kind);
}
