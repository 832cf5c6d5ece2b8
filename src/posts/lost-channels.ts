import type { DeliveryContext, StepResult } from './deliver-entry';
import type { OutboxEntry } from './outbox';
import type { NoticePost } from './post';
import { entryId } from './plan-posts';

/*
 * What happens when Discord says the bot can no longer post in a channel, decided here for both modes:
 * the subscription is paused (its posts held) or, for a channel that is gone, removed (its posts
 * dropped), and the server's admins get one notice per event.
 */

/**
 * The bot lost access to a channel: its subscription is paused (until an admin runs /subscribe for it
 * again), its posts are held, and the server's admins are told, in one notice per pause.
 */
export async function pauseChannel(ctx: DeliveryContext, entry: OutboxEntry, reason: string): Promise<StepResult> {
  const subscription = await ctx.channels.find(entry.guildId, entry.channelId);
  if (!subscription) return removeChannel(ctx, entry, reason);
  if (!subscription.paused) {
    await queueNotice(ctx, entry, 'paused', reason, subscription.createdAt);
    await ctx.channels.pause(entry.guildId, entry.channelId, reason, ctx.now());
    ctx.log.warn({ guild: entry.guildId, channel: entry.channelId, reason }, 'lost access to a channel; its posts are held until it resumes');
    ctx.observe({ type: 'paused', guildId: entry.guildId, channelId: entry.channelId, reason });
  }
  return { kind: 'paused' };
}

/** The channel no longer exists: its subscription and queued posts are removed, and the admins told. */
export async function removeChannel(ctx: DeliveryContext, entry: OutboxEntry, reason: string): Promise<StepResult> {
  const subscription = await ctx.channels.find(entry.guildId, entry.channelId);
  if (subscription) await queueNotice(ctx, entry, 'removed', reason, subscription.createdAt);
  await ctx.channels.remove(entry.guildId, entry.channelId);
  const queued = (await ctx.outbox.list()).filter((e) => e.channelId === entry.channelId && e.action !== 'notice');
  await ctx.outbox.commit({ remove: queued.map((e) => e.id) });
  await ctx.outbox.setSkipped(entry.channelId, undefined);
  ctx.log.warn({ guild: entry.guildId, channel: entry.channelId, reason, dropped: queued.length }, 'channel gone; its subscription was removed');
  ctx.observe({ type: 'removed', guildId: entry.guildId, channelId: entry.channelId, reason });
  return { kind: 'removed' };
}

/** One notice per event of one subscription (its id derives from them): stored before the change. */
async function queueNotice(ctx: DeliveryContext, entry: OutboxEntry, outcome: NoticePost['outcome'], reason: string, since: string): Promise<void> {
  const now = ctx.now().toISOString();
  const notice: OutboxEntry = {
    id: entryId(entry.guildId, 'notice', entry.channelId, outcome, since),
    guildId: entry.guildId,
    channelId: entry.channelId,
    action: 'notice',
    openThread: false,
    post: { type: 'notice', outcome, channelId: entry.channelId, reason, keptHours: ctx.held.maxAgeMs / 3_600_000, keptMax: ctx.held.maxPerChannel },
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
  if ((await ctx.outbox.sent(notice.id)) || (await ctx.outbox.get(notice.id))) return;
  await ctx.outbox.commit({ put: [notice] });
  ctx.track([notice]);
}
