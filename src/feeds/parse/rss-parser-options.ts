import Parser from 'rss-parser';
import { parseFeedDate } from './parse-feed-date';

/**
 * How rss-parser is set up. Every raw element the mapping needs is copied as xml2js gave it
 * (`keepArray`), under an `xo…` name, so that attributes (rel, xml:base, isPermaLink, mode)
 * and repeated elements survive; rss-parser's own flattening is not relied upon.
 */
const RAW = { keepArray: true };

const ITEM_FIELDS: [string, string, typeof RAW][] = [
  ['$', 'xoAttrs', RAW],
  ['link', 'xoLinks', RAW],
  ['guid', 'xoGuids', RAW],
  ['id', 'xoIds', RAW],
  ['title', 'xoTitles', RAW],
  ['dc:title', 'xoDcTitles', RAW],
  ['description', 'xoDescriptions', RAW],
  ['summary', 'xoSummaries', RAW],
  ['content', 'xoContents', RAW],
  ['content:encoded', 'xoEncoded', RAW],
  ['media:description', 'xoMediaDescriptions', RAW],
  ['media:group', 'xoMediaGroups', RAW],
  ['itunes:summary', 'xoItunesSummaries', RAW],
  ['pubDate', 'xoPubDates', RAW],
  ['dc:date', 'xoDcDates', RAW],
  ['published', 'xoPublished', RAW],
  ['updated', 'xoUpdated', RAW],
  ['issued', 'xoIssued', RAW],
  ['modified', 'xoModified', RAW],
  ['created', 'xoCreated', RAW],
  ['author', 'xoAuthors', RAW],
  ['dc:creator', 'xoCreators', RAW],
  ['itunes:author', 'xoItunesAuthors', RAW],
  ['category', 'xoCategories', RAW],
  ['dc:subject', 'xoSubjects', RAW],
];

const FEED_FIELDS: [string, string, typeof RAW][] = [
  ['$', 'xoAttrs', RAW],
  ['link', 'xoLinks', RAW],
  ['atom:link', 'xoAtomLinks', RAW],
  ['title', 'xoTitles', RAW],
  ['ttl', 'xoTtl', RAW],
];

export type ParseMode = 'strict' | 'lenient';

export type RawFeed = Record<string, unknown> & { items: Record<string, unknown>[] };

/** A fresh parser each time (rss-parser's xml2js parser keeps per-parse state). */
export function createRssParser(mode: ParseMode): Parser<Record<string, unknown>, Record<string, unknown>> {
  const xml2js: Xml2jsOptions = { strict: mode === 'strict', valueProcessors: [sanitizeAtomDate] };
  if (mode === 'lenient') {
    xml2js.tagNameProcessors = [restoreNameCase];
    xml2js.attrNameProcessors = [restoreNameCase];
  }
  return new Parser({
    defaultRSS: 2,
    xml2js,
    customFields: {
      feed: FEED_FIELDS as unknown as string[],
      item: ITEM_FIELDS,
    },
  });
}

interface Xml2jsOptions {
  strict: boolean;
  valueProcessors: ((value: string, name: string) => string)[];
  tagNameProcessors?: ((name: string) => string)[];
  attrNameProcessors?: ((name: string) => string)[];
}

/**
 * rss-parser feeds Atom <published>/<updated> to `new Date(…).toISOString()` unchecked, which
 * throws on a bad date and would reject the whole feed: such values become ISO or empty first.
 * (A processor runs per element without building paths, so deep nesting stays linear.)
 */
function sanitizeAtomDate(value: string, name: string): string {
  if (name !== 'published' && name !== 'updated') return value;
  return parseFeedDate(value) ?? '';
}

/**
 * sax in non-strict mode upper-cases every tag and attribute name; rss-parser and the mapping
 * look names up as feeds write them. Lower-case is right for nearly all of them; these are not.
 */
const MIXED_CASE_NAMES = new Map(
  [
    'rdf:RDF', 'pubDate', 'lastBuildDate', 'managingEditor', 'webMaster', 'skipHours', 'skipDays', 'textInput',
    'isPermaLink', 'itunes:episodeType', 'itunes:isClosedCaptioned', 'itunes:newFeedUrl',
  ].map((name) => [name.toLowerCase(), name]),
);

function restoreNameCase(name: string): string {
  const lower = name.toLowerCase();
  return MIXED_CASE_NAMES.get(lower) ?? lower;
}
