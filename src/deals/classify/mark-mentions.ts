import type { MarkerGroup } from './cue-data';
import type { ItemScan, Located } from './scan-item';

/**
 * Decides which named companies can never be parties: competitors mentioned in passing, sources,
 * owners named as background ("Google's YouTube", "Live Nation-owned Ticketmaster"), a company's own
 * unit ("its Beats Music service"), and the outlet a show is made for.
 */

export type ExclusionReason = 'competitor' | 'source' | 'owner' | 'own-unit' | 'made-for';

export interface Exclusion {
  reason: ExclusionReason;
  text: string;
  start: number;
  end: number;
}

const FORWARD: [MarkerGroup, ExclusionReason][] = [
  ['competitor', 'competitor'],
  ['attribution', 'source'],
  ['owner', 'owner'],
  ['madeFor', 'made-for'],
];
const BACKWARD: [MarkerGroup, ExclusionReason][] = [
  ['competitorBefore', 'competitor'],
  ['attributionAfter', 'source'],
  ['ownerBefore', 'owner'],
];

/** In M&A a "rival" is often the target: "merger with German rival X", "bid for UK rival X". */
const DEAL_BEFORE_RIVAL =
  /(?:with|for|from|buy|buying|acquire|acquiring|of|merge|merger|bid|approach|takeover)\s+(?:(?:its|their|a|the|larger|smaller|bigger|longtime|long-time|former|fellow|german|british|french|us|uk|u\.s\.|japanese|chinese|korean|italian|spanish|european|american|local|main|chief|top|biggest|closest|struggling|beleaguered)\s+){0,3}$/i;
