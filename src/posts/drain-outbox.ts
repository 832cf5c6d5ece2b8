import { createLimiter } from '../feeds/limit-concurrency';
import type { Logger } from '../logger';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import { capChannelRound } from './cap-per-channel';
import type { PostObserver } from './post-observer';

export type DeliveryOutcome = 'sent' | 'edited' | 'retried' | 'dropped' | 'paused';
export type DeliverySummary = Record<DeliveryOutcome, number> & { digested: number };

/** Where posts go: Discord, or the console. Marks entries sent, retried or dropped in the outbox. */
export interface Transport {
  deliver(entry: OutboxEntry): Promise<DeliveryOutcome>;
}

export interface DrainOptions {
  outbox: OutboxStore;
  transport: Transport;
  log: Logger;
  now: () => Date;
  capPerChannel?: number;
  /** Told each delivery's outcome (metrics). */
  observer?: Pick<PostObserver, 'delivered'>;
}

/**
 * Delivers every due entry: channels in parallel (a few at a time), each channel's entries in order,
 * at most a capped number of new posts per channel per round with the rest summed up in one digest
 * (the digest is stored before the entries it stands for are removed). A paused channel stops its
 * round; one failing channel never stops the others.
 */
export async function drainOutbox(options: DrainOptions): Promise<DeliverySummary> {
  const { outbox, transport, log } = options;
  const summary: DeliverySummary = { sent: 0, edited: 0, retried: 0, dropped: 0, paused: 0, digested: 0 };
  const due = await outbox.due(options.now());
  const byChannel = new Map<string, OutboxEntry[]>();
  for (const entry of due) byChannel.set(entry.channelId, [...(byChannel.get(entry.channelId) ?? []), entry]);
  const limit = createLimiter(4);
  await Promise.all(
    [...byChannel.values()].map((entries) =>
      limit(async () => {
        const round = capChannelRound(entries, options.capPerChannel);
        if (round.digest) {
          await outbox.enqueue([round.digest]);
          for (const folded of round.folded) await outbox.drop(folded);
          summary.digested += round.folded.length;
        }
        for (const entry of round.deliver) {
          const outcome = await transport.deliver(entry).catch((error: unknown) => {
            log.error({ err: error, entry: entry.id, channel: entry.channelId }, 'delivery failed unexpectedly');
            return 'retried' as const;
          });
          summary[outcome] += 1;
          options.observer?.delivered(entry, outcome, options.now());
          if (outcome === 'paused') break;
        }
      }),
    ),
  );
  if (due.length > 0) log.info(summary, 'delivered posts');
  return summary;
}
