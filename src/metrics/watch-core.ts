import { countRecords } from '../store/open-keyv';
import type { OutboxStore } from '../posts/outbox';
import type { Stores } from '../app/stores';
import type { Metrics } from './metrics';

/** Points the metrics and /healthz at a running core: its store, outbox and deals (and the gateway in Discord mode). */
export function watchCore(metrics: Metrics, core: { stores: Stores; outbox: OutboxStore }, gateway?: () => string): void {
  const deals = core.stores.keyv.namespace<unknown>('deals');
  metrics.watch({
    async outbox() {
      const waiting = await core.outbox.list();
      const oldest = waiting.reduce<string | undefined>((min, e) => (min === undefined || e.createdAt < min ? e.createdAt : min), undefined);
      return { depth: waiting.length, oldestCreatedAt: oldest };
    },
    deals: () => countRecords(deals),
    store: async () => void (await countRecords(deals)),
    gateway,
  });
}
