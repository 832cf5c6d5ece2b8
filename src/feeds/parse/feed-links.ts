import { attrOf, nodesOf, textOf, trimmed } from './xml-node';

/** A <link> as feeds write it: RSS puts the URL in the text, Atom in href with a rel. */
export interface FeedLink {
  href: string;
  rel: string;
  type?: string;
  /** xml:base on the link element itself. */
  base?: string;
}

export function linksOf(nodes: unknown): FeedLink[] {
  const links: FeedLink[] = [];
  for (const node of nodesOf(nodes)) {
    const href = trimmed(attrOf(node, 'href') ?? textOf(node));
    if (!href) continue;
    links.push({
      href,
      rel: trimmed(attrOf(node, 'rel'))?.toLowerCase() ?? 'alternate',
      type: attrOf(node, 'type'),
      base: attrOf(node, 'xml:base'),
    });
  }
  return links;
}

/** Relations that never point at the story itself. */
const NOT_THE_STORY = new Set(['self', 'hub', 'edit', 'edit-media', 'replies', 'license', 'next', 'previous', 'prev', 'first', 'last']);

/**
 * The link to the story: rel="alternate" (the default rel) of an HTML type first, then any
 * alternate, then the first link whose rel can still be the story (related, via, enclosure).
 */
export function pickStoryLink(links: FeedLink[]): FeedLink | undefined {
  const alternates = links.filter((link) => link.rel === 'alternate');
  return (
    alternates.find((link) => !link.type || /html/i.test(link.type)) ??
    alternates[0] ??
    links.find((link) => !NOT_THE_STORY.has(link.rel))
  );
}

export function pickSelfLink(links: FeedLink[]): FeedLink | undefined {
  return links.find((link) => link.rel === 'self');
}
