import type { OutboxEntry } from '../store/outbox-store';
import type { DeliveryOutcome } from './drain-outbox';

/**
 * Told what happens to posts, for the metrics: how many were queued, and each delivery's outcome
 * as the drain records it. Observers only count; they never change what is delivered.
 */
export interface PostObserver {
  queued(count: number): void;
  delivered(entry: OutboxEntry, outcome: DeliveryOutcome, at: Date): void;
}
