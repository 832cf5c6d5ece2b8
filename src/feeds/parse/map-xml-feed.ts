import { linksOf, pickSelfLink, pickStoryLink } from './feed-links';
import { mapXmlEntry } from './map-xml-entry';
import { resolveBase, resolveLink } from './resolve-link';
import type { RawFeed } from './rss-parser-options';
import type { FeedFormat, ParsedFeed } from '../types';
import { attrOf, firstText, trimmed } from './xml-node';

/**
 * rss-parser's output to a ParsedFeed. Relative links resolve, nearest first, against the
 * entry's xml:base, the feed's xml:base, the feed's home link, its self link, then `baseUrl`
 * (the URL the body was fetched from); each of these is itself resolved against the ones after.
 */
export function mapXmlFeed(raw: RawFeed, format: Exclude<FeedFormat, 'json'>, baseUrl: string): ParsedFeed {
  const links = linksOf(raw.xoLinks);
  const self = pickSelfLink([...links, ...linksOf(raw.xoAtomLinks)])?.href;
  const home = pickStoryLink(links)?.href;
  const xmlBase = attrOf({ $: raw.xoAttrs }, 'xml:base');
  const scope = [resolveBase([xmlBase, home, self, baseUrl])];
  return {
    format,
    title: trimmed(firstText(raw.xoTitles)),
    link: resolveLink(home, self, baseUrl),
    ttlMinutes: ttlOf(raw.xoTtl),
    entries: raw.items.map((item) => mapXmlEntry(item, scope)),
  };
}

function ttlOf(nodes: unknown): number | undefined {
  const minutes = Number.parseInt(firstText(nodes)?.trim() ?? '', 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}
