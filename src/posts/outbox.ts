import type { Post, PostStyle } from './post';

/**
 * A post on its way to one channel. Stored before it is sent and removed only once its outcome is
 * recorded, so a crash or an outage loses nothing; its id is deterministic (channel + what it posts),
 * so planning the same post twice never queues it twice, and the post carries a short form of it
 * (`postRef`) by which the bot recognises its own message in the channel.
 *
 * An entry goes through these states (only the delivery loop moves it):
 *   queued ─▶ sending (maybeSentSince set, stored before the request) ─▶ sent (removed; a SentRecord)
 *   sending ─▶ queued again (an answer proving nothing was posted: 429, 4xx) or uncertain (network
 *   error, timeout, 5xx, a crash: maybeSentSince stays) ─▶ reconciled (found in the channel: sent)
 *   or sent again; held while its subscription is paused ─▶ delivered on resume, or skipped;
 *   folded into a digest (removed in the same write that stores the digest); dropped (unsubscribed,
 *   rejected by Discord, channel gone).
 */
export interface OutboxEntry {
  id: string;
  guildId: string;
  channelId: string;
  /**
   * `send` makes a new message (a story, a status change, a digest); `edit` rewrites the message of
   * `sendId`; `thread` opens the discussion thread under it; `notice` tells the server's admins that
   * posting to `channelId` stopped.
   */
  action: 'send' | 'edit' | 'thread' | 'notice';
  /** For an edit or a thread: the id of the send whose message it works on. */
  sendId?: string;
  /** For a digest: the sends it stands for, recorded as sent with it so they are never posted alone. */
  covers?: string[];
  post: Post;
  mentionRoleId?: string;
  openThread: boolean;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  /**
   * Set, and stored, before each attempt to post: from then on the post may be in the channel. It is
   * cleared only by an answer that proves it is not (a 429, a 4xx); after a lost answer or a crash the
   * entry is reconciled (the channel read for its post) before it is sent again.
   */
  maybeSentSince?: string;
}

export interface SentRecord {
  messageId: string;
  channelId: string;
  at: string;
  /** How the story was posted, so that edits keep its style. */
  style?: PostStyle;
  /** Set when the story went out inside this digest rather than as a message of its own. */
  via?: string;
}

/** Stories a paused channel did not get (older than the pause window, or over its cap). */
export interface SkippedPosts {
  count: number;
  /** Newest first, at most MAX_SKIPPED_LISTED of them. */
  stories: { title: string; link?: string }[];
}

/** The outbox's storage (implemented over Keyv in src/store). Only the delivery loop writes it. */
export interface OutboxStore {
  /** Every queued entry, in no particular order. */
  list(): Promise<OutboxEntry[]>;
  get(id: string): Promise<OutboxEntry | undefined>;
  /** Stores and removes entries in one write (a digest and the entries it folds). */
  commit(change: { put?: readonly OutboxEntry[]; remove?: readonly string[] }): Promise<void>;
  sent(id: string): Promise<SentRecord | undefined>;
  /** Records each id as sent with its record, in one write. */
  recordSent(records: readonly { id: string; record: SentRecord }[]): Promise<void>;
  skipped(channelId: string): Promise<SkippedPosts | undefined>;
  setSkipped(channelId: string, skipped: SkippedPosts | undefined): Promise<void>;
  size(): Promise<number>;
  /**
   * Retention: deletes the sent records of deliveries before `before`, `batch` at a time, but those
   * a queued entry still needs (its own, its send's). How many went.
   */
  pruneSent(before: Date, batch: number): Promise<number>;
  /**
   * Takes one queue (a channel's posts, or a server's notices: `queueKeyOf`) for one worker, so that
   * no other worker, in this process or in another sharing the store, delivers from it meanwhile.
   * Undefined while another worker holds it. A claim lapses if its holder stops (it crashed, or was
   * cut off from the store) and another worker may then take the queue.
   */
  claim(queue: string): Promise<OutboxClaim | undefined>;
  /**
   * Notes that this process delivers (for a little longer than a scan interval) and says how many
   * processes deliver from this outbox now, itself included.
   */
  deliverers(): Promise<number>;
}

export interface OutboxClaim {
  /**
   * The outbox for this queue's work: its writes are refused (a FenceLostError) once the claim has
   * lapsed and another worker took the queue.
   */
  outbox: OutboxStore;
  /**
   * The queue's entries as stored now, when other processes may have changed them since this one
   * last read the outbox; undefined when this process's own view is current (it is the only one).
   */
  entries?: OutboxEntry[];
  /**
   * Until when (epoch ms) the queue's channel must wait, as the claim's last holder left it: what it
   * learnt of Discord's rate limit for the channel, which this process has not seen.
   */
  readyAt?: number;
  /** Gives the queue up, noting until when its channel must wait (for the next holder, whichever process). */
  release(readyAt?: number): Promise<void>;
}

export const MAX_SKIPPED_LISTED = 100;

/** The id a post carries in its message (embed footer) so the bot can recognise it: 72 bits. */
export function postRef(entryId: string): string {
  return entryId.slice(0, 12);
}
