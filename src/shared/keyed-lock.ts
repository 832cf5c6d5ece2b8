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
