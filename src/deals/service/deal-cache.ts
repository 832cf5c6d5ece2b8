import type { DealRecord, Story } from '../tracking-types';
import type { DealLogEntry, DealNamespaces, DealRevision } from './deal-namespaces';
import { allDirectoryBuckets } from './deal-namespaces';
import { DealIndex } from './deal-index';
import { readDeals, readStories } from './deal-parts';
import { EMPTY_REVISION, readLog, readRevision } from './deal-revision';
import { loadSnapshot, saveSnapshotIfBehind } from './deal-snapshot';

const CHUNK = 500;

/**
 * Keeps a DealIndex in step with the store. Before answering, a query calls `current()`: one key read
 * (the revision); when another process (or another store instance) has written, the changed deals
 * and stories are re-read from the log; after a rebuild, or when too far behind, everything is reloaded.
 */
export class DealCache {
  private index: DealIndex | undefined;
  private syncing: Promise<DealIndex> | undefined;
  private reloading: Promise<DealIndex> | undefined;
  /** The first load tries the snapshot; later ones (a rebuild, too far behind) read the records. */
  private snapshotTried = false;
  private snapshotSavedAt = 0;

  constructor(private readonly ns: DealNamespaces) {}

  /**
   * The index, in step with the store. While a full reload runs (seconds on a large store), queries
   * are answered from the previous index rather than kept waiting past Discord's 3-second limit.
   */
  async current(): Promise<DealIndex> {
    if (this.reloading !== undefined) return this.index ?? this.reloading;
    this.syncing ??= this.sync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** The index once any reload has finished and it is in step with the store (start-up, tests). */
  async fresh(): Promise<DealIndex> {
    await this.reloading?.catch(() => undefined);
    const index = await this.current();
    return this.reloading === undefined ? index : this.reloading;
  }

  /** A write made by this process: applied at once when the cache was at the revision it followed. */
  applyOwnWrite(before: DealRevision, after: DealRevision, deals: Iterable<DealRecord>, stories: Iterable<Story>): void {
    const index = this.index;
    if (index === undefined || this.syncing !== undefined || this.reloading !== undefined) return;
    if (index.revision.epoch !== before.epoch || index.revision.rev !== before.rev) return;
    for (const deal of deals) index.putDeal(deal);
    for (const story of stories) index.putStory(story);
    index.revision = after;
  }

  /**
   * Writes the index as the store's snapshot when the snapshot is behind it and the last one this
   * process wrote is at least `minIntervalMs` old. Nothing when no index is loaded (console mode).
   */
  async saveSnapshot(minIntervalMs: number, alone: (work: () => Promise<boolean>) => Promise<boolean> = (work) => work()): Promise<boolean> {
    const index = this.index;
    if (index === undefined || this.reloading !== undefined || Date.now() - this.snapshotSavedAt < minIntervalMs) return false;
    // What is saved, and what it replaces, is read under `alone` (one process at a time).
    const saved = await alone(() => saveSnapshotIfBehind(this.ns, index));
    if (saved) this.snapshotSavedAt = Date.now();
    return saved;
  }

  /** Drops the cache: the next query reloads (after a rebuild by this process). */
  invalidate(): void {
    this.index = undefined;
  }

  private async sync(): Promise<DealIndex> {
    const head = await readRevision(this.ns);
    if (this.index === undefined && !this.snapshotTried) {
      this.snapshotTried = true;
      this.index = await loadSnapshot(this.ns, head);
    }
    const index = this.index;
    // An index of the empty store follows the first epoch's log, from its first write.
    const sameEpoch = index !== undefined && (index.revision.epoch === head.epoch || (index.revision.epoch === EMPTY_REVISION.epoch && index.revision.rev === 0));
    if (index !== undefined && sameEpoch) {
      if (index.revision.rev === head.rev) return index;
      if (index.revision.rev < head.rev) {
        const log = await readLog(this.ns, index.revision.rev, head.rev);
        if (log !== undefined) {
          await this.applyLog(index, log);
          index.revision = head;
          return index;
        }
      }
    }
    const reload = loadDealIndex(this.ns, head).then(
      (loaded) => {
        this.index = loaded;
        return loaded;
      },
    ).finally(() => {
      this.reloading = undefined;
    });
    this.reloading = reload;
    if (index === undefined) return reload;
    reload.catch(() => undefined);
    return index;
  }

  private async applyLog(index: DealIndex, log: readonly DealLogEntry[]): Promise<void> {
    const dealIds = [...new Set(log.flatMap((e) => e.deals))];
    const storyIds = [...new Set(log.flatMap((e) => e.stories))];
    await forEachRecord(dealIds, (ids) => readDeals(this.ns, ids), (deal) => index.putDeal(deal));
    await forEachRecord(storyIds, (ids) => readStories(this.ns, ids), (story) => index.putStory(story));
  }
}

/**
 * Every deal and story, read by key (the directory lists the deals; deals list their stories), a
 * chunk at a time: the index keeps only what it needs of each, so a full load never holds the store.
 */
export async function loadDealIndex(ns: DealNamespaces, revision: DealRevision): Promise<DealIndex> {
  const index = new DealIndex();
  const buckets = await ns.directory.getMany(allDirectoryBuckets());
  const dealIds = [...new Set(buckets.flatMap((ids) => ids ?? []))];
  const storyIds: string[] = [];
  await forEachRecord(dealIds, (ids) => readDeals(ns, ids), (deal) => {
    index.putDeal(deal);
    for (const ref of deal.stories) storyIds.push(ref.id);
  });
  await forEachRecord(storyIds, (ids) => readStories(ns, ids), (story) => index.putStory(story));
  index.revision = revision;
  return index;
}

async function forEachRecord<T>(keys: readonly string[], read: (ids: string[]) => Promise<(T | undefined)[]>, use: (value: T) => void): Promise<void> {
  for (let i = 0; i < keys.length; i += CHUNK) {
    for (const value of await read(keys.slice(i, i + CHUNK))) if (value !== undefined) use(value);
  }
}
