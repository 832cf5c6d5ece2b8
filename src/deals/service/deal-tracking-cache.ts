import { partyPairKeys } from '../stories';
import type { TrackingRecords } from '../stories';
import type { DealRecord, Story } from '../tracking-types';
import type { DealNamespaces, DealRevision } from './deal-namespaces';
import { createStoreRecords } from './deal-records';
import { readRevision } from './deal-revision';
import type { MemoryRecords } from './memory-records';

/**
 * Entries and sources held at most (about 1–2 KB each in memory); the least recently used go first.
 * A trade: 5,000-feed steady cycles took 27-37 s at 267-285 MB resident with 10,000 (four cycles),
 * 27-29 s at 294-301 MB with 20,000 (two): a minute is the target, 300 MB the limit.
 */
export const TRACKING_CACHE_ITEMS = 10_000;
/** Pair lists held at most (each a few deal ids); past it they are all dropped. */
const PAIR_LISTS_MAX = 20_000;

/**
 * The deals, stories and pair lists tracking read or wrote, kept from one write to the next. Each
 * write begins inside the deal store's writer by reading the store's revision (one key): while it
 * is still the revision this process's last write made, or the one these records were read at,
 * nobody else has written since (every write of deals and stories bumps it: tracking, retention, a
 * rebuild's new epoch), so they are the store's records and need not be read again. Any other
 * revision, or a write that failed, empties it. Without it, every batch of a first cycle read each
 * busy deal's whole timeline and every story of it again (tens of kilobytes an item), and its
 * sources' words were worked out again from new objects.
 *
 * Held objects are the very records read or written, so deal-parts.ts's layouts (keyed by the
 * object) still say how each is stored. Records are values: tracking never changes one in place.
 */
export class TrackingCache {
  private revision: DealRevision | undefined;
  /** "deal <id>" and "story <id>", least recently used first. */
  private readonly held = new Map<string, DealRecord | Story>();
  private readonly pairs = new Map<string, readonly string[]>();
  private items = 0;

  constructor(private readonly ns: DealNamespaces, private readonly budget = TRACKING_CACHE_ITEMS) {}

  /**
   * Tracking's reads for one write, and the store's revision it starts from, which the write then
   * bumps (call it inside the deal store's writer, before reading anything). `hold` false: what is
   * read from the store is not held (see `committed`); what is held still serves.
   */
  async open(hold = true): Promise<{ reads: TrackingRecords; revision: DealRevision }> {
    const current = await readRevision(this.ns);
    if (!sameRevision(current, this.revision)) this.clear();
    this.revision = current;
    const store = createStoreRecords(this.ns);
    const reads: TrackingRecords = {
      getDeals: (ids) => this.read('deal', ids, (missing) => store.getDeals(missing), hold),
      getStories: (ids) => this.read('story', ids, (missing) => store.getStories(missing), hold),
      getDealIdsForPairs: async (keys) => {
        const missing = keys.filter((key) => !this.pairs.has(key));
        for (const key of missing) this.pairs.set(key, await store.getDealIdsForPairs([key]));
        return [...new Set(keys.flatMap((key) => this.pairs.get(key) ?? []))];
      },
    };
    return { reads, revision: current };
  }

  /**
   * A write committed (revisions null: nothing was written): the records as written are the store's
   * now, and each written deal is in the pair lists of its pairs (as deal-records.ts ensureIndexed).
   * When the write did not follow the revision this was opened at, another write came between: empty.
   * `hold` false: the written records are let go instead of held (a first cycle's back catalogue
   * comes deal by deal, each deal once a batch, over more deals than the cache holds: the least
   * recently used is always the next one needed, so holding them only costs memory).
   */
  committed(revisions: { before: DealRevision; after: DealRevision } | null, records: MemoryRecords, hold = true): void {
    if (revisions !== null) {
      if (!sameRevision(revisions.before, this.revision)) return this.clear();
      this.revision = revisions.after;
    }
    const keep = (kind: 'deal' | 'story', record: DealRecord | Story) => (hold ? this.hold(kind, record) : this.forget(kind, record.id));
    for (const story of records.stories.values()) keep('story', story);
    for (const deal of records.deals.values()) {
      keep('deal', deal);
      for (const key of partyPairKeys(deal.parties)) {
        const list = this.pairs.get(key);
        if (list !== undefined && !list.includes(deal.id)) this.pairs.set(key, [...list, deal.id]);
      }
    }
    if (this.pairs.size > PAIR_LISTS_MAX) this.pairs.clear();
  }

  clear(): void {
    this.revision = undefined;
    this.held.clear();
    this.pairs.clear();
    this.items = 0;
  }

  private async read<T extends DealRecord | Story>(
    kind: 'deal' | 'story',
    ids: readonly string[],
    fetch: (missing: string[]) => Promise<(T | undefined)[]>,
    hold: boolean,
  ): Promise<(T | undefined)[]> {
    const found = new Map<string, T>();
    for (const id of ids) {
      const record = this.held.get(`${kind} ${id}`) as T | undefined;
      if (record !== undefined) found.set(id, record);
    }
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) for (const record of await fetch(missing)) if (record !== undefined) found.set(record.id, record);
    if (hold) for (const record of found.values()) this.hold(kind, record);
    return ids.map((id) => found.get(id));
  }

  private forget(kind: 'deal' | 'story', id: string): void {
    const old = this.held.get(`${kind} ${id}`);
    if (old === undefined) return;
    this.items -= size(old);
    this.held.delete(`${kind} ${id}`);
  }

  /** Holds a record as the most recently used (last in the map); the least recently used go past the budget. */
  private hold(kind: 'deal' | 'story', record: DealRecord | Story): void {
    const key = `${kind} ${record.id}`;
    const old = this.held.get(key);
    if (old !== undefined) {
      this.items -= size(old);
      this.held.delete(key);
    }
    this.held.set(key, record);
    this.items += size(record);
    for (const [oldest, value] of this.held) {
      if (this.items <= this.budget) break;
      this.held.delete(oldest);
      this.items -= size(value);
    }
  }
}

function size(record: DealRecord | Story): number {
  return 'entries' in record ? record.entries.length : record.sources.length;
}

function sameRevision(a: DealRevision, b: DealRevision | undefined): boolean {
  return b !== undefined && a.epoch === b.epoch && a.rev === b.rev;
}
