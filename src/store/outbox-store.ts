import type { Keyv } from 'keyv';
import type { Post, PostStyle } from '../posts/post';
import { inStyle, styleOf } from '../posts/post';
import { iterateNamespace } from './open-keyv';

/**
 * A post on its way to one channel. Stored before it is sent and removed only after Discord accepted
 * it, so a crash or an outage loses nothing; its id is deterministic (channel + what it posts), so
 * planning the same post twice, or sending it again after a crash, never makes a second message.
 */
export interface OutboxEntry {
  id: string;
  guildId: string;
  channelId: string;
  /** `send` makes a new message; `edit` rewrites the message recorded under `messageKey`. */
  action: 'send' | 'edit';
  /** `${channelId}:${storyId}`: where a story's message id is recorded, for later edits. */
  messageKey?: string;
  /** For an edit: the id of the story's first send; while that is still queued, the edit updates it. */
  editsSend?: string;
  /** For a digest: the sends it stands for, recorded as sent with it so they are never posted alone. */
  covers?: string[];
  post: Post;
  mentionRoleId?: string;
  openThread: boolean;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
}

export interface SentRecord {
  messageId: string;
  channelId: string;
  at: string;
  /** How the story was posted, so that edits keep its style. */
  style?: PostStyle;
}

export interface OutboxStore {
  /** Adds entries not already queued or sent; an `edit` replaces a queued edit of the same message. */
  enqueue(entries: OutboxEntry[]): Promise<number>;
  /** Entries whose next attempt is due, oldest first. */
  due(now: Date, limit?: number): Promise<OutboxEntry[]>;
  wasSent(id: string): Promise<SentRecord | undefined>;
  markSent(entry: OutboxEntry, messageId: string, at: Date): Promise<void>;
  retryLater(entry: OutboxEntry, error: string, at: Date): Promise<void>;
  /** Removes an entry that can never be delivered (the channel is gone or closed to the bot). */
  drop(entry: OutboxEntry): Promise<void>;
  /** The message a story was posted as in a channel, for edits. */
  messageFor(messageKey: string): Promise<SentRecord | undefined>;
  size(): Promise<number>;
}

export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)), RETRY_MAX_MS);
}

export interface OutboxNamespaces {
  outbox: Keyv<OutboxEntry>;
  sent: Keyv<SentRecord>;
  messages: Keyv<SentRecord>;
}

export function createOutboxStore({ outbox, sent, messages }: OutboxNamespaces): OutboxStore {
  return {
    async enqueue(entries) {
      let added = 0;
      for (const entry of entries) {
        if (entry.action === 'send' && ((await sent.has(entry.id)) || (await outbox.has(entry.id)))) continue;
        const queuedSend = entry.editsSend ? await outbox.get(entry.editsSend) : undefined;
        if (queuedSend) {
          // Not sent yet: send the latest sources, in the style the post was planned in.
          await outbox.set(queuedSend.id, { ...queuedSend, post: inStyle(entry.post, styleOf(queuedSend.post)) });
          continue;
        }
        await outbox.set(entry.id, entry);
        added += 1;
      }
      return added;
    },
    async due(now, limit = 500) {
      const due: OutboxEntry[] = [];
      for await (const [, entry] of iterateNamespace(outbox)) {
        if (Date.parse(entry.nextAttemptAt) <= now.getTime()) due.push(entry);
      }
      // Oldest first; posts planned in the same moment go in the order their news happened.
      const published = (e: OutboxEntry) => (e.post.type === 'digest' ? '' : (e.post.published ?? ''));
      return due
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || published(a).localeCompare(published(b)))
        .slice(0, limit);
    },
    wasSent: (id) => sent.get(id),
    async markSent(entry, messageId, at) {
      const record: SentRecord = { messageId, channelId: entry.channelId, at: at.toISOString(), style: styleOf(entry.post) };
      if (entry.action === 'send') {
        await sent.setMany([entry.id, ...(entry.covers ?? [])].map((id) => ({ key: id, value: record })));
      }
      if (entry.action === 'send' && entry.messageKey) await messages.set(entry.messageKey, record);
      await outbox.delete(entry.id);
    },
    async retryLater(entry, error, at) {
      const attempts = entry.attempts + 1;
      await outbox.set(entry.id, {
        ...entry,
        attempts,
        lastError: error,
        nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)).toISOString(),
      });
    },
    async drop(entry) {
      await outbox.delete(entry.id);
    },
    messageFor: (messageKey) => messages.get(messageKey),
    async size() {
      let count = 0;
      for await (const _ of iterateNamespace(outbox)) count += 1;
      return count;
    },
  };
}
