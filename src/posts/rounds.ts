import type { DeliveryContext } from './deliver-entry';
import type { ResumeReport } from './held-posts';
import { addSkipped, countStories, partitionHeld } from './held-posts';
import type { OutboxEntry } from './outbox';
import { planRound } from './plan-round';
import type { QueueState } from './queue-state';

/**
 * Starts a channel's next round from its due entries: drops what is no longer wanted (unsubscribed)
 * or already done (sent, or covered by a stored digest: what a crash between two writes leaves), holds
 * a paused channel's entries, and folds what is over the cap into digests, stored in one write with
 * the removal of the entries they fold. False when there is nothing to deliver now.
 */
export async function formRound(ctx: DeliveryContext, queue: QueueState, cap: number): Promise<boolean> {
  const now = ctx.now();
  let due = [...queue.entries.values()].filter((e) => Date.parse(e.nextAttemptAt) <= now.getTime());
  if (due.length === 0) return false;
  if (queue.channelId) {
    const subscription = await ctx.channels.find(queue.guildId, queue.channelId);
    if (!subscription) {
      await remove(ctx, queue, [...queue.entries.values()], 'unsubscribed');
      return false;
    }
    if (subscription.paused) {
      queue.held = true;
      await pruneHeld(ctx, queue);
      return false;
    }
  }
  const covered = new Set([...queue.entries.values()].flatMap((e) => e.covers ?? []));
  const done: OutboxEntry[] = [];
  for (const entry of due) {
    if (entry.action !== 'edit' && (covered.has(entry.id) || (await ctx.outbox.sent(entry.id)))) done.push(entry);
  }
  if (done.length > 0) {
    await remove(ctx, queue, done, 'already_sent');
    due = due.filter((e) => !done.includes(e));
  }
  const plan = planRound(due, now, (stories) => ctx.transport.digestCapacity(stories), cap);
  if (plan.digests.length > 0) {
    await ctx.outbox.commit({ put: plan.digests, remove: plan.folded.map((e) => e.id) });
    ctx.log.debug({ channel: queue.channelId, digests: plan.digests.length, folded: plan.folded.length }, 'folded posts into digests');
    for (const entry of plan.folded) queue.entries.delete(entry.id);
    for (const digest of plan.digests) {
      queue.entries.set(digest.id, digest);
      ctx.observe({ type: 'folded', digest, entries: plan.folded.filter((e) => digest.covers?.includes(e.id)) });
    }
  }
  queue.round = plan.order.map((e) => e.id);
  return queue.round.length > 0;
}

/** Keeps a paused channel's posts within the pause window; the rest are listed for its resume. */
export async function pruneHeld(ctx: DeliveryContext, queue: QueueState): Promise<void> {
  queue.needsPrune = false;
  if (!queue.channelId) return;
  const { skip } = partitionHeld([...queue.entries.values()], ctx.now(), ctx.held);
  if (skip.length === 0) return;
  // Listed first: a crash in between lists a post that is still kept, never drops one unlisted.
  await ctx.outbox.setSkipped(queue.channelId, addSkipped(await ctx.outbox.skipped(queue.channelId), skip));
  await remove(ctx, queue, skip, 'skipped');
}

/** The channel is subscribed again: what it kept goes out in its next round, what it skipped is told. */
export async function resumeQueue(ctx: DeliveryContext, queue: QueueState): Promise<ResumeReport> {
  const channelId = queue.channelId ?? '';
  const stored = (await ctx.outbox.list()).filter((e) => e.channelId === channelId && e.action !== 'notice');
  queue.entries = new Map(stored.map((e) => [e.id, e]));
  queue.round = [];
  await pruneHeld(ctx, queue);
  queue.held = false;
  queue.readyAt = 0;
  const skipped = (await ctx.outbox.skipped(channelId)) ?? { count: 0, stories: [] };
  if (skipped.count > 0) await ctx.outbox.setSkipped(channelId, undefined);
  const report = { delivering: countStories([...queue.entries.values()]), skipped };
  // Held entries may have waited out a retry long ago: they go now.
  const nowIso = ctx.now().toISOString();
  const due = [...queue.entries.values()].filter((e) => e.nextAttemptAt > nowIso).map((e) => ({ ...e, nextAttemptAt: nowIso }));
  if (due.length > 0) await ctx.outbox.commit({ put: due });
  for (const entry of due) queue.entries.set(entry.id, entry);
  return report;
}

async function remove(ctx: DeliveryContext, queue: QueueState, entries: readonly OutboxEntry[], reason: 'unsubscribed' | 'already_sent' | 'skipped'): Promise<void> {
  await ctx.outbox.commit({ remove: entries.map((e) => e.id) });
  for (const entry of entries) {
    queue.entries.delete(entry.id);
    ctx.observe({ type: 'dropped', entry, reason });
  }
}
