import type { Keyv } from 'keyv';
import { SqliteKeyvStore } from './sqlite-keyv-store';

/**
 * Writes many records, a chunk at a time: on SQLite each chunk is one short transaction (about eight
 * times faster than one commit per record: the rebuild writes over 100,000 records), and the
 * writer queue lets other work in between chunks.
 */
export async function setManyBatched<T>(keyv: Keyv<T>, entries: readonly { key: string; value: T }[], chunkSize = 500): Promise<void> {
  for (let i = 0; i < entries.length; i += chunkSize) {
    await keyv.setMany(entries.slice(i, i + chunkSize).map(({ key, value }) => ({ key, value })));
  }
}

/**
 * After a bulk write: moves the write-ahead log into the database file now, so that the next small
 * writes (live tracking) do not pay for checkpointing a hundred megabytes. No-op off SQLite.
 */
export async function checkpointAfterBulkWrite(keyv: Keyv<unknown>): Promise<void> {
  if (keyv.store instanceof SqliteKeyvStore) await keyv.store.checkpoint();
}
