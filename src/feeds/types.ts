/** A feed as configured: from the default list (FEEDS_FILE) or added by one server. */
export interface FeedSource {
  url: string;
  name: string;
  /** One of the operator's default feeds: what it reports is seen by every server. */
  isDefault?: true;
}

/** One entry as the parser yields it: every field a plain string, links absolute where resolvable. */
export interface ParsedEntry {
  guid?: string;
  link?: string;
  title?: string;
  /** Description / summary / content, as HTML or text; cleaned later by normalize. */
  summary?: string;
  content?: string;
  /** ISO 8601, or undefined when the feed gave none or an unparseable one. */
  published?: string;
  author?: string;
  categories: string[];
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site's home page, absolute. */
  link?: string;
  /** RSS <ttl>, in minutes, when present. */
  ttlMinutes?: number;
  entries: ParsedEntry[];
}

/** HTTP validators and hints stored per feed, sent back verbatim on the next poll. */
export interface HttpValidators {
  etag?: string;
  lastModified?: string;
}
