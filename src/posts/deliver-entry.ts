import type { Logger } from '../logger';
import type { ChannelDirectory } from './channel-directory';
import type { HeldLimits } from './held-posts';
import type { OutboxEntry, OutboxStore, SentRecord } from './outbox';
import { isDealPost, styleOf } from './post';
import { pauseChannel, removeChannel } from './lost-channels';
import { entryId } from './plan-posts';
import type { DeliveryObserver, DeliveryOutcome, Transport } from './transport';

export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 3_600_000;

/** Server errors and lost answers: 30 s × 2ⁿ, up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)), RETRY_MAX_MS);
}

export interface DeliveryContext {
  outbox: OutboxStore;
  transport: Transport;
  channels: ChannelDirectory;
  log: Logger;
  now: () => Date;
  observe: DeliveryObserver;
  held: HeldLimits;
  /** Tells the loop's queues about entries this step stored (a notice, a thread). */
  track(entries: OutboxEntry[]): void;
}

/** What became of an entry after one step. */
export type StepResult =
  /** It left the outbox: sent (or found already sent), or dropped. */
  | { kind: 'done' }
  /** Still queued, as `entry`; `queueUntil`: the channel is rate limited until then (epoch ms). */
  | { kind: 'later'; entry: OutboxEntry; queueUntil?: number }
  /** The channel is paused: its entries are held. */
  | { kind: 'paused' }
  /** The channel is gone: its subscription and entries were removed. */
  | { kind: 'removed' };

/**
 * One step of one entry, the only place where outcomes are written: reconcile a post that may
 * already be in the channel, mark the attempt (stored before the request), let the transport
 * deliver, then record what it answered. Edits are idempotent and never reconciled.
 */
export async function deliverEntry(ctx: DeliveryContext, entry: OutboxEntry): Promise<StepResult> {
  const { outbox } = ctx;
  let target: SentRecord | undefined;
  if (entry.action === 'edit' || entry.action === 'thread') {
    const wait = await waitForSend(ctx, entry);
    if (wait) return wait;
    target = await outbox.sent(entry.sendId ?? '');
  }
  if (entry.action !== 'edit') {
    if (await outbox.sent(entry.id)) return drop(ctx, entry, 'already_sent');
    if (entry.maybeSentSince) {
      const found = await ctx.transport.findSent(entry, target).catch((error: unknown) => ({ kind: 'unknown' as const, reason: String(error) }));
      if (found.kind === 'found') return recordSent(ctx, entry, found.messageId, true);
      if (found.kind === 'unknown') {
        ctx.log.warn({ entry: entry.id, channel: entry.channelId, reason: found.reason, since: entry.maybeSentSince }, 'could not check whether an earlier attempt was posted; sending again with the same nonce');
      }
    }
  }
  const attempt: OutboxEntry = {
    ...entry,
    attempts: entry.attempts + 1,
    maybeSentSince: entry.action === 'edit' ? undefined : (entry.maybeSentSince ?? ctx.now().toISOString()),
  };
  if (entry.action !== 'edit') await outbox.commit({ put: [attempt] });
  const outcome = await ctx.transport.deliver(attempt, target).catch(
    (error: unknown): DeliveryOutcome => ({ kind: 'retry', reason: error instanceof Error ? error.message : String(error), maybeSent: true }),
  );
  return applyOutcome(ctx, entry, attempt, outcome);
}

