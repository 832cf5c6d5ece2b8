import type { DealEntry, DealRecord, Story, StorySource } from '../tracking-types';

/** Which store state the records are at: `epoch` changes when every deal is rebuilt. */
export interface DealRevision {
  epoch: string;
  rev: number;
}

/** What one write changed, so that other processes' caches re-read only that. */
export interface DealLogEntry {
  deals: string[];
  stories: string[];
}

/**
 * The deal service's storage port: what deals need of a store, which src/store implements (Keyv over
 * SQLite or Postgres: store/deal-storage.ts). Records by key, one map per kind; a read that fails
 * must throw, never look like a missing record (tracking would overwrite the deal).
 * - deals: deal id → DealRecord; stories: story id → Story, each with the parts appended since it was
 *   last written whole in deal-entries and story-sources (deal-parts.ts: read them through it);
 * - deal-pairs: "netflix+spotify" → ids of the deals holding that pair (a 3-party deal is found by each pair);
 * - deal-dir: bucket → deal ids (so a cache can list every deal with a few key reads, no namespace scan);
 * - deal-meta: "revision" → DealRevision; deal-log: revision number → DealLogEntry;
 * - deal-snapshot: the deal index as of one revision, to start from (deal-snapshot.ts).
 */
export interface DealNamespaces {
  deals: RecordMap<DealRecord>;
  stories: RecordMap<Story>;
  entries: RecordMap<DealEntry[]>;
  sources: RecordMap<StorySource[]>;
  pairs: RecordMap<string[]>;
  directory: RecordMap<string[]>;
  meta: RecordMap<DealRevision>;
  log: RecordMap<DealLogEntry>;
  snapshot: RecordMap<unknown>;
}

/** The deal records, and what the store offers to write them safely. */
export interface DealStorage extends DealNamespaces {
  /**
   * Runs `work` alone for `lock` among every process sharing the store, as one transaction (Postgres:
   * under an advisory lock; SQLite, one process: after this process's other work under the same lock).
   */
  transaction<T>(lock: string, work: () => Promise<T>): Promise<T>;
  /** After a bulk write (a rebuild): lets the store settle it now (SQLite: a WAL checkpoint); may do nothing. */
  afterBulkWrite(): Promise<void>;
}

/** One kind of record by key (a Keyv namespace is one). */
export interface RecordMap<T> {
  get(key: string): Promise<T | undefined>;
  getMany(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: T): Promise<unknown>;
  setMany(entries: { key: string; value: T }[]): Promise<unknown>;
  deleteMany(keys: string[]): Promise<unknown>;
  clear(): Promise<void>;
}

/**
 * Writes many records, a chunk at a time: on SQLite each chunk is one short transaction (about eight
 * times faster than one commit per record: the rebuild writes over 100,000 records), and the
 * writer queue lets other work in between chunks.
 */
export async function setManyBatched<T>(records: RecordMap<T>, entries: readonly { key: string; value: T }[], chunkSize = 500): Promise<void> {
  for (let i = 0; i < entries.length; i += chunkSize) {
    await records.setMany(entries.slice(i, i + chunkSize).map(({ key, value }) => ({ key, value })));
  }
}

/** The directory has this many buckets; a deal's bucket is a hash of its id. */
export const DIRECTORY_BUCKETS = 64;

export function directoryBucket(dealId: string): string {
  let h = 0;
  for (let i = 0; i < dealId.length; i += 1) h = (Math.imul(h, 31) + dealId.charCodeAt(i)) >>> 0;
  return String(h % DIRECTORY_BUCKETS);
}

export function allDirectoryBuckets(): string[] {
  return Array.from({ length: DIRECTORY_BUCKETS }, (_, i) => String(i));
}
