import type { Logger } from '../logger';
import type { DealStore } from '../deals/service';
import type { ItemStore } from '../store/item-store';
import type { OutboxStore } from '../posts/outbox';

/**
 * RETENTION: what is older goes, a small batch at a time (each batch one short transaction, other
 * work in between), at most once per PASS_EVERY_MS, after a poll cycle; a pass removes at most
 * ROWS_PER_PASS item rows, so that a large backlog (the first pass after an upgrade) never holds up
 * the next cycle: the pass after the next cycle goes on with it.
 * - item records first seen before the cut-off;
 * - seen keys not in their feed for SEEN_KEPT_FOR retention periods: an item's key outlives its
 *   record, so a pruned item that shows up again is still not new (and an item still in its feed
 *   keeps its key, however old);
 * - sent records of deliveries before the cut-off, but those the outbox still needs;
 * - story sources reported before the cut-off, but each story's first (deal timelines keep every entry).
 */
export interface Retention {
  /** Runs a pass when one is due; undefined when none was. An abort (shutdown) stops it between batches. */
  run(signal?: AbortSignal): Promise<RetentionSummary | undefined>;
}

export interface RetentionSummary {
  items: number;
  sent: number;
  stories: number;
  ms: number;
  /** False when the pass stopped at its limit of item rows, or for a shutdown: the next one goes on after the next cycle. */
  done: boolean;
}

export interface RetentionDeps {
  retentionMs: number;
  items: ItemStore;
  deals: DealStore;
  outbox: Pick<OutboxStore, 'pruneSent'>;
  log: Logger;
  now: () => Date;
  /** Rows per transaction, and item rows per pass (tests make them small). */
  limits?: { batch: number; rowsPerPass: number };
}

export const SEEN_KEPT_FOR = 4;
export const PASS_EVERY_MS = 3_600_000;
const LIMITS = { batch: 500, rowsPerPass: 20_000 };

export function createRetention(deps: RetentionDeps): Retention {
  let lastPass: { at: number; before: Date } | undefined;
  return {
    async run(signal) {
      const started = performance.now();
      const now = deps.now().getTime();
      if (lastPass !== undefined && now - lastPass.at < PASS_EVERY_MS) return undefined;
      const { batch, rowsPerPass } = deps.limits ?? LIMITS;
      const before = new Date(now - deps.retentionMs);
      const seenBefore = new Date(now - SEEN_KEPT_FOR * deps.retentionMs);
      let items = 0;
      let done = false;
      while (items < rowsPerPass && !signal?.aborted) {
        const limit = Math.min(batch, rowsPerPass - items);
        const removed = await deps.items.prune({ items: before, seen: seenBefore }, limit);
        items += removed;
        done = removed < limit;
        if (done) break;
      }
      let sent = 0;
      let stories = 0;
      if (done) {
        sent = await deps.outbox.pruneSent(before, batch);
        stories = await deps.deals.pruneStorySources(before, lastPass?.before, signal);
        done = !signal?.aborted;
      }
      if (done) lastPass = { at: now, before };
      const summary = { items, sent, stories, ms: Math.round(performance.now() - started), done };
      deps.log.info({ ...summary, before: before.toISOString() }, 'retention pass finished');
      return summary;
    },
  };
}
