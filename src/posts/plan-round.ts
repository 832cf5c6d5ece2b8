import type { OutboxEntry } from './outbox';
import type { DigestPost, DigestStory } from './post';
import { isDealPost } from './post';
import { entryId } from './plan-posts';

export const MAX_POSTS_PER_CHANNEL_PER_ROUND = 5;

export interface RoundPlan {
  /** The round's entries in the order they go out: posts, edits and threads oldest first, digests last. */
  order: OutboxEntry[];
  /** New digests, to be stored in the same write that removes the entries they fold. */
  digests: OutboxEntry[];
  folded: OutboxEntry[];
}

/**
 * No floods, nothing dropped: of one channel's due entries, at most `cap` new posts go out in a round
 * (the most confident first); every other story is named, title and link, in a digest. A digest holds
 * what fits in one message (`capacity`); the rest go into the next digest. Edits, threads and digests
 * already made are never capped, and a post that may already be in the channel is never folded.
 * A digest's id derives from the stories it covers, so the same digest made again is the same post.
 */
export function planRound(
  due: readonly OutboxEntry[],
  now: Date,
  capacity: (stories: readonly DigestStory[]) => number,
  cap = MAX_POSTS_PER_CHANNEL_PER_ROUND,
): RoundPlan {
  const ordered = [...due].sort(byTime);
  const foldable = ordered.filter((e) => e.action === 'send' && isDealPost(e.post) && !e.maybeSentSince);
  const posts = ordered.filter((e) => e.action === 'send' && isDealPost(e.post));
  const digestsBefore = ordered.filter((e) => e.post.type === 'digest');
  const others = ordered.filter((e) => !posts.includes(e) && !digestsBefore.includes(e));
  if (posts.length <= cap) return { order: [...posts, ...others].sort(byTime).concat(digestsBefore), digests: [], folded: [] };

  // Posts that may already be out count against the cap first; the most confident of the rest fill it.
  const room = Math.max(0, cap - (posts.length - foldable.length));
  const ranked = [...foldable].sort((a, b) => confidence(b) - confidence(a) || byTime(a, b));
  const kept = new Set(ranked.slice(0, room));
  const folded = foldable.filter((e) => !kept.has(e));
  const digests: OutboxEntry[] = [];
  for (let start = 0; start < folded.length; ) {
    const rest = folded.slice(start);
    const fits = Math.min(rest.length, Math.max(1, capacity(rest.map(storyOf))));
    digests.push(digestOf(rest.slice(0, fits), now));
    start += fits;
  }
  const sent = posts.filter((e) => !folded.includes(e));
  return { order: [...sent, ...others].sort(byTime).concat(digestsBefore, digests), digests, folded };
}

function digestOf(entries: readonly OutboxEntry[], now: Date): OutboxEntry {
  const first = entries[0] as OutboxEntry;
  const covers = entries.map((e) => e.id);
  const post: DigestPost = { type: 'digest', stories: entries.map(storyOf) };
  return {
    id: entryId(first.channelId, 'digest', ...[...covers].sort()),
    guildId: first.guildId,
    channelId: first.channelId,
    action: 'send',
    openThread: false,
    covers,
    post,
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
  };
}

function storyOf(entry: OutboxEntry): DigestStory {
  const { post } = entry;
  if (!isDealPost(post)) throw new Error(`entry ${entry.id} is not a deal post`);
  return { title: post.title, link: post.link, status: post.status, unconfirmed: post.unconfirmed, parties: post.parties };
}

function confidence(entry: OutboxEntry): number {
  return isDealPost(entry.post) ? entry.post.confidence : 0;
}

/** Oldest first; posts planned in the same moment go in the order their news happened. */
export function byTime(a: OutboxEntry, b: OutboxEntry): number {
  const published = (e: OutboxEntry) => (isDealPost(e.post) ? (e.post.published ?? '') : '');
  return a.createdAt.localeCompare(b.createdAt) || published(a).localeCompare(published(b)) || a.id.localeCompare(b.id);
}
