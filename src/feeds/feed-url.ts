import { FeedInvalidUrlError } from './errors';

/** The longest feed address a server may add. */
export const MAX_FEED_URL_LENGTH = 2000;

/** Parses a feed URL; only absolute http(s) URLs with a host are usable (FeedInvalidUrlError otherwise). */
export function parseFeedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedInvalidUrlError(url, 'not an absolute URL', 'not-a-url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedInvalidUrlError(url, `the scheme ${parsed.protocol} is not http or https`, 'scheme');
  }
  if (parsed.hostname === '') throw new FeedInvalidUrlError(url, 'no host', 'no-host');
  return parsed;
}

/**
 * A feed address as a member gives it (also wrapped in <…>, as Discord leaves a pasted link): a
 * usable URL without a user name or password, its fragment dropped, at most MAX_FEED_URL_LENGTH long.
 */
export function normaliseFeedUrl(raw: string): string {
  const text = raw.trim().replace(/^<(.*)>$/, '$1');
  const url = parseFeedUrl(text);
  if (url.username || url.password) throw new FeedInvalidUrlError(text, 'a user name or password is not supported', 'credentials');
  url.hash = '';
  if (url.href.length > MAX_FEED_URL_LENGTH) throw new FeedInvalidUrlError(text, `longer than ${MAX_FEED_URL_LENGTH} characters`, 'too-long');
  return url.href;
}
