import type { OutboxEntry } from './outbox';
import type { Transport } from './transport';

/**
 * One channel's queue as the loop sees it: the entries it knows (the outbox is the truth; this is
 * what was read or written last), the round in progress, and until when the channel must wait.
 */
export interface QueueState {
  key: string;
  guildId: string;
  /** The channel posted to; undefined for a server's notice queue. */
  channelId?: string;
  entries: Map<string, OutboxEntry>;
  /** Ids of the round being delivered, in order. */
  round: string[];
  /** Rate limited until then (epoch ms). */
  readyAt: number;
  busy: boolean;
  /** The subscription is paused: entries are kept, nothing is sent. */
  held: boolean;
  /** Held entries changed since they were last pruned to the pause window. */
  needsPrune: boolean;
  /** The earliest nextAttemptAt of its entries (epoch ms on the loop's clock). */
  dueAt: number;
}

/** Notices go to a server's admins, not to the channel: each server has a notice queue of its own. */
export function queueKeyOf(entry: Pick<OutboxEntry, 'action' | 'guildId' | 'channelId'>): string {
  return entry.action === 'notice' ? `notice:${entry.guildId}` : entry.channelId;
}

export type Queues = ReturnType<typeof createQueues>;

export function createQueues(now: () => Date) {
  const queues = new Map<string, QueueState>();

  function get(key: string, guildId: string, channelId: string): QueueState {
    let queue = queues.get(key);
    if (!queue) {
      queue = {
        key, guildId, channelId: key.startsWith('notice:') ? undefined : channelId, entries: new Map(), round: [],
        readyAt: 0, busy: false, held: false, needsPrune: false, dueAt: Number.POSITIVE_INFINITY,
      };
      queues.set(key, queue);
    }
    return queue;
  }

  function touch(queue: QueueState): void {
    let dueAt = Number.POSITIVE_INFINITY;
    for (const entry of queue.entries.values()) dueAt = Math.min(dueAt, Date.parse(entry.nextAttemptAt));
    queue.dueAt = dueAt;
    if (queue.entries.size === 0 && !queue.busy) queues.delete(queue.key);
  }

  /** Whether a queue has something to do now (0), later (ms to wait), or nothing (undefined). */
  function readyIn(queue: QueueState, transport: Transport): number | undefined {
    if (queue.busy) return undefined;
    if (queue.held) return queue.needsPrune ? 0 : undefined;
    const head = queue.round.length > 0 ? queue.entries.get(queue.round[0] as string) : undefined;
    const dueAt = head ? Date.parse(head.nextAttemptAt) : queue.dueAt;
    if (!Number.isFinite(dueAt)) return undefined;
    const pacing = Math.max(queue.readyAt, queue.channelId ? transport.readyAt(queue.channelId) : 0) - Date.now();
    return Math.max(0, dueAt - now().getTime(), pacing);
  }

  return {
    get,
    touch,
    readyIn,
    all: () => queues.values(),
    /** Entries this process stored: into their queues (not into a round in progress). */
    add(entries: readonly OutboxEntry[]): void {
      for (const entry of entries) {
        const queue = get(queueKeyOf(entry), entry.guildId, entry.channelId);
        queue.entries.set(entry.id, entry);
        if (queue.held) queue.needsPrune = true;
        touch(queue);
      }
    },
    /** One queue's entries as just read from the store, by the worker that claimed it (other processes may have changed them). */
    refresh(queue: QueueState, entries: readonly OutboxEntry[]): void {
      queue.entries = new Map(entries.map((e) => [e.id, e]));
      queue.round = queue.round.filter((id) => queue.entries.has(id));
      touch(queue);
    },
    /** The outbox as read now, for every queue no worker is on; held queues check their pause again. */
    replaceIdle(entries: readonly OutboxEntry[]): void {
      const byQueue = new Map<string, OutboxEntry[]>();
      for (const entry of entries) byQueue.set(queueKeyOf(entry), [...(byQueue.get(queueKeyOf(entry)) ?? []), entry]);
      for (const queue of [...queues.values()]) {
        if (!queue.busy && !byQueue.has(queue.key)) queues.delete(queue.key);
      }
      for (const [key, list] of byQueue) {
        const first = list[0] as OutboxEntry;
        const queue = get(key, first.guildId, first.channelId);
        if (queue.busy) continue;
        queue.entries = new Map(list.map((e) => [e.id, e]));
        queue.round = queue.round.filter((id) => queue.entries.has(id));
        queue.held = false;
        touch(queue);
      }
    },
    /** Something is due now in a queue that is not held (whether or not its channel must wait first). */
    hasDueWork(transport: Transport): boolean {
      for (const queue of queues.values()) {
        if (queue.busy) return true;
        if (readyIn(queue, transport) === undefined) continue;
        const head = queue.round.length > 0 ? queue.entries.get(queue.round[0] as string) : undefined;
        const dueAt = head ? Date.parse(head.nextAttemptAt) : queue.dueAt;
        if (queue.held || dueAt <= now().getTime()) return true;
      }
      return false;
    },
    depth(): { entries: number; held: number; oldestCreatedAt?: string } {
      let entries = 0;
      let held = 0;
      let oldest: string | undefined;
      for (const queue of queues.values()) {
        entries += queue.entries.size;
        if (queue.held) held += queue.entries.size;
        for (const entry of queue.entries.values()) if (oldest === undefined || entry.createdAt < oldest) oldest = entry.createdAt;
      }
      return { entries, held, oldestCreatedAt: oldest };
    },
  };
}
