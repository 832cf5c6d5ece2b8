import type { DealStatus } from '../types';
import { STATUS_WORDS } from '../vocabulary';
import type { NegativeReason } from './confidence';

/** One sentence a member can read: why the item was classified this way. */


function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function quote(text: string | undefined): string {
  return text ? `"${text.replace(/\s+/g, ' ').trim()}"` : '';
}

export function explainDeal(parties: string[], status: DealStatus, unconfirmed: boolean, dealCue?: string, statusCue?: string, inHeadline?: boolean): string {
  const sure = unconfirmed ? ', unconfirmed' : '';
  const why = [dealCue ? `${quote(dealCue)}${inHeadline ? ' in the headline' : ''} links them` : '', statusCue ? `${quote(statusCue)} sets the stage` : '']
    .filter(Boolean)
    .join(' and ');
  return `Deal between ${list(parties)} (${STATUS_WORDS[status].explained}${sure})${why ? `: ${why}` : ''}.`;
}

export function explainNoDeal(reason: NegativeReason, companies: string[], detail?: string): string {
  switch (reason) {
    case 'no-company':
      return 'Not a deal: no platform or media company is named as a party.';
    case 'one-company':
      return `Not a deal: only one company (${list(companies) || 'unnamed'}) takes part; units of one owner count as one.`;
    case 'no-deal-clause':
      return `Not a deal: ${list(companies)} are named, but no sentence links them with a deal.`;
    case 'out-of-scope':
      return `Not a deal in scope: ${list(companies)} are not music or media companies.`;
    case 'sports':
      return `Not a deal in scope: a sports club or league is the counterparty (${list(companies)}).`;
    case 'sale-no-buyer':
      return `Not a deal: a sale process (${detail ?? 'sale'}) with no named buyer; ${list(companies)} are seller and what is for sale.`;
    case 'veto':
      return `Not a deal: the headline is ${detail ?? 'other'} news and no deal clause survives it.`;
  }
}