async function applyOutcome(ctx: DeliveryContext, entry: OutboxEntry, attempt: OutboxEntry, outcome: DeliveryOutcome): Promise<StepResult> {
  const fields = { guild: entry.guildId, channel: entry.channelId, entry: entry.id, action: entry.action };
  switch (outcome.kind) {
    case 'sent':
      return recordSent(ctx, attempt, outcome.messageId, false);
    case 'retry': {
      const now = ctx.now().getTime();
      const next: OutboxEntry = {
        ...attempt,
        // Only an answer that proves nothing was posted clears the mark an earlier attempt left.
        maybeSentSince: outcome.maybeSent ? attempt.maybeSentSince : entry.maybeSentSince,
        lastError: outcome.reason,
        nextAttemptAt: new Date(now + (outcome.retryAfterMs ?? retryDelayMs(attempt.attempts))).toISOString(),
      };
      await ctx.outbox.commit({ put: [next] });
      ctx.observe({ type: 'retried', entry: next, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs, maybeSent: outcome.maybeSent });
      if (outcome.retryAfterMs === undefined) ctx.log.warn({ ...fields, reason: outcome.reason, attempts: attempt.attempts }, 'post not delivered; will retry');
      else ctx.log.info({ ...fields, retryAfterMs: outcome.retryAfterMs }, 'channel rate limited; its posts wait');
      return { kind: 'later', entry: next, queueUntil: outcome.retryAfterMs === undefined ? undefined : Date.now() + outcome.retryAfterMs };
    }
    case 'rejected':
      ctx.log.error({ ...fields, reason: outcome.reason }, 'Discord refused the post; dropping it');
      ctx.observe({ type: 'failed', entry, kind: 'rejected', reason: outcome.reason });
      await ctx.outbox.commit({ remove: [entry.id] });
      return { kind: 'done' };
    case 'gone':
    case 'no_access':
      ctx.observe({ type: 'failed', entry, kind: outcome.kind, reason: outcome.reason });
      if (entry.action === 'send' || (entry.action === 'edit' && outcome.kind === 'no_access')) {
        // Nothing was posted: the entry is as it was before this attempt.
        await ctx.outbox.commit({ put: [{ ...entry, lastError: outcome.reason }] });
        return outcome.kind === 'gone' ? removeChannel(ctx, entry, outcome.reason) : pauseChannel(ctx, entry, outcome.reason);
      }
      // An edit of a deleted message, a thread the bot may not open, a notice nobody can get.
      ctx.log.warn({ ...fields, reason: outcome.reason }, 'could not deliver; dropping it');
      await ctx.outbox.commit({ remove: [entry.id] });
      return { kind: 'done' };
  }
}

/** An edit or a thread needs its send's message: waits while the send is queued, drops it if none. */
async function waitForSend(ctx: DeliveryContext, entry: OutboxEntry): Promise<StepResult | undefined> {
  const record = await ctx.outbox.sent(entry.sendId ?? '');
  if (record && !record.via) return undefined;
  const send = record ? undefined : await ctx.outbox.get(entry.sendId ?? '');
  // The story went out inside a digest, or was dropped: there is no message of its own to work on.
  if (!send) return drop(ctx, entry, 'orphaned');
  const later = { ...entry, nextAttemptAt: new Date(Math.max(Date.parse(send.nextAttemptAt), ctx.now().getTime()) + 1).toISOString() };
  await ctx.outbox.commit({ put: [later] });
  return { kind: 'later', entry: later };
}

async function drop(ctx: DeliveryContext, entry: OutboxEntry, reason: 'already_sent' | 'orphaned'): Promise<StepResult> {
  await ctx.outbox.commit({ remove: [entry.id] });
  ctx.observe({ type: 'dropped', entry, reason });
  return { kind: 'done' };
}

/**
 * Records a post as sent: first its discussion thread (if the channel wants one), then the sent
 * records of the stories a digest covers and of the post itself (in one write), then the entry
 * leaves the outbox.
 * Each step is safe to repeat, so a crash anywhere in between only repeats it.
 */
export async function recordSent(ctx: DeliveryContext, entry: OutboxEntry, messageId: string, reconciled: boolean): Promise<StepResult> {
  const now = ctx.now();
  const record: SentRecord = { messageId, channelId: entry.channelId, at: now.toISOString(), style: styleOf(entry.post) };
  if (entry.action === 'send' && entry.openThread && isDealPost(entry.post)) {
    const thread: OutboxEntry = {
      ...entry, id: entryId(entry.channelId, 'thread', entry.id), action: 'thread', sendId: entry.id, attempts: 0,
      maybeSentSince: undefined, lastError: undefined, createdAt: now.toISOString(), nextAttemptAt: now.toISOString(),
    };
    if (!(await ctx.outbox.sent(thread.id))) {
      await ctx.outbox.commit({ put: [thread] });
      ctx.track([thread]);
    }
  }
  await ctx.outbox.recordSent([
    ...(entry.covers ?? []).map((id) => ({ id, record: { ...record, style: undefined, via: entry.id } })),
    { id: entry.id, record },
  ]);
  await ctx.outbox.commit({ remove: [entry.id] });
  ctx.observe({ type: 'sent', entry, messageId, lagMs: now.getTime() - Date.parse(entry.createdAt), reconciled });
  return { kind: 'done' };
}
