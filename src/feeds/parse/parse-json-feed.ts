import { FeedParseError, NotAFeedError } from '../errors';
import { parseFeedDate } from './parse-feed-date';
import { resolveBase, resolveLink } from './resolve-link';
import type { ParsedEntry, ParsedFeed } from '../types';
import { trimmed } from './xml-node';

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). A JSON object is taken as a feed when
 * its `version` names JSON Feed or it has an `items` array; other JSON is not a feed. Relative
 * URLs resolve against home_page_url, then feed_url, then `baseUrl`.
 */
export function parseJsonFeed(text: string, baseUrl: string): ParsedFeed {
  const doc = parseJson(text);
  const version = typeof doc.version === 'string' ? doc.version : '';
  if (!Array.isArray(doc.items) && !/jsonfeed\.org\/version\//i.test(version)) {
    throw new NotAFeedError('the body is JSON but not a JSON Feed (no "version" naming jsonfeed.org, no "items")');
  }
  const homePage = stringOf(doc.home_page_url);
  const base = resolveBase([homePage, stringOf(doc.feed_url), baseUrl]);
  const items = Array.isArray(doc.items) ? doc.items : [];
  return {
    format: 'json',
    title: trimmed(stringOf(doc.title)),
    link: resolveLink(homePage, base),
    entries: items.filter(isObject).map((item) => mapJsonItem(item, base)),
  };
}

type JsonObject = Record<string, unknown>;

function parseJson(text: string): JsonObject {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`invalid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!isObject(doc)) throw new NotAFeedError('the body is JSON but not an object, so not a JSON Feed');
  return doc;
}

function mapJsonItem(item: JsonObject, base: string | undefined): ParsedEntry {
  const id = trimmed(stringOf(item.id));
  const link = resolveLink(stringOf(item.url), base) ?? resolveLink(stringOf(item.external_url), base);
  return {
    guid: id,
    link: link ?? (id && /^https?:\/\//i.test(id) ? resolveLink(id) : undefined),
    title: trimmed(stringOf(item.title)),
    summary: trimmed(stringOf(item.summary)),
    content: trimmed(stringOf(item.content_html) ?? stringOf(item.content_text)),
    published: parseFeedDate(stringOf(item.date_published)) ?? parseFeedDate(stringOf(item.date_modified)),
    author: authorOf(item),
    categories: Array.isArray(item.tags) ? [...new Set(item.tags.map(stringOf).map(trimmed).filter(isString))] : [],
  };
}

/** JSON Feed 1.1 `authors`, or 1.0 `author`. */
function authorOf(item: JsonObject): string | undefined {
  const authors = Array.isArray(item.authors) ? item.authors : [item.author];
  for (const author of authors) {
    const name = isObject(author) ? trimmed(stringOf(author.name)) : undefined;
    if (name) return name;
  }
  return undefined;
}

/** Strings as they are; numbers (ids are sometimes numbers) as text; anything else undefined. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
