import { parsePartyQuery } from '../deals/deal-query';
import type { PartyResolver, PartySlot } from '../deals/deal-query';
import { foldStatus } from '../deals/deal-status';
import type { DealView } from '../deals/deal-views';
import { buildDealView } from '../deals/deal-views';
import { contentTokens } from '../deals/text-tokens';
import type { Scope } from '../deals/tracking-types';
import type { DealStatus } from '../deals/types';
import type { DealIndex, IndexedDeal, IndexedStory } from './deal-index';
import { hasTerm } from './deal-index';

/**
 * The queries the slash commands need, over the in-memory index (no namespace scans): every one
 * takes a scope, and what the scope cannot see is left out before anything is counted or ranked.
 */

/** Which feeds a scope sees, asked once per feed per query. */
export class ScopeMask {
  private known = new Uint8Array(0);

  constructor(private readonly index: DealIndex, private readonly scope: Scope) {}

  visible(feedId: number): boolean {
    if (feedId >= this.known.length) {
      const grown = new Uint8Array(Math.max(this.index.feedUrls.length, feedId + 1));
      grown.set(this.known);
      this.known = grown;
    }
    let state = this.known[feedId];
    if (state === 0) {
      state = this.scope(this.index.feedUrls[feedId] ?? '') ? 1 : 2;
      this.known[feedId] = state;
    }
    return state === 1;
  }
}

export interface ScopedDeal {
  deal: IndexedDeal;
  view: DealView;
  lastMs: number;
}

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
  const visible = deal.record.entries.filter((_, i) => mask.visible(deal.entryFeeds[i] ?? -1));
  const view = buildDealView(deal.record, visible, foldStatus(visible));
  return view === undefined ? undefined : { deal, view, lastMs: Date.parse(view.lastActivity) };
}

/** Deals that hold a party of every slot. */
export function dealsForSlots(index: DealIndex, slots: readonly PartySlot[]): IndexedDeal[] {
  if (slots.length === 0) return [];
  const unions = slots.map((slot) => {
    const ids = new Set<string>();
    for (const party of slot.parties) for (const id of index.partyDeals.get(party) ?? []) ids.add(id);
    return ids;
  });
  const smallest = unions.reduce((a, b) => (b.size < a.size ? b : a));
  const out: IndexedDeal[] = [];
  for (const id of smallest) {
    const deal = index.deals.get(id);
    if (deal === undefined) continue;
    if (slots.every((slot) => slot.parties.some((p) => deal.record.parties.includes(p)))) out.push(deal);
  }
  return out;
}

const byActivity = (a: ScopedDeal, b: ScopedDeal): number => b.lastMs - a.lastMs || (a.deal.record.id < b.deal.record.id ? -1 : 1);

export interface ListDealsOptions {
  status?: DealStatus;
  /** Free text naming one party ("umg", "spotify"). */
  party?: string;
  limit?: number;
  offset?: number;
}

export interface DealPage {
  /** How many deals match in all (for paging). */
  total: number;
  deals: DealView[];
}

export function listDealViews(index: DealIndex, mask: ScopeMask, options: ListDealsOptions, resolver?: PartyResolver): DealPage {
  const limit = Math.max(0, Math.floor(options.limit ?? 10));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  let candidates: readonly IndexedDeal[];
  if (options.party !== undefined && options.party.trim() !== '') {
    const slots = parsePartyQuery(options.party, index.partyMatcher(), { resolver });
    if (slots.length === 0) return { total: 0, deals: [] };
    candidates = dealsForSlots(index, slots);
  } else candidates = index.dealsByActivity();
  const matched: ScopedDeal[] = [];
  for (const deal of candidates) {
    if (options.status !== undefined && deal.feeds.length > 0 && !mayHaveStatus(deal, options.status)) continue;
    const scoped = scopeDeal(deal, mask);
    if (scoped !== undefined && (options.status === undefined || scoped.view.status === options.status)) matched.push(scoped);
  }
  matched.sort(byActivity);
  return { total: matched.length, deals: matched.slice(offset, offset + limit).map((s) => s.view) };
}

/** A scoped status is one of the statuses in the deal's entries: a cheap filter before scoping. */
function mayHaveStatus(deal: IndexedDeal, status: DealStatus): boolean {
  if (deal.view.status === status) return true;
  return deal.feeds.length > 1 && deal.record.entries.some((e) => e.status === status);
}

