import type { DealStatus, Evidence } from '../types';
import type { ItemScan } from './scan-item';

/**
 * Unconfirmed: the deal is hedged or attributed ("reportedly", "according to", "people familiar",
 * "declined to comment") in the deal's sentences and no party confirmed it (announced, confirmed,
 * a statement or press release). Rumours are unconfirmed by nature; a denial comes from a party.
 */
export function detectUnconfirmed(scan: ItemScan, scope: number[], status: DealStatus): { unconfirmed: boolean; evidence: Evidence[] } {
  const inScope = new Set(scope);
  const hedge = scan.markers.get('hedge').find((h) => inScope.has(h.sentence));
  const text = scan.item.text;
  // "neither side has confirmed", "declined to confirm": a confirmation word that confirms nothing
  const negated = (h: { start: number }): boolean =>
    /(?:\bnot|\bnever|\bneither\s+\w+(?:\s+\w+)?|declined to|refused to|yet to|n't|\bno one)\s+(?:\w+\s+)?$/i.test(text.slice(Math.max(0, h.start - 30), h.start));
  const confirm = scan.markers.get('confirm').find((h) => inScope.has(h.sentence) && !negated(h));
  if (status === 'denied') return { unconfirmed: false, evidence: [] };
  if (status === 'rumored' || (hedge && !confirm)) {
    const h = hedge;
    const evidence: Evidence[] = h
      ? [{ field: 'unconfirmed', rule: 'hedge', text: h.text, start: h.start, end: h.end }]
      : [];
    return { unconfirmed: true, evidence };
  }
  const evidence: Evidence[] = confirm
    ? [{ field: 'unconfirmed', rule: 'confirmed-by-party', text: confirm.text, start: confirm.start, end: confirm.end }]
    : [];
  return { unconfirmed: false, evidence };
}
