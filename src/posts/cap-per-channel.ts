import type { OutboxEntry } from '../store/outbox-store';
import type { DigestPost } from './post';
import { entryId } from './plan-posts';

export const MAX_POSTS_PER_CHANNEL_PER_CYCLE = 5;

export interface ChannelRound {
  /** What goes out now, in order (the digest last). */
  deliver: OutboxEntry[];
  /** The sends summed up in the digest instead of being posted alone. */
  folded: OutboxEntry[];
  digest?: OutboxEntry;
}

/**
 * No floods: of one channel's due entries, at most `cap` new posts go out in one round (the most
 * confident first); the rest are summed up in one digest message. Edits are never capped (they make
 * no new message), nor is an existing digest.
 */
export function capChannelRound(entries: readonly OutboxEntry[], cap = MAX_POSTS_PER_CHANNEL_PER_CYCLE): ChannelRound {
  const isPost = (e: OutboxEntry) => e.action === 'send' && e.post.type !== 'digest';
  const posts = entries.filter(isPost);
  if (posts.length <= cap) return { deliver: [...entries], folded: [] };
  const ranked = [...posts].sort((a, b) => confidence(b) - confidence(a) || a.createdAt.localeCompare(b.createdAt));
  const kept = new Set(ranked.slice(0, cap));
  const folded = ranked.slice(cap);
  const first = folded[0] as OutboxEntry;
  const digest: OutboxEntry = {
    id: entryId(first.channelId, 'digest', ...folded.map((e) => e.id).sort()),
    guildId: first.guildId,
    channelId: first.channelId,
    action: 'send',
    openThread: false,
    covers: folded.map((e) => e.id),
    post: digestOf(folded),
    createdAt: first.createdAt,
    attempts: 0,
    nextAttemptAt: first.createdAt,
  };
  return { deliver: [...entries.filter((e) => !isPost(e) || kept.has(e)), digest], folded, digest };
}

function digestOf(entries: readonly OutboxEntry[]): DigestPost {
  return {
    type: 'digest',
    stories: entries.flatMap((e) =>
      e.post.type === 'digest'
        ? []
        : [{ title: e.post.title, link: e.post.link, status: e.post.status, unconfirmed: e.post.unconfirmed, parties: e.post.parties }],
    ),
  };
}

function confidence(entry: OutboxEntry): number {
  return entry.post.type === 'digest' ? 0 : entry.post.confidence;
}
