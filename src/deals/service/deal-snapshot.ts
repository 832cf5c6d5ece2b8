import { randomUUID } from 'node:crypto';
import type { FeedRef } from '../tracking-types';
import type { DealKind, DealStatus } from '../types';
import { STATUSES } from '../types';
import { dealLabel } from '../stories';
import { DealIndex } from './deal-index';
import type { IndexedDeal } from './deal-summary';
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
 * A deal as the index keeps it (deal-index.ts, EntryColumns), with its view worked out: story and
 * kind references are positions in the part's `stories` and `kinds`, so parsing a part makes few
 * objects and loading it folds nothing.
 */
type SnapshotDeal = [
  id: string, parties: string[], ats: string[], statuses: string, unconfirmed: string, itemIds: string[], storyRefs: number[], kindRefs: number[], feeds: number[], view: SnapshotView,
];
type SnapshotView = [status: number, unconfirmed: 0 | 1, since: string, kinds: number, chapter: number, chapterStartedAt: string, lastActivity: string, reports: number, stories: number];
type SnapshotStory = [id: string, sources: number, terms: number[], sourceFeeds: number[], sourceTimes: number[]];

interface SnapshotTables {
  /** The index's feeds (a report's origin: URL, and whether it was a default feed), in feed id order. */
  feeds: FeedRef[];
  terms: string[];
}

interface SnapshotSlice {
  deals: SnapshotDeal[];
  stories: SnapshotStory[];
  /** Each distinct list of kinds. */
  kinds: DealKind[][];
}

const FORMAT = 4;
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
  for (const feed of tables.feeds) index.feedId(feed);
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
  const storyIds = slice.stories.map(([id]) => id);
  for (const [id, parties, ats, statuses, unconfirmed, itemIds, storyRefs, kindRefs, feeds, view] of slice.deals) {
    const reports = { ats, statuses, unconfirmed, itemIds, storyRefs, storyIds, kindRefs, kindLists: slice.kinds, feeds };
    const [status, isUnconfirmed, since, kinds, chapter, chapterStartedAt, lastActivity, reportCount, stories] = view;
    index.putIndexedDeal(id, parties, reports, {
      id, parties, label: dealLabel(parties), status: STATUSES[status] as DealStatus, unconfirmed: isUnconfirmed === 1, since,
      kinds: slice.kinds[kinds] as DealKind[], chapter, chapterStartedAt, lastActivity, reports: reportCount, stories,
    });
    for (const n of new Set(storyRefs)) {
      const [storyId, sources, terms, sourceFeeds, sourceTimes] = slice.stories[n] as SnapshotStory;
      if (sources > 0) index.putStoryTerms({ id: storyId, dealId: id, sources, terms, sourceFeeds, sourceTimes });
    }
  }
}

/**
 * Writes the index as a new snapshot unless the store's is already at its revision or later (one
 * read of the manifest says both that and what the new one replaces): its parts first, then the
 * manifest that points at them, then the previous snapshot's parts go. The index is copied out in
 * one synchronous pass, so the snapshot is exactly at `index.revision` whatever is written
 * meanwhile. True when it wrote one.
 */
export async function saveSnapshotIfBehind(ns: Pick<DealNamespaces, 'snapshot'>, index: DealIndex): Promise<boolean> {
  const previous = (await ns.snapshot.get(MANIFEST)) as SnapshotManifest | undefined;
  if (previous?.format === FORMAT && previous.epoch === index.revision.epoch && previous.rev >= index.revision.rev) return false;
  const slices = snapshotSlices(index);
  const tables: SnapshotTables = { feeds: [...index.feeds], terms: [...index.terms] };
  const manifest: SnapshotManifest = { format: FORMAT, id: randomUUID(), epoch: index.revision.epoch, rev: index.revision.rev, parts: slices.length + 1, savedAt: new Date().toISOString() };
  await ns.snapshot.set(`${manifest.id}:0`, tables);
  for (const [i, slice] of slices.entries()) await ns.snapshot.set(`${manifest.id}:${i + 1}`, slice);
  await ns.snapshot.set(MANIFEST, manifest);
  if (previous !== undefined && previous.id !== manifest.id) {
    await ns.snapshot.deleteMany(Array.from({ length: previous.parts }, (_, i) => `${previous.id}:${i}`));
  }
  return true;
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
  private readonly kinds: DealKind[][] = [];
  private readonly kindRefs = new Map<string, number>();

  add(deal: IndexedDeal, index: DealIndex): void {
    const r = deal.reports;
    const v = deal.view;
    this.deals.push([
      deal.id, deal.parties, r.ats, r.statuses, r.unconfirmed, r.itemIds,
      r.storyRefs.map((ref) => this.storyRef(r.storyIds[ref] as string, index)),
      r.kindRefs.map((ref) => this.kindRef(r.kindLists[ref] as DealKind[])),
      r.feeds,
      [STATUSES.indexOf(v.status), v.unconfirmed ? 1 : 0, v.since, this.kindRef(v.kinds), v.chapter, v.chapterStartedAt, v.lastActivity, v.reports, v.stories],
    ]);
  }

  done(): SnapshotSlice {
    return { deals: this.deals, stories: this.stories, kinds: this.kinds };
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

  private kindRef(kinds: DealKind[]): number {
    const key = kinds.join(',');
    let ref = this.kindRefs.get(key);
    if (ref === undefined) {
      ref = this.kinds.length;
      this.kinds.push(kinds);
      this.kindRefs.set(key, ref);
    }
    return ref;
  }
}
