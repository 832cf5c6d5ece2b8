import { linksOf, pickStoryLink } from './feed-links';
import { parseFeedDate } from './parse-feed-date';
import { resolveLink } from './resolve-link';
import type { ParsedEntry } from '../types';
import { attrOf, childOf, firstNodeWithText, firstText, nodesOf, textOf, trimmed } from './xml-node';

type RawItem = Record<string, unknown>;

/**
 * One rss-parser item (RSS, RDF or Atom) to a ParsedEntry of plain strings. `scope` holds the
 * bases relative links resolve against, nearest first (the feed's xml:base, its home link, its
 * self link, the URL it was fetched from); the entry's own xml:base goes in front of them.
 */
export function mapXmlEntry(item: RawItem, scope: (string | undefined)[]): ParsedEntry {
  const entryScope = [attrOf({ $: item.xoAttrs }, 'xml:base'), ...scope];
  const guidNode = firstNodeWithText(item.xoGuids);
  const guid = trimmed(textOf(guidNode)) ?? trimmed(firstText(item.xoIds)) ?? trimmed(rdfAbout(item));
  return {
    guid,
    link: storyLink(item, entryScope) ?? permalinkOf(guid, attrOf(guidNode, 'isPermaLink')),
    title: trimmed(firstText(item.xoTitles) ?? firstText(item.xoDcTitles)),
    summary: trimmed(summaryOf(item)),
    content: trimmed(firstText(item.xoEncoded) ?? contentOf(item.xoContents)),
    published: publishedOf(item),
    author: authorOf(item),
    categories: categoriesOf(item),
  };
}

function storyLink(item: RawItem, scope: (string | undefined)[]): string | undefined {
  const link = pickStoryLink(linksOf(item.xoLinks));
  return link ? resolveLink(link.href, link.base, ...scope) : undefined;
}

function rdfAbout(item: RawItem): string | undefined {
  const about = item['rdf:about'];
  return typeof about === 'string' ? about : attrOf({ $: item.xoAttrs }, 'rdf:about');
}

/** A guid or id that is an absolute web URL is the story's link when the entry has no other (RSS: unless isPermaLink="false"). */
function permalinkOf(guid: string | undefined, isPermaLink: string | undefined): string | undefined {
  if (!guid || isPermaLink?.trim().toLowerCase() === 'false' || !/^https?:\/\//i.test(guid)) return undefined;
  return resolveLink(guid);
}

function summaryOf(item: RawItem): string | undefined {
  const mediaGroupDescription = nodesOf(item.xoMediaGroups).map((group) => firstText(childOf(group, 'media:description')));
  return (
    firstText(item.xoDescriptions) ??
    contentOf(item.xoSummaries) ??
    firstText(item.xoMediaDescriptions) ??
    mediaGroupDescription.find((text) => text !== undefined && text.trim() !== '') ??
    firstText(item.xoItunesSummaries)
  );
}

/**
 * Atom content/summary: text, HTML or inline XHTML; base64 when Atom 0.3 says mode="base64";
 * nothing for out-of-line (src) or binary media types.
 */
function contentOf(nodes: unknown): string | undefined {
  for (const node of nodesOf(nodes)) {
    const type = attrOf(node, 'type')?.trim().toLowerCase();
    if (type && !/^(text|html|xhtml)$|^text\/|[/+]xml$|html/.test(type)) continue;
    const text = textOf(node);
    if (text === undefined || text.trim() === '') continue;
    if (attrOf(node, 'mode')?.trim().toLowerCase() === 'base64') return decodeBase64Text(text);
    return text;
  }
  return undefined;
}

function decodeBase64Text(text: string): string | undefined {
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return bytes.length > 0 ? bytes.toString('utf8') : undefined;
}

/** The publication date: RSS pubDate, Atom published/issued/created, dc:date, then the update time. */
function publishedOf(item: RawItem): string | undefined {
  const candidates = [item.xoPubDates, item.xoPublished, item.xoIssued, item.xoCreated, item.xoDcDates, item.xoUpdated, item.xoModified];
  for (const nodes of candidates) {
    for (const node of nodesOf(nodes)) {
      const iso = parseFeedDate(textOf(node));
      if (iso) return iso;
    }
  }
  return undefined;
}

function authorOf(item: RawItem): string | undefined {
  for (const node of [...nodesOf(item.xoCreators), ...nodesOf(item.xoAuthors), ...nodesOf(item.xoItunesAuthors)]) {
    const name = trimmed(firstText(childOf(node, 'name')) ?? (typeof node === 'string' ? node : textOf(node)));
    if (!name) continue;
    // RSS <author> is "email (Name)"; the name is what people read.
    return /^\S+@\S+\s*\((.+)\)$/.exec(name)?.[1]?.trim() ?? name;
  }
  return undefined;
}

function categoriesOf(item: RawItem): string[] {
  const names = [...nodesOf(item.xoCategories), ...nodesOf(item.xoSubjects)].map((node) =>
    trimmed(textOf(node) ?? attrOf(node, 'label') ?? attrOf(node, 'term')),
  );
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}
