import { canonicalizePartyName } from '../classify';
import { splitWords } from '../text';
import { LOOKUP_ALIASES } from './party-words';

/**
 * A party name as a member typed it ("umg", "spotify", "Sony Music Entertainment") → the canonical
 * name deals use ("Universal Music Group", "Spotify", "Sony Music"), so that a subscription's party
 * filter matches. The short names of the deal lookup first, then the classifier's gazetteer (also
 * for acronyms typed in lower case); an unknown name is kept as typed (tidied).
 */
export function canonicalPartyName(text: string): string {
  const typed = text.replace(/\s+/g, ' ').trim();
  const alias = LOOKUP_ALIASES.get(splitWords(typed).join(' '));
  if (alias !== undefined) return alias;
  const canonical = canonicalizePartyName(typed);
  if (canonical !== typed) return canonical;
  const upper = typed.toUpperCase();
  const acronym = canonicalizePartyName(upper);
  return acronym !== upper ? acronym : typed;
}
