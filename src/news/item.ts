/** A clean, deduplicated news item: what the rest of the pipeline consumes. */
export interface NewsItem {
  /** Stable per feed: guid/id, else canonical link, else a content hash. */
  key: string;
  feedUrl: string;
  feedName: string;
  /** Canonical absolute link (tracking parameters removed), when the entry has one. */
  link?: string;
  title: string;
  /** Plain text: HTML stripped, entities decoded, whitespace folded, boilerplate dropped. */
  summary: string;
  /** ISO 8601 publication time, when known. */
  published?: string;
  categories: string[];
  author?: string;
  /** ISO 8601 time the item was first seen by Crossover. */
  firstSeen: string;
  /**
   * It came from one of the default feeds of the time, so every server sees what it reports, even
   * after the default list (FEEDS_FILE) changes.
   */
  fromDefaultFeed?: true;
  /**
   * Found in a feed's back catalogue (its first poll, or published longer ago than MAX_ITEM_AGE):
   * classified and tracked as deal history, never posted.
   */
  backlog?: true;
}

/** The item as back catalogue: tracked, never posted. */
export function asBacklog(item: NewsItem): NewsItem {
  return { ...item, backlog: true };
}
