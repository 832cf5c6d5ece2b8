import type { Keyv } from 'keyv';
import { iterateNamespace } from './open-keyv';
import type { SentRecord } from './outbox-store';

/**
 * Retention for what delivery remembers: `sent` (post id → where it went) and `messages` (channel and
 * story → the message, for edits), each record older than `before` (its `at`), deleted `batch` at a
 * time. Safe because nothing that old is planned again: its items are remembered as seen, so they are
 * never new, and a story that old takes no new sources. Kept apart from the outbox store so that the
 * delivery rework can take it over as it is. Returns how many records went.
 */
export async function pruneSentRecords(namespaces: { sent: Keyv<SentRecord>; messages: Keyv<SentRecord> }, before: Date, batch = 500): Promise<number> {
  let pruned = 0;
  for (const keyv of [namespaces.sent, namespaces.messages]) {
    let old: string[] = [];
    for await (const [key, record] of iterateNamespace(keyv)) {
      if (Date.parse(record.at) < before.getTime()) old.push(key);
      if (old.length < batch) continue;
      await keyv.deleteMany(old);
      pruned += old.length;
      old = [];
    }
    if (old.length > 0) await keyv.deleteMany(old);
    pruned += old.length;
  }
  return pruned;
}
