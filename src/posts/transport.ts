import type { OutboxEntry, SentRecord } from './outbox';
import type { DigestStory } from './post';

/** What one attempt came to, as a transport reports it. A transport never writes the outbox. */
export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string }
  /**
   * Not delivered now. `retryAfterMs`: the channel is rate limited for that long (the whole queue
   * waits); `maybeSent`: the request may have reached Discord (a lost answer, a timeout, a 5xx).
   */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; maybeSent: boolean }
  /** The bot may not post there (missing access or permissions): the subscription is paused. */
  | { kind: 'no_access'; reason: string }
  /** The channel (or, for an edit or a thread, the message) no longer exists. */
  | { kind: 'gone'; reason: string }
  /** Discord refused the request itself (invalid body): retrying cannot help. */
  | { kind: 'rejected'; reason: string };

/** Whether a post that may have been sent is in its channel. */
export type FindOutcome = { kind: 'found'; messageId: string } | { kind: 'not_found' } | { kind: 'unknown'; reason: string };

/** Where posts go: Discord, or the console. */
export interface Transport {
  /**
   * Sends a post, an edit, a thread or a notice. `target` is the message an edit or a thread works
   * on (the record of the send it belongs to).
   */
  deliver(entry: OutboxEntry, target?: SentRecord): Promise<DeliveryOutcome>;
  /** Looks for the entry's post in its channel (an earlier attempt may have posted it). */
  findSent(entry: OutboxEntry, target?: SentRecord): Promise<FindOutcome>;
  /** When the channel can take its next message without being rate limited (epoch ms; 0: now). */
  readyAt(channelId: string): number;
  /** How many of these stories, in order, fit in one digest message (at least one). */
  digestCapacity(stories: readonly DigestStory[]): number;
  /**
   * This many processes deliver now (the outbox says so at every scan): a transport whose platform
   * limits the bot as a whole (Discord's global limit) keeps to its share.
   */
  share?(processes: number): void;
}

/**
 * What the delivery loop saw, for logs and metrics (hooked up at wiring time). Events are told after
 * they are recorded in the outbox.
 */
export type DeliveryEvent =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'sent'; entry: OutboxEntry; messageId: string; lagMs: number; reconciled: boolean }
  | { type: 'retried'; entry: OutboxEntry; reason: string; retryAfterMs?: number; maybeSent: boolean }
  | { type: 'failed'; entry: OutboxEntry; kind: 'no_access' | 'gone' | 'rejected'; reason: string }
  | { type: 'dropped'; entry: OutboxEntry; reason: 'already_sent' | 'unsubscribed' | 'skipped' | 'orphaned' }
  | { type: 'folded'; digest: OutboxEntry; entries: OutboxEntry[] }
  | { type: 'paused' | 'removed'; guildId: string; channelId: string; reason: string }
  | { type: 'depth'; entries: number; held: number; oldestCreatedAt?: string };

export type DeliveryObserver = (event: DeliveryEvent) => void;
