import { randomUUID } from 'node:crypto';
import type { DealKind, DealStatus } from '../deals/types';
import { STATUSES } from '../deals/types';
import { DealIndex } from './deal-index';
import type { IndexedDeal, IndexedEntry } from './deal-index';
import type { DealNamespaces, DealRevision } from './deal-namespaces';
import { LOG_KEEP } from './deal-revision';

/**
 * The deal index written out as it is in memory (deal-index.ts), so that a process starts from it
 * in a fraction of a second instead of reading every deal and story and re-tokenising them. A
 * snapshot is at one revision; the revision log brings it up to date. In the `deal-snapshot`
 * namespace: "manifest" → SnapshotManifest, and its parts under "<id>:<n>", part 0 holding the feed
 * and term tables, the others a slice of the deals with their stories each, so that no single
 * record (nor what it takes to parse it) is large. Plain Keyv records: the same on any store.
 */
export interface SnapshotManifest {
  format: typeof FORMAT;
  id: string;
  epoch: string;
  rev: number;
  parts: number;
  savedAt: string;
}

/**
 * A deal with its entries in columns (one array per field, not one per entry: parsing makes far
 * fewer objects): the i-th entry is (ats[i], STATUS_CODES[statuses[i]], unconfirmed[i] === '1', …).
 * Story and kind references are positions in the part's `stories` and `kinds`.
 */
type SnapshotDeal = [id: string, parties: string[], ats: string[], statuses: string, unconfirmed: string, itemIds: string[], stories: number[], kinds: number[], feeds: number[]];
type SnapshotStory = [id: string, sources: number, terms: number[], sourceFeeds: number[], sourceTimes: number[]];

interface SnapshotTables {
  feeds: string[];
  terms: string[];
}

interface SnapshotSlice {
  deals: SnapshotDeal[];
  stories: SnapshotStory[];
  /** Each distinct list of kinds, joined with commas. */
  kinds: string[];
}

/** One character per status in a deal's `statuses`. */
const STATUS_CODES: readonly DealStatus[] = STATUSES;

const FORMAT = 2;
const MANIFEST = 'manifest';
/** Deals per part (with their stories): a few megabytes. */
const DEALS_PER_PART = 1000;

/** The index at the manifest's revision, or undefined when there is no usable snapshot (then: a full load). */
export async function loadSnapshot(ns: Pick<DealNamespaces, 'snapshot'>, head: DealRevision): Promise<DealIndex | undefined> {
  const manifest = (await ns.snapshot.get(MANIFEST)) as SnapshotManifest | undefined;
  if (manifest?.format !== FORMAT || manifest.epoch !== head.epoch || manifest.rev > head.rev || head.rev - manifest.rev > LOG_KEEP) return undefined;
  const index = new DealIndex();
  const tables = (await ns.snapshot.get(`${manifest.id}:0`)) as SnapshotTables | undefined;
  if (tables === undefined) return undefined;
  for (const url of tables.feeds) index.feedId(url);
  index.addTerms(tables.terms);
  for (let n = 1; n < manifest.parts; n += 1) {
    // A part missing: another process replaced the snapshot meanwhile; the caller loads in full.
    const slice = (await ns.snapshot.get(`${manifest.id}:${n}`)) as SnapshotSlice | undefined;
    if (slice === undefined) return undefined;
    addSlice(index, slice);
  }
  index.revision = { epoch: manifest.epoch, rev: manifest.rev };
  return index;
}

function addSlice(index: DealIndex, slice: SnapshotSlice): void {
  const kinds = slice.kinds.map((list) => (list === '' ? [] : (list.split(',') as DealKind[])));
  const storyIds = slice.stories.map(([id]) => id);
  for (const [id, parties, ats, statuses, unconfirmed, itemIds, stories, kindRefs, feeds] of slice.deals) {
    const entries: IndexedEntry[] = ats.map((at, i) => ({
      at,
      status: STATUS_CODES[Number(statuses[i])] as DealStatus,
      unconfirmed: unconfirmed[i] === '1',
      itemId: itemIds[i] as string,
      storyId: storyIds[stories[i] as number] as string,
      kinds: kinds[kindRefs[i] as number] as DealKind[],
      feed: feeds[i] as number,
    }));
    index.putIndexedDeal(id, parties, entries);
    for (const n of new Set(stories)) {
      const [storyId, sources, terms, sourceFeeds, sourceTimes] = slice.stories[n] as SnapshotStory;
      if (sources > 0) index.putStoryTerms({ id: storyId, dealId: id, sources, terms, sourceFeeds, sourceTimes });
    }
  }
}

