import { inStatusOrder } from '../timeline';
import type { DealEntry, DealRecord, Story, StorySource } from '../tracking-types';
import type { DealNamespaces } from './deal-namespaces';
import type { RecordMap } from './record-map';
import { setManyBatched } from './record-map';

/**
 * Deals and stories grow one report at a time, and a deal's timeline keeps every report: writing
 * the whole record for each report costs more the longer a deal runs (a deal reported by hundreds
 * of feeds is hundreds of kilobytes, rewritten for every new report). So a large record is stored as
 * a head (its other fields, current: story references, status, title …) and numbered parts
 * (`deal-entries` "<deal id> <n>" hold entries, `story-sources` "<story id> <n>" sources): part
 * `from` holds its items as of its last whole write, and each later write adds the next part with
 * what it added or changed (a source that gained a copy). Reading puts them together: entries in
 * time order as tracking keeps them (deals/track-item.ts insertInOrder: a stable order by
 * compareStatusPoints), a changed source in its place. A part is written before the head that counts
 * it, under a number no head counts yet, so a reader, or a replay after a crash, sees the record
 * before the write or after it; parts no head counts any more are deleted after it. After MAX_PARTS
 * parts, or once they hold as much as the whole write, the next write is whole again. A small record
 * (INLINE items at most, written whole) keeps its items in its head and has no `from`: with no parts
 * either, that is exactly the record, as stores written before this hold every record. Plain Keyv
 * records: the same on any store.
 */
export const MAX_PARTS = 16;
const INLINE = 16;

/** A head: items in the head itself, in part `from` (when there), and in parts after it up to `last`. */
type Stored<R> = R & { from?: number; last?: number };

interface Layout<T> {
  from: number | undefined;
  last: number;
  /** The items in the head itself. */
  inline: readonly T[];
  /** Items as of the last whole write. */
  base: number;
  /** Items in the parts written since. */
  added: number;
}

/** How each record read or written by this process is stored (keyed by the record object). */
const dealLayouts = new WeakMap<DealRecord, Layout<DealEntry>>();
const storyLayouts = new WeakMap<Story, Layout<StorySource>>();

const partKey = (id: string, n: number) => `${id} ${n}`;
const READ_CHUNK = 500;

export async function readDeals(ns: DealNamespaces, ids: readonly string[]): Promise<(DealRecord | undefined)[]> {
  return readGrowing(ns.deals, ns.entries, ids, (d) => d.entries, (d, entries) => ({ ...d, entries }), mergeEntries, dealLayouts);
}

export async function readStories(ns: DealNamespaces, ids: readonly string[]): Promise<(Story | undefined)[]> {
  return readGrowing(ns.stories, ns.sources, ids, (s) => s.sources, (s, sources) => ({ ...s, sources }), mergeSources, storyLayouts);
}

/** The part numbers a head counts, in order (its whole write's first, when there). */
function partsOf(head: { from?: number; last?: number }): number[] {
  const first = head.from ?? 1;
  return Array.from({ length: Math.max(0, (head.last ?? 0) - first + 1) }, (_, i) => first + i);
}

async function readGrowing<R extends { id: string }, T extends { itemId: string }>(
  heads: RecordMap<R>,
  partsNs: RecordMap<T[]>,
  ids: readonly string[],
  itemsOf: (record: R) => T[],
  withItems: (record: R, items: T[]) => R,
  merge: (base: T[], added: readonly T[]) => T[],
  layouts: WeakMap<R, Layout<T>>,
): Promise<(R | undefined)[]> {
  const stored = (await heads.getMany([...ids])) as (Stored<R> | undefined)[];
  const keys = stored.flatMap((head) => (head === undefined ? [] : partsOf(head).map((n) => partKey(head.id, n))));
  const parts = new Map<string, T[] | undefined>();
  for (let i = 0; i < keys.length; i += READ_CHUNK) {
    const chunk = keys.slice(i, i + READ_CHUNK);
    (await partsNs.getMany(chunk)).forEach((part, j) => parts.set(chunk[j] as string, part));
  }
  return stored.map((head) => {
    if (head === undefined) return undefined;
    const { from, last = 0, ...rest } = head;
    const record = rest as unknown as R;
    const inline = itemsOf(record);
    const base = from === undefined ? inline : [...inline, ...(parts.get(partKey(head.id, from)) ?? [])];
    const added = partsOf(head).filter((n) => n !== from).flatMap((n) => parts.get(partKey(head.id, n)) ?? []);
    const whole = base === inline && added.length === 0 ? record : withItems(record, merge(base, added));
    layouts.set(whole, { from, last, inline, base: base.length, added: added.length });
    return whole;
  });
}

