import type { FeedRef, Scope } from '../tracking-types';
import type { IndexedDeal, ScopedDeal } from './deal-summary';
import { dealEntries, summarize } from './deal-summary';

/** What a scope mask needs of the index: the origin of each feed id. */
export interface FeedTable {
  readonly feeds: readonly FeedRef[];
}

/** Which feeds a scope sees, asked once per feed. */
export class ScopeMask {
  private known = new Uint8Array(0);

  constructor(private readonly feeds: FeedTable, private readonly scope: Scope) {}

  visible(feedId: number): boolean {
    if (feedId >= this.known.length) {
      const grown = new Uint8Array(Math.max(this.feeds.feeds.length, feedId + 1));
      grown.set(this.known);
      this.known = grown;
    }
    let state = this.known[feedId];
    if (state === 0) {
      const report = this.feeds.feeds[feedId];
      state = report !== undefined && this.scope(report) ? 1 : 2;
      this.known[feedId] = state;
    }
    return state === 1;
  }

  /** Which of every known feed the scope sees, as a string key ("1101…"). */
  key(): string {
    let key = '';
    for (let i = 0; i < this.feeds.feeds.length; i += 1) key += this.visible(i) ? '1' : '0';
    return key;
  }
}

const PARTIAL_VIEWS_KEPT = 8;

/** The deal as the scope sees it; undefined when none of its reports are in scope. */
export function scopeDeal(deal: IndexedDeal, mask: ScopeMask): ScopedDeal | undefined {
  let all = true;
  let any = false;
  for (const feed of deal.feeds) {
    if (mask.visible(feed)) any = true;
    else all = false;
  }
  if (all) return { deal, view: deal.view, lastMs: deal.lastMs };
  if (!any) return undefined;
  let signature = '';
  for (const feed of deal.feeds) signature += mask.visible(feed) ? '1' : '0';
  let partial = deal.partialViews.get(signature);
  if (partial === undefined) {
    const view = summarize(deal, dealEntries(deal).filter((e) => mask.visible(e.feed)));
    if (view === undefined) return undefined;
    partial = { view, lastMs: Date.parse(view.lastActivity) };
    if (deal.partialViews.size >= PARTIAL_VIEWS_KEPT) deal.partialViews.clear();
    deal.partialViews.set(signature, partial);
  }
  return { deal, view: partial.view, lastMs: partial.lastMs };
}

export function compareByActivity(a: ScopedDeal, b: ScopedDeal): number {
  return b.lastMs - a.lastMs || (a.deal.id < b.deal.id ? -1 : 1);
}

const SCOPES_KEPT = 16;

/**
 * Per scope (keyed by which feeds it sees), every deal it sees, latest activity first: built once,
 * then kept up to date deal by deal as writes arrive, so listing stays cheap between poll cycles.
 */
export class ScopedDealLists {
  private readonly lists = new Map<string, { mask: ScopeMask; list: ScopedDeal[] }>();

  get(key: string): readonly ScopedDeal[] | undefined {
    return this.lists.get(key)?.list;
  }

  set(key: string, mask: ScopeMask, list: ScopedDeal[]): void {
    if (this.lists.size >= SCOPES_KEPT) this.lists.clear();
    this.lists.set(key, { mask, list });
  }

  /** A deal was added or replaced: move it in every kept list. */
  update(previous: IndexedDeal | undefined, deal: IndexedDeal): void {
    for (const { mask, list } of this.lists.values()) {
      if (previous !== undefined) {
        const at = list.findIndex((s) => s.deal === previous);
        if (at >= 0) list.splice(at, 1);
      }
      const scoped = scopeDeal(deal, mask);
      if (scoped === undefined) continue;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareByActivity(list[mid] as ScopedDeal, scoped) < 0) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, scoped);
    }
  }
}
