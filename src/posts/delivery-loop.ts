import { AsyncResource } from 'node:async_hooks';
import type { Logger } from '../logger';
import { FenceLostError } from '../shared/store-failure';
import type { ChannelDirectory } from './channel-directory';
import type { DeliveryContext, StepResult } from './deliver-entry';
import { deliverEntry } from './deliver-entry';
import { enqueueEntries } from './enqueue-entries';
import type { HeldLimits, ResumeReport } from './held-posts';
import { HELD_DEFAULTS } from './held-posts';
import { claimWithin, RESUME_WAIT_MS } from './claim-within';
import type { OutboxClaim, OutboxEntry, OutboxStore } from './outbox';
import { MAX_POSTS_PER_CHANNEL_PER_ROUND } from './plan-round';
import type { QueueState } from './queue-state';
import { createQueues, queueKeyOf } from './queue-state';
import { formRound, pruneHeld, resumeQueue } from './rounds';
import type { DeliveryEvent, DeliveryObserver, Transport } from './transport';

export interface DeliveryTuning {
  /** Channels delivered to at once. */
  concurrency: number;
  /** New posts per channel per round; the rest go into digests. */
  capPerRound: number;
  held: HeldLimits;
  /** How often the whole outbox is read again (entries other processes queued, retries coming due). */
  rescanMs: number;
}

export const DELIVERY_DEFAULTS: DeliveryTuning = {
  concurrency: 16,
  capPerRound: MAX_POSTS_PER_CHANNEL_PER_ROUND,
  held: HELD_DEFAULTS,
  rescanMs: 15_000,
};

export interface DeliveryLoopOptions {
  outbox: OutboxStore;
  transport: Transport;
  channels: ChannelDirectory;
  log: Logger;
  now: () => Date;
  /** Where outcomes are observed (metrics); told each event after it is recorded. */
  observe?: DeliveryObserver;
  tuning?: Partial<DeliveryTuning>;
}

export type DeliverySummary = Record<'sent' | 'edited' | 'reconciled' | 'retried' | 'dropped' | 'paused' | 'digested', number>;

export interface DeliveryLoop {
  /** Runs on its own from now on: every channel's queue is drained as it comes due. */
  start(): void;
  /** Stops taking new work and waits for the posts in flight. */
  stop(): Promise<void>;
  /** Queues posts (the poller's only way into the outbox) and wakes the loop. */
  enqueue(entries: readonly OutboxEntry[]): Promise<number>;
  /** Delivers everything due now (pacing waits included, retries scheduled later not) and resolves. */
  drain(): Promise<DeliverySummary>;
  /** A paused channel was subscribed again: prunes what it holds and says what is kept and skipped. */
  resume(guildId: string, channelId: string): Promise<ResumeReport>;
}

/**
 * The delivery loop: the one owner of the outbox. Each channel is a queue of its own; up to
 * `concurrency` channels are delivered to at once, each at the pace Discord allows it (the
 * transport's `readyAt`), so a rate-limited, failing or slow channel only ever delays itself. Polling
 * and commands never wait for it.
 */
