import type { DeliveryOutcome, Transport } from '../posts/drain-outbox';
import type { OutboxStore } from '../store/outbox-store';
import type { ConsoleSink } from './console-sink';
import { describePost } from './post-event';

/** Console mode's "Discord": each post is printed (text or a JSON line) and marked sent. */
export function createConsoleTransport(outbox: OutboxStore, sink: ConsoleSink, now: () => Date): Transport {
  let printed = 0;
  return {
    async deliver(entry): Promise<DeliveryOutcome> {
      sink.post(describePost(entry));
      printed += 1;
      await outbox.markSent(entry, `console-${printed}`, now());
      return entry.action === 'edit' ? 'edited' : 'sent';
    },
  };
}
