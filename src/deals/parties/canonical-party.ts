import { canonicalizePartyName } from '../classify';
import aliasData from '../data/lookup-aliases.json';
import { splitWords } from '../text';

const LOOKUP = new Map<string, string>(Object.entries(aliasData.aliases).map(([alias, party]) => [splitWords(alias).join(' '), party]));

/**
 * A party name as a member typed it ("umg", "spotify", "Sony Music Entertainment") → the canonical
 * name deals use ("Universal Music Group", "Spotify", "Sony Music"), so that a subscription's party
 * filter matches. The short names of the deal lookup first, then the classifier's gazetteer (also
 * for acronyms typed in lower case); an unknown name is kept as typed (tidied).
 */
export function canonicalPartyName(text: string): string {
  const typed = text.replace(/\s+/g, ' ').trim();
  const alias = LOOKUP.get(splitWords(typed).join(' '));
  if (alias !== undefined) return alias;
  const canonical = canonicalizePartyName(typed);
  if (canonical !== typed) return canonical;
  const upper = typed.toUpperCase();
  const acronym = canonicalizePartyName(upper);
  return acronym !== upper ? acronym : typed;
}