export function createDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const tuning: DeliveryTuning = { ...DELIVERY_DEFAULTS, ...options.tuning };
  const { outbox, transport, log, now } = options;
  const queues = createQueues(now);
  const summary: DeliverySummary = { sent: 0, edited: 0, reconciled: 0, retried: 0, dropped: 0, paused: 0, digested: 0 };
  const observe = (event: DeliveryEvent) => {
    count(summary, event);
    try {
      options.observe?.(event);
    } catch (error) {
      log.error({ err: error }, 'delivery observer failed');
    }
  };
  const ctx: DeliveryContext = {
    outbox, transport, channels: options.channels, log, now, observe, held: tuning.held,
    track: (entries) => queues.add(entries),
  };
  const running = new Set<Promise<void>>();
  let started = false;
  let draining = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastScan = 0;
  let changed: () => void = () => undefined;
  let nextChange = new Promise<void>((resolve) => (changed = resolve));
  const signal = () => {
    const resolve = changed;
    nextChange = new Promise<void>((r) => (changed = r));
    resolve();
  };

  async function scan(): Promise<void> {
    lastScan = Date.now();
    transport.share?.(await outbox.deliverers());
    const entries = await outbox.list();
    queues.replaceIdle(entries);
    observe({ type: 'depth', ...queues.depth() });
  }

  /**
   * Starts a worker for every queue that can go now, up to the concurrency; arms the timer. Workers
   * and the timer run in the loop's own async context, never in its caller's: a poll cycle's writes
   * are fenced by the poll lease (the Postgres store), and the deliveries its enqueue wakes are not
   * part of the cycle.
   */
  const pump = AsyncResource.bind(pumpNow);
  function pumpNow(): void {
    // Until it is started, the loop only works while asked to drain (--once, tests).
    if (stopped || (!started && draining === 0)) return;
    let wait = Math.max(0, lastScan + tuning.rescanMs - Date.now());
    for (const queue of queues.all()) {
      const readyIn = queues.readyIn(queue, transport);
      if (readyIn === undefined) continue;
      if (readyIn > 0) {
        wait = Math.min(wait, readyIn);
        continue;
      }
      if (running.size >= tuning.concurrency) break;
      const work = runQueue(queue).finally(() => {
        running.delete(work);
        signal();
        pump();
      });
      running.add(work);
    }
    if (timer) clearTimeout(timer);
    if (!started) return;
    timer = setTimeout(() => void tick(), Math.max(20, wait));
    timer.unref();
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (Date.now() - lastScan >= tuning.rescanMs) {
      await scan().catch((error: unknown) => log.error({ err: error }, 'could not read the outbox'));
    }
    pump();
    signal();
  }

  /**
   * One worker on one queue, holding its claim (no other worker, here or in another process sharing
   * the outbox, delivers from it meanwhile): forms the channel's round if it has none, then delivers
   * while it may. Another process holding the queue: it is left to that one until the next scan.
   */
  async function runQueue(queue: QueueState): Promise<void> {
    queue.busy = true;
    let claim: OutboxClaim | undefined;
    try {
      claim = await outbox.claim(queue.key);
      if (claim === undefined) {
        queue.readyAt = Date.now() + tuning.rescanMs;
        return;
      }
      if (claim.entries !== undefined) queues.refresh(queue, claim.entries);
      // The channel's rate limit as another process left it: this one waits as that one would have.
      if ((claim.readyAt ?? 0) > Date.now()) {
        queue.readyAt = claim.readyAt ?? 0;
        return;
      }
      const work: DeliveryContext = { ...ctx, outbox: claim.outbox };
      if (queue.held) {
        await pruneHeld(work, queue);
        return;
      }
      if (queue.round.length === 0 && !(await formRound(work, queue, tuning.capPerRound))) return;
      while (queue.round.length > 0 && !stopped) {
        const entry = queue.entries.get(queue.round[0] as string);
        if (!entry) {
          queue.round.shift();
          continue;
        }
        if (Date.parse(entry.nextAttemptAt) > now().getTime()) break;
        if (queue.channelId && transport.readyAt(queue.channelId) > Date.now()) break;
        const result = await deliverEntry(work, entry);
        if (applyStep(queue, entry, result) === 'stop') break;
      }
    } catch (error) {
      if (error instanceof FenceLostError) {
        log.warn({ queue: queue.key }, 'another process took these posts over; leaving them to it');
        queue.readyAt = Date.now() + tuning.rescanMs;
      } else {
        log.error({ err: error, queue: queue.key }, 'delivery to a channel failed; trying again shortly');
        queue.readyAt = Date.now() + 30_000;
      }
    } finally {
      const readyAt = Math.max(queue.readyAt, queue.channelId ? transport.readyAt(queue.channelId) : 0);
      await claim?.release(readyAt).catch((error: unknown) => log.warn({ err: error, queue: queue.key }, 'could not release the claim on a queue; it lapses by itself'));
      queue.busy = false;
      queues.touch(queue);
    }
  }

  function applyStep(queue: QueueState, entry: OutboxEntry, result: StepResult): 'next' | 'stop' {
    switch (result.kind) {
      case 'done':
        queue.round.shift();
        queue.entries.delete(entry.id);
        return 'next';
      case 'later':
        queue.entries.set(entry.id, result.entry);
        if (result.queueUntil === undefined) {
          queue.round.shift(); // a later round takes it
          return 'next';
        }
        queue.readyAt = result.queueUntil; // rate limited: the whole channel waits, this entry first
        return 'stop';
      case 'paused':
        queue.held = true;
        queue.round = [];
        return 'stop';
      case 'removed':
        queue.entries.clear();
        queue.round = [];
        return 'stop';
    }
  }

  const loop: DeliveryLoop = {
    start() {
      if (started) return;
      started = true;
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      signal();
      await Promise.all(running);
    },
    async enqueue(entries) {
      const added = await enqueueEntries(ctx, queues, entries);
      pump();
      return added;
    },
    async drain() {
      const before = { ...summary };
      draining += 1;
      try {
        await scan();
        pump();
        while (!stopped && (running.size > 0 || queues.hasDueWork(transport))) {
          const woken = nextChange;
          if (running.size === 0) setTimeout(signal, 50).unref();
          await woken;
          pump();
        }
      } finally {
        draining -= 1;
      }
      return Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, v - before[k as keyof DeliverySummary]])) as DeliverySummary;
    },
    async resume(guildId, channelId) {
      const queue = queues.get(queueKeyOf({ action: 'send', guildId, channelId }), guildId, channelId);
      while (queue.busy) await nextChange;
      queue.busy = true;
      try {
        const claim = await claimWithin(outbox, queue.key, RESUME_WAIT_MS);
        try {
          if (claim.entries !== undefined) queues.refresh(queue, claim.entries);
          return await resumeQueue({ ...ctx, outbox: claim.outbox }, queue);
        } finally {
          await claim.release().catch(() => undefined);
        }
      } finally {
        queue.busy = false;
        queues.touch(queue);
        pump();
      }
    },
  };
  return loop;
}

function count(summary: DeliverySummary, event: DeliveryEvent): void {
  if (event.type === 'sent') {
    if (event.reconciled) summary.reconciled += 1;
    else if (event.entry.action === 'edit') summary.edited += 1;
    else summary.sent += 1;
  } else if (event.type === 'retried') summary.retried += 1;
  else if (event.type === 'dropped' || (event.type === 'failed' && event.kind === 'rejected')) summary.dropped += 1;
  else if (event.type === 'paused' || event.type === 'removed') summary.paused += 1;
  else if (event.type === 'folded') summary.digested += event.entries.length;
}
