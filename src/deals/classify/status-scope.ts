import type { DealStatus } from '../types';
import type { DealHit, ItemScan } from './scan-item';

/**
 * What a status word says once its scope is read: a negation turns talks into a denial ("is not in
 * talks", "held no discussions") and voids an end or a launch ("no standoff"); a rumour word that is
 * only the circumstance of the news ("amid speculation", "after weeks of rumours", "ending months of
 * speculation") is the weakest reading; an end that befell an earlier deal ("after the previous
 * agreement expired", "earlier talks collapsed") is history when the item reports anything else.
 */

/** tier -1: read only when nothing else in the item speaks of the deal's stage. */
export type ScopedReading = { status: DealStatus; tier: -1 | 0 | 1 | 2; note: string } | null | 'as-is';

const NEGATOR = /\b(?:not|never|no|neither|nor|without|nothing|none)\b(?:\s+(?:yet|currently|any|such|longer|immediately|actively|in|holding|having|been|being|engaged|having|formal|serious|active|ongoing)){0,3}\s*$|n't\s+(?:\w+\s+){0,1}$/i;
const NEGATED_INSIDE = /\b(?:no|not|never)\b/i;
const TALKS = /\b(?:talks?|talking|discuss\w*|negotiat\w*|conversations?)\b/i;
const NEARING = /\b(?:near\w*|close to|closing in)\b/i;
const CIRCUMSTANCE =
  /\b(?:amid|amidst|after|following|despite|ending|end|ends|ended|over|with|dispelling|quelling|fuelling|fueling|fueled|fuelled|sparking|sparked|prompting|prompted|confirming|confirms?)\s+(?:(?:weeks|months|years|days|a|an|the|flurry|plenty|lots|much|growing|mounting|fresh|renewed|recent|persistent|earlier|intense|widespread|market|industry|media|of)\s+)*$/i;
const EARLIER_DEAL = /\b(?:previous|old|older|former|earlier|prior|original|existing|lapsed|expired|last|first|old)\s+(?:[\w-]+\s+){0,2}$/i;

const SAYS_AFTER = /^(?:'s)?\s*(?:,\s*)?(?:(?:has|have|also|on \w+day|in a (?:joint )?statement|spokes(?:person|man|woman)|chief executive|CEO|boss)\s+)*(?:said|says|say|told|tells|stated|added|insisted|maintained|confirmed)\b/i;
const SAYS_BEFORE = /\b(?:according to|said|says|told|spokes(?:person|man|woman) for|statement from)\s+(?:the\s+)?$/i;

/** A party denies: it is named in the negated clause, or the sentence reports what it said ("X said", "according to X"). */
function partySpeaks(scan: ItemScan, h: DealHit): boolean {
  const text = scan.item.text;
  return scan.mentions.some(
    (m) =>
      m.sentence === h.sentence &&
      (m.clause === h.clause || SAYS_AFTER.test(text.slice(m.end, m.end + 40)) || SAYS_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start))),
  );
}

function clauseTextBefore(scan: ItemScan, h: DealHit): string {
  const clause = scan.item.sentences[h.sentence]?.clauses[h.clause];
  const from = clause ? clause.start : Math.max(0, h.start - 40);
  return scan.item.text.slice(Math.max(from, h.start - 40), h.start);
}

/** The reading of a status cue in its scope; 'as-is' when nothing changes it, null when it says nothing about the deal. */
export function readInScope(scan: ItemScan, h: DealHit): ScopedReading {
  const status = h.cue.status;
  if (!status) return null;
  const before = clauseTextBefore(scan, h);
  const negated = status !== 'denied' && (NEGATOR.test(before) || (TALKS.test(h.text) && NEGATED_INSIDE.test(h.text)));
  if (negated) {
    if (status === 'in_talks' && NEARING.test(h.text)) return 'as-is'; // "not close to a deal": still talking
    // a denial needs a party to deny: "X is not in talks", "X said there are no negotiations";
    // "no talks have been confirmed" only says nobody reported any
    if (status === 'in_talks' && TALKS.test(h.text)) return partySpeaks(scan, h) ? { status: 'denied', tier: 2, note: 'negated-talks' } : null;
    if (status === 'announced' && h.cue.tier > 0) return { status: 'in_talks', tier: 1, note: 'negated-agreement' };
    return null;
  }
  if (status === 'rumored' && h.cue.id === 'rumoured' && CIRCUMSTANCE.test(before)) return { status, tier: -1, note: 'circumstance' };
  if (status === 'ended' && EARLIER_DEAL.test(before)) return { status, tier: -1, note: 'earlier-deal' };
  return 'as-is';
}
