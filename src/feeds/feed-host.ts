import type { FeedSource } from './types';

/** A feed URL's host, without "www." ("musicbusinessworldwide.com"); the URL itself if it has none. */
export function feedHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * A feed servers added, as the poller reads it: named by its host. The label one server gave it is
 * shown to that server only (in /feeds list), never in what other servers read.
 */
export function serverFeedSource(url: string): FeedSource {
  return { url, name: feedHost(url) };
}
