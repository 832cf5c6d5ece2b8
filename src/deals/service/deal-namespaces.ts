import type { Keyv } from 'keyv';
import type { DealEntry, DealRecord, Story, StorySource } from '../tracking-types';
import type { KeyvFactory } from '../../store/open-keyv';

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
 * The Keyv namespaces of stories and deals (one SQLite file with everything else).
 * - deals: deal id → DealRecord; stories: story id → Story, each with the parts appended since it was
 *   last written whole in deal-entries and story-sources (deal-parts.ts: read them through it);
 * - deal-pairs: "netflix+spotify" → ids of the deals holding that pair (a 3-party deal is found by each pair);
 * - deal-dir: bucket → deal ids (so a cache can list every deal with a few key reads, no namespace scan);
 * - deal-meta: "revision" → DealRevision; deal-log: revision number → DealLogEntry;
 * - deal-snapshot: the deal index as of one revision, to start from (deal-snapshot.ts).
 */
export interface DealNamespaces {
  deals: Keyv<DealRecord>;
  stories: Keyv<Story>;
  entries: Keyv<DealEntry[]>;
  sources: Keyv<StorySource[]>;
  pairs: Keyv<string[]>;
  directory: Keyv<string[]>;
  meta: Keyv<DealRevision>;
  log: Keyv<DealLogEntry>;
  snapshot: Keyv<unknown>;
}

export function openDealNamespaces(keyv: KeyvFactory): DealNamespaces {
  const open = <T>(name: string): Keyv<T> => {
    const ns = keyv.namespace<T>(name);
    // A failed read must not look like a missing record (tracking would overwrite the deal).
    ns.throwOnErrors = true;
    return ns;
  };
  return {
    deals: open('deals'),
    stories: open('stories'),
    entries: open('deal-entries'),
    sources: open('story-sources'),
    pairs: open('deal-pairs'),
    directory: open('deal-dir'),
    meta: open('deal-meta'),
    log: open('deal-log'),
    snapshot: open('deal-snapshot'),
  };
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
