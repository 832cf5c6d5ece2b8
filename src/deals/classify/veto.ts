import type { CompiledCues, VetoFamily } from './cue-data';
import type { SentenceInfo } from './analyze-sentences';
import type { PartyChoice } from './choose-parties';
import type { ItemScan, Located } from './scan-item';

/**
 * Negative evidence. When the headline is lawsuit, earnings, price, layoff, executive, chart, policy,
 * opinion or statistics news (or one company's own launch), the item is not a deal unless a deal clause
 * survives: a sentence that links two of the parties with a strong deal cue, not under "could/may",
 * free of the vetoing family's own cues, and involving a company the headline names (when the headline
 * names none, only the lede can). A settlement that comes with a licence, or a lawsuit about a
 * terminated licence, lifts a lawsuit or policy veto; market news whose headline clause is about a deal
 * ("shares rise on possible takeover") is news of the deal. A roundup headline always vetoes.
 */

export interface Veto {
  family: VetoFamily;
  hit: Located;
}

function modalBefore(scan: ItemScan, hit: Located): boolean {
  return scan.markers.get('modal').some(
    (m) => m.sentence === hit.sentence && m.clause === hit.clause && m.end <= hit.start,
  );
}

function survives(scan: ItemScan, s: SentenceInfo, roots: Set<string>, titleRoots: Set<string>, family: VetoFamily, singleParty: boolean): boolean {
  if (s.other || s.strength !== 'strong') return false;
  const parties = [...s.families.keys()].filter((r) => roots.has(r));
  if (parties.length < 2) return false;
  if (titleRoots.size > 0 ? !parties.some((r) => titleRoots.has(r)) : s.index > 1) return false;
  if (!s.dealHits.some((h) => h.cue.deal === 'strong' && !modalBefore(scan, h))) return false;
  if (singleParty) return true;
  return !scan.veto.get(family).some((h) => h.sentence === s.index);
}

/** "M&A report: ZeniMax Media, Topgolf, Pet Supplies Plus": a label, a colon, then three or more names. */
const LIST_HEADLINE = /:\s*(?:[A-Z0-9][^,;:]{0,40},\s*){2,}(?:and\s+)?[A-Z0-9]/;

function listHeadline(scan: ItemScan): Located | null {
  const title = scan.item.text.slice(0, scan.item.titleEnd);
  const m = LIST_HEADLINE.exec(title);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0], sentence: 0, clause: 0 } : null;
}

const MARKET_FAMILIES: ReadonlySet<VetoFamily> = new Set<VetoFamily>(['earnings', 'stats']);

/** The family that vetoes the item, or null when the item may be a deal. */
export function findVeto(scan: ItemScan, cues: CompiledCues, infos: SentenceInfo[], choice: PartyChoice): Veto | null {
  const title = infos[0];
  if (!title) return null;
  const list = listHeadline(scan);
  if (list) return { family: 'roundup', hit: list };
  const roundup = scan.veto.inTitle('roundup')[0];
  if (roundup) return { family: 'roundup', hit: roundup };
  const roots = new Set(choice.parties.map((p) => p.root));
  const titleRoots = [...title.families.keys()].filter((r) => roots.has(r));
  const titleClauseVetoed = title.clauses.some((c) => c.vetoed.length > 0);
  if (title.strength === 'strong' && titleRoots.length >= 2 && !titleClauseVetoed) return null;
  const exception = scan.settlement.length > 0 || scan.termination.length > 0;
  for (const [family, entry] of cues.veto) {
    if (entry.singleParty && title.families.size > 1) continue;
    if (exception && (family === 'lawsuit' || family === 'policy')) continue;
    const hit = scan.veto.inTitle(family)[0];
    if (!hit) continue;
    // "EMI shares rise on possible takeover": market news about a deal is news of the deal
    if (MARKET_FAMILIES.has(family) && title.dealHits.some((h) => h.cue.deal === 'strong' && h.clause === hit.clause)) continue;
    if (infos.some((s) => survives(scan, s, roots, new Set(title.families.keys()), family, entry.singleParty))) continue;
    return { family, hit };
  }
  return null;
}
