import { splitWords } from '../text';
import { LOOKUP_ALIASES, PARTY_JOINERS } from './party-words';

/**
 * The forgiving lookup behind `/deal status deal:` and friends: free text ("netflix spotify",
 * "Spotify x Netflix", "spotify × netflix", "UMG tiktok", a deal id) → the parties it names.
 *
 * Each named party becomes a slot of alternatives ("warner" alone could be Warner Music Group or
 * Warner Bros. Discovery); a deal matches when it has a party from every slot.
 */

/** Canonical party names found in a text (the classifier's gazetteer can provide one). */
export type PartyResolver = (text: string) => string[];

export interface PartySlot {
  /** The words of the query this slot came from. */
  words: string[];
  /** The parties it may mean, best first. */
  parties: string[];
}

const MAX_ALIAS_WORDS = Math.max(...[...LOOKUP_ALIASES.keys()].map((k) => k.split(' ').length));
const MAX_ALTERNATIVES = 8;

/** Known party names, indexed by their first word, for matching query words. */
export interface PartyMatcher {
  /** Parties whose name's first word is `word` (or starts with it, for a prefix). */
  byFirstWord(word: string, prefix: boolean): readonly PartyName[];
}

export interface PartyName {
  name: string;
  words: string[];
  /** Higher wins among equally good matches (e.g. how many deals it is in). */
  weight: number;
}

export function createPartyMatcher(parties: Iterable<[name: string, weight: number]>): PartyMatcher {
  const index = new Map<string, PartyName[]>();
  for (const [name, weight] of parties) {
    const words = splitWords(name);
    const first = words[0];
    if (first === undefined) continue;
    index.set(first, [...(index.get(first) ?? []), { name, words, weight }]);
  }
  const firstWords = [...index.keys()].sort();
  return {
    byFirstWord(word, prefix) {
      if (!prefix) return index.get(word) ?? [];
      const out: PartyName[] = [];
      for (const first of firstWords) if (first.startsWith(word)) out.push(...(index.get(first) ?? []));
      return out;
    },
  };
}

/**
 * The party slots of a query. With `prefix`, the last word may be the start of a name (autocomplete).
 * Unrecognised words are ignored; no slot at all means the text names no known party.
 */
export function parsePartyQuery(text: string, matcher: PartyMatcher, options: { resolver?: PartyResolver; prefix?: boolean } = {}): PartySlot[] {
  const slots: PartySlot[] = [];
  const add = (slot: PartySlot): void => {
    const key = slot.parties.join('|');
    if (!slots.some((s) => s.parties.join('|') === key)) slots.push(slot);
  };
  for (const name of options.resolver?.(text) ?? []) add({ words: splitWords(name), parties: [name] });
  const resolvedWords = new Set(slots.flatMap((s) => s.words));

  const words = splitWords(text);
  let i = 0;
  while (i < words.length) {
    const word = words[i] as string;
    const between = i > 0 && i < words.length - 1;
    if (resolvedWords.has(word) || (word === 'x' && between)) {
      i += 1;
      continue;
    }
    const match = matchAt(words, i, matcher, options.prefix === true);
    if (match !== null) add({ words: words.slice(i, i + match.length), parties: match.parties });
    i += match?.length ?? 1;
  }
  return slots;
}

function matchAt(words: readonly string[], start: number, matcher: PartyMatcher, prefix: boolean): { length: number; parties: string[] } | null {
  let alias: { length: number; party: string } | null = null;
  for (let n = Math.min(MAX_ALIAS_WORDS, words.length - start); n >= 1 && alias === null; n -= 1) {
    const party = LOOKUP_ALIASES.get(words.slice(start, start + n).join(' '));
    if (party !== undefined) alias = { length: n, party };
  }

  const first = words[start] as string;
  const lastIndex = words.length - 1;
  let best = 0;
  let exact: PartyName[] = [];
  let partial: PartyName[] = [];
  for (const candidate of matcher.byFirstWord(first, prefix && start === lastIndex)) {
    const k = matchedWords(candidate.words, words, start, prefix);
    if (k === 0 || k < best) continue;
    const isExact = k === candidate.words.length && (!prefix || start + k - 1 !== lastIndex || candidate.words[k - 1] === words[start + k - 1]);
    if (k > best) {
      best = k;
      exact = [];
      partial = [];
    }
    (isExact ? exact : partial).push(candidate);
  }
  if (PARTY_JOINERS.has(first) && exact.length === 0 && alias === null) return null;
  if (alias !== null && alias.length >= best) return { length: alias.length, parties: [alias.party] };
  const chosen = exact.length > 0 ? exact : partial;
  if (chosen.length === 0) return null;
  chosen.sort((a, b) => b.weight - a.weight || a.words.length - b.words.length || (a.name < b.name ? -1 : 1));
  return { length: best, parties: chosen.slice(0, MAX_ALTERNATIVES).map((p) => p.name) };
}

/** How many of a party's words the query spells in order from `start` (the last query word may be a prefix). */
function matchedWords(name: readonly string[], words: readonly string[], start: number, prefix: boolean): number {
  let k = 0;
  while (k < name.length && start + k < words.length) {
    const word = words[start + k] as string;
    const part = name[k] as string;
    const last = start + k === words.length - 1;
    if (word === part || (prefix && last && part.startsWith(word))) k += 1;
    else break;
  }
  return k;
}