/** The revision of the snapshot in the store, if any. */
export async function snapshotRevision(ns: Pick<DealNamespaces, 'snapshot'>): Promise<DealRevision | undefined> {
  const manifest = (await ns.snapshot.get(MANIFEST)) as SnapshotManifest | undefined;
  return manifest?.format === FORMAT ? { epoch: manifest.epoch, rev: manifest.rev } : undefined;
}

/**
 * Writes the index as a new snapshot: its parts first, then the manifest that points at them, then
 * the previous snapshot's parts go. The index is copied out in one synchronous pass, so the snapshot
 * is exactly at `index.revision` whatever is written meanwhile.
 */
export async function saveSnapshot(ns: Pick<DealNamespaces, 'snapshot'>, index: DealIndex): Promise<SnapshotManifest> {
  const slices = snapshotSlices(index);
  const tables: SnapshotTables = { feeds: [...index.feedUrls], terms: [...index.terms] };
  const manifest: SnapshotManifest = { format: FORMAT, id: randomUUID(), epoch: index.revision.epoch, rev: index.revision.rev, parts: slices.length + 1, savedAt: new Date().toISOString() };
  const previous = (await ns.snapshot.get(MANIFEST)) as SnapshotManifest | undefined;
  await ns.snapshot.set(`${manifest.id}:0`, tables);
  for (const [i, slice] of slices.entries()) await ns.snapshot.set(`${manifest.id}:${i + 1}`, slice);
  await ns.snapshot.set(MANIFEST, manifest);
  if (previous !== undefined && previous.id !== manifest.id) {
    await ns.snapshot.deleteMany(Array.from({ length: previous.parts }, (_, i) => `${previous.id}:${i}`));
  }
  return manifest;
}

function snapshotSlices(index: DealIndex): SnapshotSlice[] {
  const slices: SnapshotSlice[] = [];
  let slice = new SliceWriter();
  for (const deal of index.deals.values()) {
    slice.add(deal, index);
    if (slice.deals.length >= DEALS_PER_PART) {
      slices.push(slice.done());
      slice = new SliceWriter();
    }
  }
  if (slice.deals.length > 0) slices.push(slice.done());
  return slices;
}

class SliceWriter {
  readonly deals: SnapshotDeal[] = [];
  private readonly stories: SnapshotStory[] = [];
  private readonly storyRefs = new Map<string, number>();
  private readonly kindRefs = new Map<string, number>();

  add(deal: IndexedDeal, index: DealIndex): void {
    const e = deal.entries;
    this.deals.push([
      deal.id,
      deal.parties,
      e.map((entry) => entry.at),
      e.map((entry) => STATUS_CODES.indexOf(entry.status)).join(''),
      e.map((entry) => (entry.unconfirmed ? '1' : '0')).join(''),
      e.map((entry) => entry.itemId),
      e.map((entry) => this.storyRef(entry.storyId, index)),
      e.map((entry) => this.kindRef(entry.kinds)),
      e.map((entry) => entry.feed),
    ]);
  }

  done(): SnapshotSlice {
    return { deals: this.deals, stories: this.stories, kinds: [...this.kindRefs.keys()] };
  }

  private storyRef(id: string, index: DealIndex): number {
    let ref = this.storyRefs.get(id);
    if (ref === undefined) {
      const story = index.stories.get(id);
      ref = this.stories.length;
      this.stories.push(story === undefined ? [id, 0, [], [], []] : [id, story.sources, story.terms, story.sourceFeeds, story.sourceTimes]);
      this.storyRefs.set(id, ref);
    }
    return ref;
  }

  private kindRef(kinds: readonly DealKind[]): number {
    const key = kinds.join(',');
    let ref = this.kindRefs.get(key);
    if (ref === undefined) {
      ref = this.kindRefs.size;
      this.kindRefs.set(key, ref);
    }
    return ref;
  }
}
