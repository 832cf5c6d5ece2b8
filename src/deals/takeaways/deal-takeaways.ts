import { isNearDuplicate } from './takeaway-similarity';
import { writeTakeaways } from './story-takeaways';
import { MAX_TAKEAWAYS } from './takeaway-types';
import type { Takeaway, TakeawaySource } from './takeaway-types';
import type { Classification, DealStatus } from '../types';

/** One report about a deal: the story it came from and how it was classified. */
export interface DealTakeawayEntry {
  source: TakeawaySource;
  classification: Classification;
}

/**
 * A deal's takeaways across several stories, for `/deal takeaways` and the deal's posts.
 *
 * `entries` are in timeline order, oldest first (as a deal's timeline keeps them). Only the reports
 * at the deal's current status are used: `currentStatus` when the tracker gives it (a weaker later
 * report does not move a deal backwards), else the latest report's status. Older reports would open
 * with a certainty that is no longer true ("Nothing is signed yet:" for a deal now live).
 *
 * Confirmed reports come before unconfirmed ones, then the latest first. Article points are taken in
 * turn from each report, keeping room for one background point; near-identical points (the same
 * background point from two stories, the same sentence from two outlets) appear once, an article
 * point citing the first source.
 */
export function writeDealTakeaways(
  entries: readonly DealTakeawayEntry[],
  limit: number = MAX_TAKEAWAYS,
  currentStatus?: DealStatus,
): Takeaway[] {
  const max = Math.max(0, Math.floor(limit));
  const latestFirst = entries.filter((e) => e.classification.isPartnership && e.classification.status !== null).reverse();
  const first = latestFirst[0];
  if (first === undefined || max === 0) return [];
  const status = latestFirst.some((e) => e.classification.status === currentStatus)
    ? currentStatus
    : first.classification.status;
  const current = latestFirst
    .filter((e) => e.classification.status === status)
    .sort((a, b) => Number(a.classification.unconfirmed) - Number(b.classification.unconfirmed));

  const perEntry = current.map((e) => writeTakeaways(e.source, e.classification));
  const articles = takeInTurn(perEntry.map((ts) => ts.filter((t) => t.basis === 'article')));
  const background = perEntry.flatMap((ts) => ts.filter((t) => t.basis === 'background'));

  const out: Takeaway[] = [];
  addDistinct(out, articles, background.length > 0 ? max - 1 : max);
  addDistinct(out, background, max);
  addDistinct(out, articles, max);
  return out;
}

/** Round robin: the first point of each report, then the second of each, and so on. */
function takeInTurn(lists: readonly Takeaway[][]): Takeaway[] {
  const out: Takeaway[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i += 1) {
    for (const l of lists) {
      const t = l[i];
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

function addDistinct(out: Takeaway[], candidates: readonly Takeaway[], upTo: number): void {
  for (const c of candidates) {
    if (out.length >= upTo) return;
    if (out.includes(c) || out.some((t) => isNearDuplicate(t.text, c.text))) continue;
    out.push(c);
  }
}
