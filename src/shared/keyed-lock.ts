/** Runs read-modify-write work on one record alone: `key` names the record. */
export type KeyedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Runs read-modify-write work one at a time per key within this process, so two quick commands on
 * the same record never overwrite each other (Keyv has no transactions). Across processes sharing a
 * Postgres store, the factory's `recordLock` does the same with a transaction.
 */
export function createKeyedQueue(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(work, work);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}

/**
 * One list of records per key (a server's subscriptions, its feeds), as a store keeps them: what the
 * stores that serialise their writes with a KeyedLock read and write (src/store provides it over a Keyv namespace).
 */
export interface ListRecords<T> {
  get(key: string): Promise<T[] | undefined>;
  set(key: string, value: T[]): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  /** Every [key, list], for the few readers of every server's records. */
  entries(): AsyncIterable<[string, T[]]>;
}
