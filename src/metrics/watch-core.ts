import { countRecords } from '../store/open-keyv';
import type { OutboxStore } from '../store/outbox-store';
import type { Stores } from '../store/stores';
import type { Metrics } from './metrics';

/** Points the metrics and /healthz at a running core: its store, outbox and deals (and the gateway in Discord mode). */
export function watchCore(metrics: Metrics, core: { stores: Stores; outbox: OutboxStore }, gateway?: () => string): void {
  const deals = core.stores.keyv.namespace<unknown>('deals');
  metrics.watch({
    async outbox() {
      const waiting = await core.outbox.due(new Date(8.64e15), Number.POSITIVE_INFINITY);
      return { depth: waiting.length, oldestCreatedAt: waiting[0]?.createdAt };
    },
    deals: () => countRecords(deals),
    store: async () => void (await countRecords(deals)),
    gateway,
  });
}
