import { FeedParseError } from '../errors';
import { guardXmlShape } from './guard-xml-shape';
import { inlineMarkup } from './inline-markup';
import { mapXmlFeed } from './map-xml-feed';
import { repairXml } from './repair-xml';
import type { ParseMode, RawFeed } from './rss-parser-options';
import { createRssParser } from './rss-parser-options';
import type { FeedFormat, ParsedEntry, ParsedFeed } from '../types';

type XmlFormat = Exclude<FeedFormat, 'json'>;

/**
 * RSS 0.9x/1.0/2.0 and Atom through rss-parser. A well-formed document is taken as it is (zero
 * items included). A malformed one is repaired and parsed again, strictly then leniently (sax
 * non-strict); if even that yields no entry with anything in it, the feed is broken (typically
 * truncated) and a FeedParseError says so, so that the poller counts a failure rather than
 * "nothing new".
 */
export async function parseXmlFeed(text: string, format: XmlFormat, baseUrl: string): Promise<ParsedFeed> {
  const prepared = guardXmlShape(inlineMarkup(text), format);
  const strict = await attempt(prepared, 'strict');
  if (strict.ok) return mapXmlFeed(strict.feed, format, baseUrl);
  const repaired = repairXml(prepared);
  const recovered = await firstSuccess([() => attempt(repaired, 'strict'), () => attempt(repaired, 'lenient')]);
  const problem = describe(strict.error);
  if (!recovered) throw new FeedParseError(`malformed XML (${problem})`, { cause: strict.error });
  const feed = mapXmlFeed(recovered, format, baseUrl);
  if (!feed.entries.some(hasContent)) {
    throw new FeedParseError(`malformed XML (${problem}) and no entry could be recovered`, { cause: strict.error });
  }
  return feed;
}

type Attempt = { ok: true; feed: RawFeed } | { ok: false; error: unknown };

async function attempt(xml: string, mode: ParseMode): Promise<Attempt> {
  try {
    const feed = (await createRssParser(mode).parseString(xml)) as unknown as RawFeed;
    return { ok: true, feed: { ...feed, items: Array.isArray(feed.items) ? feed.items : [] } };
  } catch (error) {
    return { ok: false, error };
  }
}

async function firstSuccess(attempts: (() => Promise<Attempt>)[]): Promise<RawFeed | undefined> {
  for (const run of attempts) {
    const result = await run();
    if (result.ok) return result.feed;
  }
  return undefined;
}

function hasContent(entry: ParsedEntry): boolean {
  return Boolean(entry.guid || entry.link || entry.title || entry.summary || entry.content);
}

/** A sax error ("Unexpected close tag\nLine: 23\nColumn: …") as one short phrase. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const what = message.split('\n')[0]?.trim() || 'unknown error';
  const line = /\nLine: (\d+)/.exec(message)?.[1];
  return line === undefined ? what : `${what} at line ${Number(line) + 1}`;
}