/** Deals named by free text (or by id), best first: exact party sets, then fewer extra parties, then recent. */
export function findDealViews(index: DealIndex, mask: ScopeMask, text: string, limit: number, resolver?: PartyResolver, prefix = false): DealView[] {
  const out: ScopedDeal[] = [];
  const byId = index.deals.get(text.trim().toLowerCase());
  const exact = byId === undefined ? undefined : scopeDeal(byId, mask);
  const slots = parsePartyQuery(text, index.partyMatcher(), { resolver, prefix });
  const ranked: { scoped: ScopedDeal; extra: number }[] = [];
  for (const deal of dealsForSlots(index, slots)) {
    if (deal === byId) continue;
    const scoped = scopeDeal(deal, mask);
    if (scoped !== undefined) ranked.push({ scoped, extra: deal.record.parties.length - slots.length });
  }
  ranked.sort((a, b) => a.extra - b.extra || byActivity(a.scoped, b.scoped));
  if (exact !== undefined) out.push(exact);
  for (const r of ranked) out.push(r.scoped);
  return out.slice(0, Math.max(0, limit)).map((s) => s.view);
}

/** The story's latest time among the sources the scope sees (-Infinity: none). */
export function scopedStoryTime(story: IndexedStory, mask: ScopeMask): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < story.sourceFeeds.length; i += 1) {
    const at = story.sourceTimes[i] as number;
    if (at > latest && mask.visible(story.sourceFeeds[i] as number)) latest = at;
  }
  return latest;
}

/** The ids of the latest stories in scope, optionally only those of deals with a party. */
export function latestStoryIds(index: DealIndex, mask: ScopeMask, options: { party?: string; limit?: number }, resolver?: PartyResolver): string[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 5));
  let candidates: readonly IndexedStory[];
  if (options.party !== undefined && options.party.trim() !== '') {
    const slots = parsePartyQuery(options.party, index.partyMatcher(), { resolver });
    candidates = dealsForSlots(index, slots)
      .flatMap((deal) => deal.record.stories.map((ref) => index.stories.get(ref.id)))
      .filter((s): s is IndexedStory => s !== undefined)
      .sort((a, b) => b.lastMs - a.lastMs);
  } else candidates = index.storiesByActivity();
  const top: { id: string; at: number }[] = [];
  for (const story of candidates) {
    // Candidates come latest first by their unscoped time, which bounds the scoped time.
    const kth = top[limit - 1];
    if (top.length >= limit && kth !== undefined && story.lastMs < kth.at) break;
    const at = scopedStoryTime(story, mask);
    if (at === Number.NEGATIVE_INFINITY) continue;
    top.push({ id: story.id, at });
    top.sort((a, b) => b.at - a.at);
    if (top.length > limit) top.pop();
  }
  return top.map((t) => t.id);
}

/**
 * Stories matching words, parties or kinds, best first: the most query words matched, then the
 * rarest words (idf), then the latest. Each query word counts once; unknown words match nothing.
 */
export function searchStoryIds(index: DealIndex, mask: ScopeMask, query: string, limit: number): string[] {
  const words = [...new Set(contentTokens(query))];
  const terms = words.map((w) => index.termId(w)).filter((t): t is number => t !== undefined);
  if (terms.length === 0 || limit <= 0) return [];
  const total = Math.max(1, index.stories.size);
  const weights = terms.map((t) => Math.log(1 + total / Math.max(1, index.termStories[t] ?? 1)));
  const top: { id: string; matched: number; score: number; at: number }[] = [];
  const worse = (a: (typeof top)[number], b: (typeof top)[number]): number => b.matched - a.matched || b.score - a.score || b.at - a.at;
  for (const story of index.stories.values()) {
    let matched = 0;
    let score = 0;
    for (let i = 0; i < terms.length; i += 1) {
      if (hasTerm(story.terms, terms[i] as number)) {
        matched += 1;
        score += weights[i] as number;
      }
    }
    if (matched === 0) continue;
    const candidate = { id: story.id, matched, score, at: story.lastMs };
    const last = top[limit - 1];
    if (top.length >= limit && last !== undefined && worse(last, candidate) <= 0) continue;
    const at = scopedStoryTime(story, mask);
    if (at === Number.NEGATIVE_INFINITY) continue;
    top.push({ ...candidate, at });
    top.sort(worse);
    if (top.length > limit) top.pop();
  }
  return top.map((t) => t.id);
}
