import type { DealStatus } from '../../deals/types';

/**
 * "What to watch for next", by status: general guidance on what would move the deal, never a
 * prediction or a fact about this deal.
 */
const WATCH_NEXT: Record<DealStatus, string> = {
  rumored: 'Watch for a report that the parties are actually negotiating, or for either side denying it.',
  in_talks: 'Watch for a signed agreement or an official announcement — or for a denial, or word that the talks collapsed.',
  announced: 'Watch for the launch date (or, for an acquisition, the closing) and for the details: which markets, which catalogue, what changes for artists.',
  launched: "Watch for how it is received, expansions to new markets or formats, and the renewal or end of the agreement's term.",
  ended: 'Watch for renewed talks between the same parties, or for either one turning to a new partner.',
  denied: 'Watch whether the denial holds: a later confirmation or fresh reports of talks would reopen it.',
};

export function watchNext(status: DealStatus, unconfirmed: boolean): string {
  const caveat = unconfirmed ? 'Nothing is confirmed by the parties yet. ' : '';
  return `${caveat}${WATCH_NEXT[status]}`;
}