/** A record as written over the version it was read as (undefined: a new record). */
export interface RecordChange<R> {
  before: R | undefined;
  after: R;
}

export async function writeDeals(ns: DealNamespaces, changes: readonly RecordChange<DealRecord>[]): Promise<void> {
  await writeGrowing(ns.deals, ns.entries, changes, (d) => d.entries, (d, entries) => ({ ...d, entries }), dealLayouts);
}

export async function writeStories(ns: DealNamespaces, changes: readonly RecordChange<Story>[]): Promise<void> {
  await writeGrowing(ns.stories, ns.sources, changes, (s) => s.sources, (s, sources) => ({ ...s, sources }), storyLayouts);
}

/**
 * Writes each changed record: a new part with what `after` has that `before` had not, or had
 * otherwise, then the head. Whole when nothing says how `before` is stored (a new record), when
 * `after` lost something (retention), or when the parts are full; then the parts before go.
 */
async function writeGrowing<R extends { id: string }, T extends { itemId: string }>(
  heads: RecordMap<R>,
  partsNs: RecordMap<T[]>,
  changes: readonly RecordChange<R>[],
  itemsOf: (record: R) => T[],
  withItems: (record: R, items: T[]) => R,
  layouts: WeakMap<R, Layout<T>>,
): Promise<void> {
  const newParts: { key: string; value: T[] }[] = [];
  const newHeads: { key: string; value: Stored<R> }[] = [];
  const dropped: string[] = [];
  for (const { before, after } of changes) {
    if (after === before) continue;
    const layout = before === undefined ? undefined : layouts.get(before);
    const items = itemsOf(after);
    const previous = new Map((before === undefined ? [] : itemsOf(before)).map((item) => [item.itemId, item]));
    const added = items.filter((item) => previous.get(item.itemId) !== item);
    const keepsAll = items.filter((item) => previous.has(item.itemId)).length === previous.size;
    // The next part number no head counts: a part written by a write cut short is overwritten.
    const next = (layout?.last ?? 0) + 1;
    if (layout !== undefined && keepsAll && next - (layout.from ?? 0) <= MAX_PARTS && layout.added + added.length <= Math.max(MAX_PARTS, layout.base)) {
      const last = added.length > 0 ? next : layout.last;
      if (added.length > 0) newParts.push({ key: partKey(after.id, next), value: added });
      const head: Stored<R> = withItems(after, [...layout.inline]);
      if (layout.from !== undefined) head.from = layout.from;
      if (last > 0) head.last = last;
      newHeads.push({ key: after.id, value: head });
      layouts.set(after, { ...layout, last, added: layout.added + added.length });
      continue;
    }
    // Whole: in the head when small, else in the next part; then the parts the head counted go.
    const inline = items.length <= INLINE;
    if (!inline) newParts.push({ key: partKey(after.id, next), value: items });
    newHeads.push({ key: after.id, value: inline ? after : { ...withItems(after, []), from: next, last: next } });
    if (layout !== undefined) dropped.push(...partsOf(layout).map((n) => partKey(after.id, n)));
    layouts.set(after, { from: inline ? undefined : next, last: inline ? 0 : next, inline: inline ? items : [], base: items.length, added: 0 });
  }
  await setManyBatched(partsNs, newParts);
  await setManyBatched(heads, newHeads);
  if (dropped.length > 0) await partsNs.deleteMany(dropped);
}

/** The head's entries and those added since, in tracking's order (compareStatusPoints: time, then item id). */
function mergeEntries(head: DealEntry[], added: readonly DealEntry[]): DealEntry[] {
  const known = new Set(head.map((e) => e.itemId));
  const all = [...head];
  for (const entry of added) {
    if (known.has(entry.itemId)) continue;
    known.add(entry.itemId);
    all.push(entry);
  }
  return [...inStatusOrder(all)];
}

/** The head's sources, each replaced by its later version, then the sources added since, in order. */
function mergeSources(head: StorySource[], added: readonly StorySource[]): StorySource[] {
  const all = [...head];
  const at = new Map(head.map((source, i) => [source.itemId, i]));
  for (const source of added) {
    const i = at.get(source.itemId);
    if (i !== undefined) all[i] = source;
    else {
      at.set(source.itemId, all.length);
      all.push(source);
    }
  }
  return all;
}
