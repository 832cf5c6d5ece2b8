import type { Classification, DealKind, DealStatus } from '../../../src/deals/types';
import type { NewsItem } from '../../../src/news/item';

export const DEFAULT_FEED = 'https://default.example/feed';
export const OTHER_DEFAULT_FEED = 'https://wire.example/feed';
export const SERVER_A_FEED = 'https://a.example/feed';
export const SERVER_B_FEED = 'https://b.example/feed';

export interface ReportOptions {
  feedUrl?: string;
  key?: string;
  link?: string;
  title: string;
  summary?: string;
  published: string;
  parties: string[];
  status: DealStatus;
  kinds?: DealKind[];
  unconfirmed?: boolean;
  /** The feed was one of the default feeds when the item was polled. */
  fromDefaultFeed?: boolean;
}

let counter = 0;

/** A news item and its classification, as the pipeline hands them to the deal store. */
export function report(options: ReportOptions): { item: NewsItem; classification: Classification } {
  counter += 1;
  const feedUrl = options.feedUrl ?? DEFAULT_FEED;
  const key = options.key ?? `item-${counter}`;
  const item: NewsItem = {
    key,
    feedUrl,
    feedName: new URL(feedUrl).hostname,
    link: options.link ?? `https://${new URL(feedUrl).hostname}/news/${key}`,
    title: options.title,
    summary: options.summary ?? '',
    published: options.published,
    categories: [],
    firstSeen: options.published,
    ...(options.fromDefaultFeed ? { fromDefaultFeed: true as const } : {}),
  };
  const classification: Classification = {
    isPartnership: true,
    confidence: 0.9,
    parties: options.parties,
    status: options.status,
    kinds: options.kinds ?? ['live_events'],
    unconfirmed: options.unconfirmed ?? false,
    evidence: [],
    explanation: 'test',
  };
  return { item, classification };
}
