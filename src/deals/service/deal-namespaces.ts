import type { DealEntry, DealRecord, Story, StorySource } from '../tracking-types';
import type { RecordMap } from './record-map';

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
 * The records of stories and deals, one map per kind (Keyv namespaces of the store: store/deal-storage.ts).
 * A read that fails must throw, never look like a missing record (tracking would overwrite the deal).
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

/** The deal service's storage port: its records, and what the store offers to write them safely. */
export interface DealStorage extends DealNamespaces {
  /**
   * Runs `work` alone for `lock` among every process sharing the store, as one transaction (Postgres:
   * under an advisory lock; SQLite, one process: after this process's other work under the same lock).
   */
  transaction<T>(lock: string, work: () => Promise<T>): Promise<T>;
  /** After a bulk write (a rebuild): lets the store settle it now (SQLite: a WAL checkpoint); may do nothing. */
  afterBulkWrite(): Promise<void>;
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
