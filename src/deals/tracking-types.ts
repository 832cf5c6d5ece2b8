import type { DealKind, DealStatus } from './types';

/**
 * The records of story clustering and deal timelines (issue 3, "Stories and deals").
 * Every source and every entry remembers the feed it came from, and whether that feed was one of
 * the default feeds when it was tracked, so that a server's view (a Scope) can leave out what it
 * must not see (PRODUCT.md section 4, isolation) and a later change of the default list hides nothing.
 */

/** Where a report came from: every source, copy and entry has these fields. */
export interface FeedRef {
  feedUrl: string;
  /** The feed was one of the default feeds when the report was tracked: every server sees it. */
  fromDefaultFeed?: true;
}

/** A report of a feed's back catalogue (NewsItem.backlog): deal history, never posted. */
export interface BacklogMark {
  backlog?: true;
}

/** Which reports a view may see: those from default feeds plus those from one server's own feeds. */
export type Scope = (report: FeedRef) => boolean;

/** The same article (same canonical link) delivered by another feed: not a second source. */
export interface SourceCopy extends FeedRef {
  itemId: string;
  feedName: string;
}

export interface StorySource extends FeedRef, BacklogMark {
  itemId: string;
  feedName: string;
  link?: string;
  title: string;
  /** ISO time the outlet published it, when known. */
  published?: string;
  summary: string;
  confidence: number;
  status: DealStatus;
  unconfirmed: boolean;
  /** When it happened for the timeline: published, else first seen (ISO). */
  at: string;
  parties: string[];
  kinds: DealKind[];
  /** Other feeds that delivered the same canonical link (visible to scopes that include them). */
  copies?: SourceCopy[];
}

export interface Story {
  id: string;
  dealId: string;
  /** Every party named by its sources (the deal's parties first). */
  parties: string[];
  /** The first source's title. */
  title: string;
  status: DealStatus;
  unconfirmed: boolean;
  kinds: DealKind[];
  /** The earliest source's time (published, else first seen). */
  firstSeen: string;
  /** The latest source's time. */
  lastUpdated: string;
  sources: StorySource[];
}

/** One dated report in a deal's timeline (one per tracked item). */
export interface DealEntry extends FeedRef, BacklogMark {
  /** ISO: the item's published time, else when it was first seen. */
  at: string;
  status: DealStatus;
  kinds: DealKind[];
  unconfirmed: boolean;
  storyId: string;
  itemId: string;
  link?: string;
  sourceName: string;
  title: string;
  confidence: number;
}

/** Where a deal's stories are, so that clustering reads only the stories near an item's time. */
export interface StoryRef {
  id: string;
  firstAt: string;
  lastAt: string;
}

/** A deal as stored: canonical parties and every entry, oldest first. */
export interface DealRecord {
  id: string;
  parties: string[];
  entries: DealEntry[];
  stories: StoryRef[];
}
