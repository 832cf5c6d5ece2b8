import { parsePartyQuery } from '../parties';
import type { PartyResolver, PartySlot } from '../parties';
import { contentTokens } from '../text';
import type { DealStatus } from '../types';
import type { DealIndex } from './deal-index';
import type { DealSummary, IndexedDeal, IndexedStory, ScopedDeal } from './deal-summary';
import { dealStoryIds } from './deal-summary';
import type { ScopeMask } from './scoped-deals';
import { compareByActivity, scopeDeal } from './scoped-deals';

export type { ScopedDeal } from './deal-summary';
export { ScopeMask, scopeDeal } from './scoped-deals';

/**
 * The queries the slash commands need, over the in-memory index (no namespace scans): every one
 * takes a scope, and what the scope cannot see is left out before anything is counted or ranked.
 */

/** Every deal the scope sees, latest activity first (built once per scope, then kept current by the index). */
function scopedDealList(index: DealIndex, mask: ScopeMask): readonly ScopedDeal[] {
  const key = mask.key();
  const cached = index.scopedDealLists.get(key);
  if (cached !== undefined) return cached;
  const list: ScopedDeal[] = [];
  for (const deal of index.dealsByActivity()) {
    const scoped = scopeDeal(deal, mask);
    if (scoped !== undefined) list.push(scoped);
  }
  list.sort(byActivity);
  index.scopedDealLists.set(key, mask, list);
  return list;
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
    if (slots.every((slot) => slot.parties.some((p) => deal.parties.includes(p)))) out.push(deal);
  }
  return out;
}

const byActivity = compareByActivity;

export interface ListDealsOptions {
  status?: DealStatus;
  /** Free text naming one party ("umg", "spotify"). */
  party?: string;
  limit?: number;
  offset?: number;
}

export interface DealPageOf<V> {
  /** How many deals match in all (for paging). */
  total: number;
  deals: V[];
}

export function listDealViews(index: DealIndex, mask: ScopeMask, options: ListDealsOptions, resolver?: PartyResolver): DealPageOf<DealSummary> {
  const limit = Math.max(0, Math.floor(options.limit ?? 10));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  let matched: readonly ScopedDeal[];
  if (options.party !== undefined && options.party.trim() !== '') {
    const slots = parsePartyQuery(options.party, index.partyMatcher(), { resolver });
    if (slots.length === 0) return { total: 0, deals: [] };
    matched = dealsForSlots(index, slots)
      .map((deal) => scopeDeal(deal, mask))
      .filter((s): s is ScopedDeal => s !== undefined)
      .sort(byActivity);
  } else matched = scopedDealList(index, mask);
  const status = options.status;
  const filtered = status === undefined ? matched : matched.filter((s) => s.view.status === status);
  return { total: filtered.length, deals: filtered.slice(offset, offset + limit).map((s) => s.view) };
}

/** Deals named by free text (or by id), best first: exact party sets, then fewer extra parties, then recent. */
export function findDealViews(index: DealIndex, mask: ScopeMask, text: string, limit: number, resolver?: PartyResolver, prefix = false): DealSummary[] {
  const out: ScopedDeal[] = [];
  const byId = index.deals.get(text.trim().toLowerCase());
  const exact = byId === undefined ? undefined : scopeDeal(byId, mask);
  const slots = parsePartyQuery(text, index.partyMatcher(), { resolver, prefix });
  const ranked: { scoped: ScopedDeal; extra: number }[] = [];
  for (const deal of dealsForSlots(index, slots)) {
    if (deal === byId) continue;
    const scoped = scopeDeal(deal, mask);
    if (scoped !== undefined) ranked.push({ scoped, extra: deal.parties.length - slots.length });
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
      .flatMap((deal) => dealStoryIds(deal).map((id) => index.stories.get(id)))
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

const MAX_QUERY_WORDS = 32;

/**
 * Stories matching words, parties or kinds, best first: the most query words matched, then the
 * rarest words (idf), then the latest. Each query word counts once; unknown words match nothing.
 */
export function searchStoryIds(index: DealIndex, mask: ScopeMask, query: string, limit: number): string[] {
  const words = [...new Set(contentTokens(query))].slice(0, MAX_QUERY_WORDS);
  const terms = words.map((w) => index.termId(w)).filter((t): t is number => t !== undefined);
  if (terms.length === 0 || limit <= 0) return [];
  const total = Math.max(1, index.stories.size);
  const matched = new Uint8Array(index.storySlots.length);
  const score = new Float64Array(index.storySlots.length);
  const touched: number[] = [];
  for (const term of terms) {
    const postings = index.postingsOf(term);
    const weight = Math.log(1 + total / Math.max(1, postings.length));
    for (const slot of postings) {
      if (matched[slot] === 0) touched.push(slot);
      matched[slot] = (matched[slot] ?? 0) + 1;
      score[slot] = (score[slot] ?? 0) + weight;
    }
  }
  const top: { id: string; matched: number; score: number; at: number }[] = [];
  const worse = (a: (typeof top)[number], b: (typeof top)[number]): number => b.matched - a.matched || b.score - a.score || b.at - a.at;
  for (const slot of touched) {
    const story = index.storySlots[slot];
    if (story === undefined) continue;
    const candidate = { id: story.id, matched: matched[slot] ?? 0, score: score[slot] ?? 0, at: story.lastMs };
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
