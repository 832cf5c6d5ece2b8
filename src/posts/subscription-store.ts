import type { DealKind, DealStatus } from '../deals/types';
import type { KeyedLock, ListRecords } from '../shared/keyed-lock';
import { createKeyedQueue } from '../shared/keyed-lock';

/** Which channel gets posts, with its filters (empty filter lists mean "all"). */
export interface Subscription {
  guildId: string;
  channelId: string;
  parties: string[];
  kinds: DealKind[];
  statuses: DealStatus[];
  /** 0 to 1: stories the classifier is less sure of are not posted here. */
  minConfidence: number;
  /** A role to mention in each post; the only mention a post may ever make. */
  mentionRoleId?: string;
  /** Open a discussion thread under each post. */
  threads: boolean;
  /** Set when Discord refused access to the channel; posting resumes after /subscribe again. */
  paused?: { at: string; reason: string };
  createdAt: string;
  createdBy: string;
}

export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;

export class SubscriptionLimitError extends Error {
  constructor() {
    super(`a server can have at most ${MAX_SUBSCRIPTIONS_PER_GUILD} subscribed channels; unsubscribe one first`);
    this.name = 'SubscriptionLimitError';
  }
}

export interface SubscriptionStore {
  list(guildId: string): Promise<Subscription[]>;
  /** Creates or replaces the channel's subscription (which also lifts a pause). */
  upsert(subscription: Subscription): Promise<{ created: boolean }>;
  remove(guildId: string, channelId: string): Promise<boolean>;
  pause(guildId: string, channelId: string, reason: string, at: Date): Promise<void>;
  /** Every active subscription of every server. */
  listActive(): Promise<Subscription[]>;
  /** Every subscription of every server, paused ones too (they keep their posts), for planning posts. */
  listAll(): Promise<Subscription[]>;
}

export function createSubscriptionStore(records: ListRecords<Subscription>, serialise: KeyedLock = createKeyedQueue()): SubscriptionStore {
  const list = async (guildId: string) => (await records.get(guildId)) ?? [];
  const save = async (guildId: string, subscriptions: Subscription[]) => {
    if (subscriptions.length > 0) await records.set(guildId, subscriptions);
    else await records.delete(guildId);
  };

  const listAll = async () => {
    const all: Subscription[] = [];
    for await (const [, subscriptions] of records.entries()) all.push(...subscriptions);
    return all;
  };

  return {
    list,
    upsert: (subscription) =>
      serialise(subscription.guildId, async () => {
        const current = await list(subscription.guildId);
        const created = !current.some((s) => s.channelId === subscription.channelId);
        if (created && current.length >= MAX_SUBSCRIPTIONS_PER_GUILD) throw new SubscriptionLimitError();
        const others = current.filter((s) => s.channelId !== subscription.channelId);
        await save(subscription.guildId, [...others, { ...subscription, paused: undefined }]);
        return { created };
      }),
    remove: (guildId, channelId) =>
      serialise(guildId, async () => {
        const current = await list(guildId);
        const rest = current.filter((s) => s.channelId !== channelId);
        if (rest.length === current.length) return false;
        await save(guildId, rest);
        return true;
      }),
    pause: (guildId, channelId, reason, at) =>
      serialise(guildId, async () => {
        const current = await list(guildId);
        await save(
          guildId,
          current.map((s) => (s.channelId === channelId ? { ...s, paused: { at: at.toISOString(), reason } } : s)),
        );
      }),
    async listActive() {
      return (await listAll()).filter((s) => !s.paused);
    },
    listAll,
  };
}
