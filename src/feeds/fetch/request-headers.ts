import { version } from '../../../package.json';
import type { HttpValidators } from '../types';

/** Honest and specific, so that a publisher who sees us in their logs knows who we are. */
export const FEED_USER_AGENT = `Crossover/${version} (+https://github.com/crossover-bot/crossover; music-industry news bot)`;

/** Every feed format we parse first, then anything (some servers send feeds as text/plain). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

export const FEED_ACCEPT_ENCODING = 'gzip, deflate, br';

// What Node accepts in a header value; a stored validator that fails this is not sent.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The headers of every feed request; the stored validators are sent back verbatim. */
export function buildRequestHeaders(validators: HttpValidators | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': FEED_USER_AGENT,
    accept: FEED_ACCEPT,
    'accept-encoding': FEED_ACCEPT_ENCODING,
  };
  const etag = validators?.etag;
  const lastModified = validators?.lastModified;
  if (etag !== undefined && etag !== '' && HEADER_VALUE.test(etag)) headers['if-none-match'] = etag;
  if (lastModified !== undefined && lastModified !== '' && HEADER_VALUE.test(lastModified)) {
    headers['if-modified-since'] = lastModified;
  }
  return headers;
}