const LIST_GAP = /^(?:\s*(?:Inc|Ltd|Corp|Co|SA|AG|plc|LLC|NV)\.?)?(?:'s)?\s*(?:,|\band\b|\bor\b|&|\bas well as\b|\bnor\b|\s)*\s*(?:the\s+)?$/i;
const BACKWARD_GAP = /^(?:'s|')?\s*[-,]?\s*$/;

function wordsIn(s: string): number {
  return s.trim() === '' ? 0 : s.trim().split(/\s+/).length;
}

function markForward(scan: ItemScan, hit: Located, reason: ExclusionReason, out: (Exclusion | null)[]): void {
  const text = scan.item.text;
  if (reason === 'competitor' && DEAL_BEFORE_RIVAL.test(text.slice(Math.max(0, hit.start - 40), hit.start))) return;
  // "replaces its lapsed Y bundle": what is replaced is the subject's own deal with Y, not a rival
  if (reason === 'competitor' && /^replac/i.test(hit.text) && /^\s+(?:its|their)\s/i.test(text.slice(hit.end, hit.end + 8))) return;
  // in a lawsuit whose substance is a terminated licence, the two sides are still the deal's parties
  const exception = scan.termination.some((e) => e.sentence === hit.sentence);
  if (reason === 'competitor' && exception && /^against$/i.test(hit.text)) return;
  // "shares owned by X": X is the seller, a party, not background
  if (reason === 'owner' && /(?:shares|stake|stakes|per ?cent|percent|%)\s+(?:\w+\s+){0,2}$/i.test(text.slice(Math.max(0, hit.start - 40), hit.start))) return;
  let previousEnd = -1;
  for (let i = 0; i < scan.mentions.length; i += 1) {
    const m = scan.mentions[i];
    if (!m || m.sentence !== hit.sentence || m.start < hit.end) continue;
    const gapStart = previousEnd < 0 ? hit.end : previousEnd;
    // "according to Bloomberg, Sony Music ...": the outlet is the source, the companies after it are not
    if (reason === 'source' && scan.outlets.some((o) => o.start >= gapStart && o.end <= m.start)) return;
    const gap = text.slice(gapStart, m.start);
    const linked = previousEnd < 0 ? !/[;:.!?]/.test(gap) && wordsIn(gap) <= 6 : LIST_GAP.test(gap);
    if (!linked) return;
    out[i] ??= { reason, text: hit.text, start: hit.start, end: hit.end };
    previousEnd = m.end;
  }
}

/** "Disney-owned networks" names no company after the marker: nothing to exclude. */
function ownsANamedCompany(scan: ItemScan, hit: Located): boolean {
  if (!/^-?(?:owned|backed|controlled|led)$/i.test(hit.text)) return true;
  return scan.mentions.some(
    (m) => m.sentence === hit.sentence && m.start >= hit.end && wordsIn(scan.item.text.slice(hit.end, m.start)) <= 4,
  );
}

function markBackward(scan: ItemScan, hit: Located, reason: ExclusionReason, out: (Exclusion | null)[]): void {
  const text = scan.item.text;
  if (reason === 'owner' && !ownsANamedCompany(scan, hit)) return;
  for (let i = scan.mentions.length - 1; i >= 0; i -= 1) {
    const m = scan.mentions[i];
    if (!m || m.end > hit.start) continue;
    if (BACKWARD_GAP.test(text.slice(m.end, hit.start))) out[i] ??= { reason, text: hit.text, start: hit.start, end: hit.end };
    return;
  }
}

/** "X's Y", "X's imprint Y" with both companies: X is Y's owner, named as background. */
const POSSESSIVE_OWNER = /^(?:'s|'|s')\s+(?:(?:[\w-]+\s+){0,2}?(?:imprint|label|unit|division|subsidiary|arm|brand|service|app|platform|network|studio|channel|venture|business|company)\s+(?:,\s*)?)?$/;

function markPossessiveOwners(scan: ItemScan, out: (Exclusion | null)[]): void {
  const text = scan.item.text;
  scan.mentions.forEach((m, i) => {
    const next = scan.mentions[i + 1];
    if (!next) return;
    const gap = text.slice(m.end, next.start);
    if (POSSESSIVE_OWNER.test(gap) && m.entity !== next.entity) {
      out[i] ??= { reason: 'owner', text: gap.trim(), start: m.end, end: next.start };
    }
  });
}

/** "its Beats Music service": the subject's own unit. */
function markOwnUnits(scan: ItemScan, out: (Exclusion | null)[]): void {
  const text = scan.item.text;
  scan.mentions.forEach((m, i) => {
    const before = text.slice(Math.max(0, m.start - 6), m.start);
    if (/\b(?:its|their)\s+$/i.test(before)) {
      out[i] ??= { reason: 'own-unit', text: before.trim(), start: m.start - before.trimStart().length, end: m.start };
    }
  });
}

/** "partners with X for Netflix expansion": the outlet a show is made for. */
function markMadeForOutlets(scan: ItemScan, out: (Exclusion | null)[]): void {
  const text = scan.item.text;
  scan.mentions.forEach((m, i) => {
    const before = text.slice(Math.max(0, m.start - 4), m.start);
    const after = text.slice(m.end, m.end + 30);
    if (/\bfor\s$/i.test(before) && /^(?:'s)?\s+(?:expansion|push|series|show|shows|slate|project|projects|programming|content|debut|audiences?|subscribers)\b/i.test(after)) {
      out[i] ??= { reason: 'made-for', text: 'for', start: m.start - 4, end: m.start };
    }
  });
}

/**
 * "Snapchat's parent company Snap Inc has signed …": when every mention of a family in a sentence was
 * set aside as an owner or a unit of itself, the family is the sentence's subject, not background.
 */
function keepSelfDescribedFamilies(scan: ItemScan, out: (Exclusion | null)[]): void {
  const bySentenceRoot = new Map<string, number[]>();
  scan.mentions.forEach((m, i) => {
    const key = `${m.sentence}:${m.root}`;
    bySentenceRoot.set(key, [...(bySentenceRoot.get(key) ?? []), i]);
  });
  for (const indexes of bySentenceRoot.values()) {
    if (indexes.length < 2) continue;
    if (indexes.every((i) => out[i]?.reason === 'owner' || out[i]?.reason === 'own-unit')) indexes.forEach((i) => (out[i] = null));
  }
}

/** One entry per mention: why it can never be a party, or null. */
export function markMentions(scan: ItemScan): (Exclusion | null)[] {
  const out: (Exclusion | null)[] = scan.mentions.map(() => null);
  markPossessiveOwners(scan, out);
  markOwnUnits(scan, out);
  markMadeForOutlets(scan, out);
  for (const [group, reason] of FORWARD) {
    for (const hit of scan.markers.get(group)) markForward(scan, hit, reason, out);
  }
  for (const [group, reason] of BACKWARD) {
    for (const hit of scan.markers.get(group)) markBackward(scan, hit, reason, out);
  }
  keepSelfDescribedFamilies(scan, out);
  return out;
}
