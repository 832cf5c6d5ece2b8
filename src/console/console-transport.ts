import type { Transport } from '../posts/transport';
import type { ConsoleSink } from './console-sink';
import type { PrintedJournal } from './printed-journal';
import { describePost } from './post-event';

/**
 * Console mode's "Discord": each post is noted in the journal, then printed (text or a JSON line).
 * The delivery loop has stored the attempt before it, and records it after; after a crash in
 * between, `findSent` reads the journal as the Discord transport reads a channel.
 */
export function createConsoleTransport(sink: ConsoleSink, journal: PrintedJournal): Transport {
  return {
    async deliver(entry) {
      await journal.add(entry.id);
      sink.post(describePost(entry));
      return { kind: 'sent', messageId: `console-${entry.id}` };
    },
    findSent: async (entry) => ((await journal.has(entry.id)) ? { kind: 'found', messageId: `console-${entry.id}` } : { kind: 'not_found' }),
    readyAt: () => 0,
    digestCapacity: (stories) => stories.length,
  };
}
