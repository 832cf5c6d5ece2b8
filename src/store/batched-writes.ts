import type { Keyv } from 'keyv';

/**
 * Writes many records. On the SQLite adapter each chunk is one transaction (about eight times
 * faster than one commit per record: the rebuild writes over 100,000 records); on any other Keyv
 * adapter it is a plain setMany.
 */
export async function setManyBatched<T>(keyv: Keyv<T>, entries: readonly { key: string; value: T }[], chunkSize = 500): Promise<void> {
  const sql = sqliteQuery(keyv);
  for (let i = 0; i < entries.length; i += chunkSize) {
    const chunk = entries.slice(i, i + chunkSize);
    if (sql === undefined) {
      await keyv.setMany(chunk.map(({ key, value }) => ({ key, value })));
      continue;
    }
    await sql('BEGIN IMMEDIATE');
    try {
      await keyv.setMany(chunk.map(({ key, value }) => ({ key, value })));
      await sql('COMMIT');
    } catch (error) {
      await sql('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Stores and deletes records of one namespace together: one transaction on SQLite, so a crash leaves
 * either all of it or none. The caller keeps other writes to the namespace from running meanwhile
 * (they would join the transaction). On other adapters, deletes follow the sets.
 */
export async function writeTogether<T>(keyv: Keyv<T>, set: readonly { key: string; value: T }[], remove: readonly string[]): Promise<void> {
  const sql = sqliteQuery(keyv);
  const write = async () => {
    if (set.length > 0) await keyv.setMany(set.map(({ key, value }) => ({ key, value })));
    if (remove.length > 0) await keyv.deleteMany([...remove]);
  };
  if (sql === undefined || set.length + remove.length <= 1) {
    await write();
    return;
  }
  await sql('BEGIN IMMEDIATE');
  try {
    await write();
    await sql('COMMIT');
  } catch (error) {
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

type Query = (sql: string) => Promise<unknown>;

/**
 * Commits on this namespace's connection stop waiting for the disk (SQLite `synchronous=NORMAL`, safe
 * in WAL mode: a power cut can lose the latest commits, never corrupt the file). Deals are rebuilt
 * from stored items and the item pipeline replays pending items, and the next commit with full sync
 * on the same file (the item store's) makes everything before it durable. No-op off SQLite.
 */
export async function relaxDurability(keyv: Keyv<unknown>): Promise<void> {
  await sqliteQuery(keyv)?.('PRAGMA synchronous=NORMAL');
}

/**
 * After a bulk write: moves the write-ahead log into the database file now, so that the next small
 * writes (live tracking) do not pay for checkpointing a hundred megabytes. No-op off SQLite.
 */
export async function checkpointAfterBulkWrite(keyv: Keyv<unknown>): Promise<void> {
  await sqliteQuery(keyv)?.('PRAGMA wal_checkpoint(TRUNCATE)');
}

/** The SQLite adapter's query function, when the namespace is on SQLite (one connection per namespace). */
function sqliteQuery(keyv: Keyv<unknown>): Query | undefined {
  const store: unknown = keyv.store;
  if (typeof store !== 'object' || store === null) return undefined;
  const { query, opts } = store as { query?: unknown; opts?: { dialect?: unknown } };
  if (typeof query !== 'function' || opts?.dialect !== 'sqlite') return undefined;
  return (sql) => (query as (sql: string) => Promise<unknown>).call(store, sql);
}
