import type { CompiledCues, VetoFamily } from './cue-data';
import type { SentenceInfo } from './analyze-sentences';
import type { PartyChoice } from './choose-parties';
import type { ItemScan, Located } from './scan-item';

/**
 * Negative evidence. When the headline is lawsuit, earnings, price, layoff, executive, chart, policy,
 * opinion or statistics news (or one company's own launch), the item is not a deal unless a deal clause
 * survives: a sentence that links two of the parties with a strong deal cue, not under "could/may",
 * and free of the vetoing family's own cues. A settlement that comes with a licence, or a lawsuit about
 * a terminated licence, lifts a lawsuit or policy veto.
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

/** A deal word that only says a deal exists ("its deals with", "has partnerships with", "X's stake"): not news. */
const STATE =
  /(?:\b(?:has|have|had|holds?|held|possess(?:es|ed)?|owns?|owned)\s+(?:a|an|the|its|their|several|many|existing|long-standing|longstanding|multiple|some)?\s*(?:(?!\w+ed\b)[\w-]+\s+)?|\b(?:its|their)\s+(?:(?!\w+ed\b)[\w-]+\s+)?|[A-Za-z0-9.]+'s?\s+(?:(?!\w+ed\b)[\w-]+\s+)?)$/i;

function isState(scan: ItemScan, h: Located): boolean {
  return STATE.test(scan.item.text.slice(Math.max(0, h.start - 50), h.start)) && /^(?:deals?|partnerships?|stakes?|agreements?|contracts?|ties|relationships?|alliances?|investments?)$/i.test(h.text);
}

/**
 * A deal clause that overrides the headline's news: it reports a deal (not "its deals with", "has
 * partnerships with"), between two of the parties, one of them a company the headline names (when
 * the headline names none, only the lede can).
 */
function survives(scan: ItemScan, s: SentenceInfo, roots: Set<string>, titleRoots: Set<string>, family: VetoFamily, singleParty: boolean): boolean {
  if (s.other || s.strength !== 'strong') return false;
  const parties = [...s.families.keys()].filter((r) => roots.has(r));
  if (parties.length < 2) return false;
  if (titleRoots.size > 0 ? !parties.some((r) => titleRoots.has(r)) : s.index > 1) return false;
  if (!s.dealHits.some((h) => h.cue.deal === 'strong' && !isState(scan, h) && !modalBefore(scan, h))) return false;
  if (singleParty) return true;
  return !scan.veto.get(family).some((h) => h.sentence === s.index);
}

/** The family that vetoes the item, or null when the item may be a deal. */
export function findVeto(scan: ItemScan, cues: CompiledCues, infos: SentenceInfo[], choice: PartyChoice): Veto | null {
  const title = infos[0];
  if (!title) return null;
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
    if (infos.some((s) => survives(scan, s, roots, new Set(title.families.keys()), family, entry.singleParty))) continue;
    return { family, hit };
  }
  return null;
}
