import type { Keyv } from 'keyv';
import type { Logger } from '../logger';
import type { DealStore } from './deal-store';
import type { ItemStore } from './item-store';
import type { OutboxEntry, SentRecord } from '../posts/outbox';
import { pruneSentRecords } from './prune-sent';

/**
 * RETENTION: what is older goes, a small batch at a time (each batch one short transaction, other
 * work in between), at most once per PASS_EVERY_MS, after a poll cycle:
 * - item records first seen before the cut-off;
 * - seen keys not in their feed for SEEN_KEPT_FOR retention periods: an item's key outlives its
 *   record, so a pruned item that shows up again is still not new (and an item still in its feed
 *   keeps its key, however old);
 * - sent records of deliveries before the cut-off, but those the outbox still needs;
 * - story sources reported before the cut-off, but each story's first (deal timelines keep every entry).
 */
export interface Retention {
  /** Runs a pass when one is due; undefined when none was. */
  run(): Promise<RetentionSummary | undefined>;
}

export interface RetentionSummary {
  items: number;
  sent: number;
  stories: number;
  ms: number;
}

export interface RetentionDeps {
  retentionMs: number;
  items: ItemStore;
  deals: DealStore;
  delivery: { outbox: Keyv<OutboxEntry>; sent: Keyv<SentRecord> };
  log: Logger;
  now: () => Date;
}

export const SEEN_KEPT_FOR = 4;
export const PASS_EVERY_MS = 3_600_000;
const BATCH = 500;

export function createRetention(deps: RetentionDeps): Retention {
  let lastPass: { at: number; before: Date } | undefined;
  return {
    async run() {
      const started = performance.now();
      const now = deps.now().getTime();
      if (lastPass !== undefined && now - lastPass.at < PASS_EVERY_MS) return undefined;
      const before = new Date(now - deps.retentionMs);
      const seenBefore = new Date(now - SEEN_KEPT_FOR * deps.retentionMs);
      let items = 0;
      for (;;) {
        const removed = await deps.items.prune({ items: before, seen: seenBefore }, BATCH);
        items += removed;
        if (removed < BATCH) break;
      }
      const sent = await pruneSentRecords(deps.delivery, before, BATCH);
      const stories = await deps.deals.pruneStorySources(before, lastPass?.before);
      lastPass = { at: now, before };
      const summary = { items, sent, stories, ms: Math.round(performance.now() - started) };
      deps.log.info({ ...summary, before: before.toISOString() }, 'retention pass finished');
      return summary;
    },
  };
}
