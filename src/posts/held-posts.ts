import type { OutboxEntry, SkippedPosts } from './outbox';
import { MAX_SKIPPED_LISTED } from './outbox';
import { isDealPost } from './post';

export interface HeldLimits {
  /** A post planned longer ago than this is not delivered when its channel resumes. */
  maxAgeMs: number;
  /** At most this many posts (digests count as one) are kept for a paused channel. */
  maxPerChannel: number;
}

export const HELD_DEFAULTS: HeldLimits = { maxAgeMs: 24 * 3_600_000, maxPerChannel: 50 };

/** What /subscribe tells an admin whose paused channel resumes. */
export interface ResumeReport {
  /** Stories kept while paused, delivered now (capped and digested like any round). */
  delivering: number;
  skipped: SkippedPosts;
}

/**
 * Of a paused channel's queued entries, which to keep for its resume: posts planned within the last
 * `maxAgeMs`, at most `maxPerChannel` of them (the newest). Edits and threads of a skipped post go
 * with it; notices are not the channel's and are never held.
 */
export function partitionHeld(entries: readonly OutboxEntry[], now: Date, limits: HeldLimits): { keep: OutboxEntry[]; skip: OutboxEntry[] } {
  const oldest = now.getTime() - limits.maxAgeMs;
  const sends = entries.filter((e) => e.action === 'send').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const skipped = new Set(sends.filter((e, i) => Date.parse(e.createdAt) < oldest || i >= limits.maxPerChannel).map((e) => e.id));
  const skip = entries.filter((e) => skipped.has(e.id) || (e.sendId !== undefined && skipped.has(e.sendId)));
  return { keep: entries.filter((e) => !skip.includes(e)), skip };
}

/** The skipped list with these entries' stories added (newest first, the count exact). */
export function addSkipped(previous: SkippedPosts | undefined, skipped: readonly OutboxEntry[]): SkippedPosts {
  const stories = [...skipped]
    .filter((e) => e.action === 'send')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .flatMap((e) => storiesOf(e));
  return {
    count: (previous?.count ?? 0) + stories.length,
    stories: [...stories, ...(previous?.stories ?? [])].slice(0, MAX_SKIPPED_LISTED),
  };
}

/** How many stories these entries post (a digest posts several). */
export function countStories(entries: readonly OutboxEntry[]): number {
  return entries.filter((e) => e.action === 'send').reduce((n, e) => n + storiesOf(e).length, 0);
}

function storiesOf(entry: OutboxEntry): { title: string; link?: string }[] {
  const { post } = entry;
  if (post.type === 'digest') return post.stories.map(({ title, link }) => ({ title, link }));
  return isDealPost(post) ? [{ title: post.title, link: post.link }] : [];
}
