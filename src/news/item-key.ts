import { createHash } from 'node:crypto';

export interface KeyParts {
  /** The entry's guid or id, as the feed wrote it. */
  guid?: string;
  /** The canonical link (src/news/canonical-link.ts). */
  link?: string;
  /** Cleaned title and summary. */
  title: string;
  summary: string;
  published?: string;
}

/**
 * The stable key of an item within its feed: the guid/id (trimmed); else the canonical link;
 * else a content hash of title, summary and date, so that items with only a description (RSS
 * 0.92) stay apart. Never the title alone: two stories can share a headline. Undefined when the
 * item has nothing to key on (no guid, no link, no title, no text): such items are skipped.
 */
export function itemKey(parts: KeyParts): string | undefined {
  const guid = parts.guid?.trim();
  if (guid) return guid;
  if (parts.link) return parts.link;
  if (!parts.title && !parts.summary) return undefined;
  return contentHashKey(parts.title, parts.summary, parts.published);
}

/** "sha256:" and the hex digest of the normalised (case-folded, space-folded) content. */
export function contentHashKey(title: string, summary: string, published: string | undefined): string {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const material = [normalise(title), normalise(summary), published ?? ''].join('\n');
  return `sha256:${createHash('sha256').update(material).digest('hex')}`;
}
