import raw from '../data/takeaway-templates.json';

/**
 * Which party a deal buys or sells, as the article words it: "Believe buys Sentric Music", "the
 * Believe takeover race", "sell See Tickets to Eventim". Takeaways about contracts and catalogues
 * changing hands must speak of the company changing hands, never of the buyer. The cue words are
 * data (takeaway-templates.json, targetCues).
 */

const BEFORE = raw.targetCues.before;
const AFTER = raw.targetCues.after;
/** Words a name may drop when an article shortens it ("Sentric Music" → "Sentric"). */
const DROPPABLE = /\s+(?:group|music|entertainment|media|holdings|records|recordings|publishing|broadcasting|inc\.?|ltd\.?|corp\.?|plc)$/i;
const MIN_SHORT_NAME = 4;

/** The party bought or sold, from the first sentence (headline first) that says so; undefined when none does. */
export function findDealTarget(texts: readonly string[], parties: readonly string[]): string | undefined {
  const patterns = parties.map((party) => ({ party, re: targetPattern(party) }));
  for (const text of texts) {
    let best: { party: string; at: number } | undefined;
    for (const { party, re } of patterns) {
      const at = text.search(re);
      if (at >= 0 && (best === undefined || at < best.at)) best = { party, at };
    }
    if (best !== undefined) return best.party;
  }
  return undefined;
}

function targetPattern(party: string): RegExp {
  const names = nameVariants(party).map(escapeRegExp).join('|');
  const name = `(?:${names})`;
  // Up to five words between the cue and the name ("buys podcast company X"), none that hands the
  // role to someone else ("bought by X", "sell Y to X").
  const between = `(?:(?!(?:by|to|from|with|and)\\b)[\\w'’.&-]+\\s+){0,5}?`;
  return new RegExp(`\\b(?:${BEFORE})\\s+${between}${name}(?![\\w])|(?<![\\w])${name}(?:['’]s)?\\s+(?:${AFTER})\\b(?!\\s+of\\b)`, 'i');
}

/** "Universal Music Group", "Universal Music", "Universal". */
function nameVariants(party: string): string[] {
  const out = [party];
  let name = party;
  for (;;) {
    const shorter = name.replace(DROPPABLE, '');
    if (shorter === name || shorter.replace(/[^A-Za-z]/g, '').length < MIN_SHORT_NAME) return out;
    out.push(shorter);
    name = shorter;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
