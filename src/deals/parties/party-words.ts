import aliasData from '../data/lookup-aliases.json';
import { splitWords } from '../text';

/** The short names people type for a party ("umg" → Universal Music Group), keyed by their words. */
export const LOOKUP_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(aliasData.aliases).map(([alias, party]) => [splitWords(alias).join(' '), party]),
);

/**
 * Words that join party names in what a member types and are never parties themselves ("Spotify x
 * Netflix", "the deal between Sony and TikTok"); splitWords already drops "×", "&" and "+".
 */
export const PARTY_JOINERS: ReadonlySet<string> = new Set([
  'x', 'vs', 'v', 'versus', 'and', 'with', 'plus', 'the', 'deal', 'deals', 'partnership', 'between', 'of', 'to', 'in', '×', '&', '+',
]);
