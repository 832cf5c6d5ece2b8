import { detectFeedFormat } from './detect-feed-format';
import { FeedError, FeedParseError } from '../errors';
import { parseJsonFeed } from './parse-json-feed';
import { parseXmlFeed } from './parse-xml-feed';
import type { ParsedFeed } from '../types';

/**
 * Decoded feed text to entries whose fields are plain strings, links absolute where they can be
 * resolved (against xml:base, the feed's own links, then `baseUrl`, the URL the body came from)
 * and dates ISO 8601 or undefined.
 *
 * Rejects only with a FeedError: NotAFeedError for an HTML page or anything that is not RSS,
 * RDF, Atom or JSON Feed; FeedParseError for a feed too broken to recover anything from.
 */
export async function parseFeed(text: string, baseUrl: string): Promise<ParsedFeed> {
  try {
    const format = detectFeedFormat(text);
    return format === 'json' ? parseJsonFeed(text, baseUrl) : await parseXmlFeed(text, format, baseUrl);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedParseError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
