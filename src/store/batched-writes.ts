import type { Keyv } from 'keyv';
import { SqliteKeyvStore } from './sqlite-keyv-store';

/**
 * Stores and deletes records of one namespace together: one transaction on SQLite, so a crash leaves
 * either all of it or none. The caller keeps other writes to the namespace from running meanwhile
 * (they would join the transaction). On other adapters, deletes follow the sets.
 */
export async function writeTogether<T>(keyv: Keyv<T>, set: readonly { key: string; value: T }[], remove: readonly string[]): Promise<void> {
  const write = async () => {
    if (set.length > 0) await keyv.setMany(set.map(({ key, value }) => ({ key, value })));
    if (remove.length > 0) await keyv.deleteMany([...remove]);
  };
  if (keyv.store instanceof SqliteKeyvStore && set.length + remove.length > 1) await keyv.store.together(write);
  else await write();
}

/**
 * After a bulk write: moves the write-ahead log into the database file now, so that the next small
 * writes (live tracking) do not pay for checkpointing a hundred megabytes. No-op off SQLite.
 */
export async function checkpointAfterBulkWrite(keyv: Keyv<unknown>): Promise<void> {
  if (keyv.store instanceof SqliteKeyvStore) await keyv.store.checkpoint();
}
