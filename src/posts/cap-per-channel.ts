import type { OutboxEntry } from '../store/outbox-store';
import type { DigestPost } from './post';
import { entryId } from './plan-posts';

export const MAX_POSTS_PER_CHANNEL_PER_CYCLE = 5;

/**
 * No floods: at most `cap` new posts per channel in one cycle (the most confident first); the rest
 * are summed up in one digest message. Edits are never capped (they make no new message).
 */
export function capPerChannel(entries: readonly OutboxEntry[], cap = MAX_POSTS_PER_CHANNEL_PER_CYCLE): OutboxEntry[] {
  const sendsByChannel = new Map<string, OutboxEntry[]>();
  const out: OutboxEntry[] = [];
  for (const entry of entries) {
    if (entry.action !== 'send' || entry.post.type === 'digest') out.push(entry);
    else sendsByChannel.set(entry.channelId, [...(sendsByChannel.get(entry.channelId) ?? []), entry]);
  }
  for (const [channelId, sends] of sendsByChannel) {
    const ranked = [...sends].sort((a, b) => confidence(b) - confidence(a));
    out.push(...ranked.slice(0, cap));
    const rest = ranked.slice(cap);
    if (rest.length === 0) continue;
    const digest: DigestPost = {
      type: 'digest',
      stories: rest.flatMap((e) =>
        e.post.type === 'digest'
          ? []
          : [{ title: e.post.title, link: e.post.link, status: e.post.status, unconfirmed: e.post.unconfirmed, parties: e.post.parties }],
      ),
    };
    const first = rest[0] as OutboxEntry;
    out.push({
      ...first,
      id: entryId(channelId, 'digest', ...rest.map((e) => e.id).sort()),
      messageKey: undefined,
      mentionRoleId: undefined,
      openThread: false,
      covers: rest.map((e) => e.id),
      post: digest,
    });
  }
  return out;
}

function confidence(entry: OutboxEntry): number {
  return entry.post.type === 'digest' ? 0 : entry.post.confidence;
}
