import type { Keyv } from 'keyv';
import type { OutboxStore, SentRecord } from '../posts/outbox';
import { iterateNamespace } from './namespace-records';

/**
 * Retention for what delivery remembers: the sent records (post id → its message) older than
 * `before` (their `at`), deleted `batch` at a time. Safe because nothing that old is planned again:
 * its items are remembered as seen, so they are never new, and a story that old takes no new sources.
 * A record that a queued outbox entry still needs is kept whatever its age: the entry's own (a crash
 * between recording it and leaving the outbox) and its send's (an edit or thread waiting for the
 * message it works on). The outbox itself and what paused channels skipped are never pruned: they
 * are live state, as small as the channels. Returns how many records went. Each store's outbox
 * (outbox-store.ts, postgres/pg-outbox-store.ts) prunes its sent records with this.
 */
export async function pruneSentRecords(outbox: Pick<OutboxStore, 'list'>, sent: Keyv<SentRecord>, before: Date, batch = 500): Promise<number> {
  const needed = new Set<string>();
  for (const entry of await outbox.list()) {
    needed.add(entry.id);
    if (entry.sendId !== undefined) needed.add(entry.sendId);
  }
  let pruned = 0;
  let old: string[] = [];
  for await (const [id, record] of iterateNamespace(sent)) {
    if (Date.parse(record.at) < before.getTime() && !needed.has(id)) old.push(id);
    if (old.length < batch) continue;
    await sent.deleteMany(old);
    pruned += old.length;
    old = [];
  }
  if (old.length > 0) await sent.deleteMany(old);
  return pruned + old.length;
}
