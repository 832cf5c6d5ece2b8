import type { Subscription } from './subscription-store';

/**
 * What the delivery loop needs to know and change about subscriptions: whether a channel still wants
 * posts, and pausing or removing it when Discord says the bot can no longer post there. Discord mode
 * passes the subscription store; console mode its one audience.
 */
export interface ChannelDirectory {
  /** The channel's subscription, paused or not; undefined once it was removed. */
  find(guildId: string, channelId: string): Promise<Subscription | undefined>;
  pause(guildId: string, channelId: string, reason: string, at: Date): Promise<void>;
  remove(guildId: string, channelId: string): Promise<boolean>;
}

/** A directory over the subscription store. */
export function subscriptionDirectory(store: {
  list(guildId: string): Promise<Subscription[]>;
  pause(guildId: string, channelId: string, reason: string, at: Date): Promise<void>;
  remove(guildId: string, channelId: string): Promise<boolean>;
}): ChannelDirectory {
  return {
    find: async (guildId, channelId) => (await store.list(guildId)).find((s) => s.channelId === channelId),
    pause: (guildId, channelId, reason, at) => store.pause(guildId, channelId, reason, at),
    remove: (guildId, channelId) => store.remove(guildId, channelId),
  };
}
