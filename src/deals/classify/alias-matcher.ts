/**
 * Finds many literal names in a text fast: an index from a name's first word to the names that start
 * with it, tried at each word start (longest first), case-insensitive and case-sensitive names in one
 * pass over the words. One big regex alternation of a thousand names is about a hundred times slower.
 * A first word that starts many names ("the") indexes them again by their second word, so a common
 * word costs one more lookup instead of a hundred comparisons. Whitespace inside a name matches one
 * whitespace character.
 */

export interface AliasHit<T> {
  start: number;
  end: number;
  text: string;
  tag: T;
  caseSensitive: boolean;
}

interface Entry<T> {
  name: string;
  tag: T;
  /** Position in the first word's list, longest first: the earlier entry wins a tie. */
  rank: number;
  /** The name ends in a letter or digit, so a letter or digit must not follow it. */
  endsInWord: boolean;
}

/** The names that start with one word: all of them, or (when there are many) by their second word. */
interface FirstWord<T> {
  all: Entry<T>[];
  /** Names of one word, tried every time. */
  single: Entry<T>[];
  /** The other names by their second word (folded when the names are); null when the list is short. */
  bySecond: Map<string, Entry<T>[]> | null;
}

/** A first word with more names than this indexes them by their second word. */
const SPLIT_AT = 8;

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function firstWord(s: string): string {
  const m = /^[A-Za-z0-9]+/.exec(s);
  if (!m) throw new Error(`alias "${s}" must start with a letter or digit`);
  return m[0];
}

/** The run of letters and digits after the first one (skipping what separates them), or null. */
function secondWord(s: string, from: number): string | null {
  let i = from;
  while (i < s.length && isAlnumCode(s.charCodeAt(i))) i += 1;
  while (i < s.length && !isAlnumCode(s.charCodeAt(i))) i += 1;
  if (i >= s.length) return null;
  const start = i;
  while (i < s.length && isAlnumCode(s.charCodeAt(i))) i += 1;
  return s.slice(start, i);
}

function addEntry<T>(map: Map<string, FirstWord<T>>, key: string, name: string, tag: T): void {
  const word = map.get(key) ?? { all: [], single: [], bySecond: null };
  if (!word.all.some((e) => e.name === name && e.tag === tag)) word.all.push({ name, tag, rank: 0, endsInWord: isAlnumCode(name.charCodeAt(name.length - 1)) });
  map.set(key, word);
}

function seal<T>(word: FirstWord<T>): void {
  word.all.sort((a, b) => b.name.length - a.name.length);
  word.all.forEach((e, i) => {
    e.rank = i;
  });
  word.single = word.all;
  if (word.all.length <= SPLIT_AT) return;
  word.single = [];
  word.bySecond = new Map();
  for (const e of word.all) {
    // the second word is a whole run of letters and digits, so a text the name matches has the same one
    const second = secondWord(e.name, 0);
    if (second === null) word.single.push(e);
    else word.bySecond.set(second, [...(word.bySecond.get(second) ?? []), e]);
  }
}

/** A letter or digit as 0-35, letters folded (what the word filter keys on). */
function foldCode(c: number): number {
  if (c <= 57) return c - 48;
  return (c <= 90 ? c - 65 : c - 97) + 10;
}

/** The word filter's key of a word: its first two characters folded (36 when it has one) and its length up to 31. */
function filterKey(c0: number, c1: number | null, length: number): number {
  return (foldCode(c0) * 37 + (c1 === null ? 36 : foldCode(c1))) * 32 + Math.min(length, 31);
}

export class AliasMatcher<T> {
  private readonly folded = new Map<string, FirstWord<T>>();
  private readonly exact = new Map<string, FirstWord<T>>();
  /**
   * Set where some name's first word has this filter key: most words of a text start no name, and the
   * filter says so from their char codes, before a word is sliced, lower-cased and looked up.
   */
  private readonly mayStart = new Uint8Array(36 * 37 * 32);

  add(alias: string, tag: T, caseSensitive: boolean): void {
    const clean = alias.replace(/\s+/g, ' ').trim();
    const first = firstWord(clean);
    this.mayStart[filterKey(first.charCodeAt(0), first.length > 1 ? first.charCodeAt(1) : null, first.length)] = 1;
    if (caseSensitive) addEntry(this.exact, first, clean, tag);
    else addEntry(this.folded, first.toLowerCase(), clean.toLowerCase(), tag);
  }

  /** Call once after the last add: longer names are tried first. */
  seal(): this {
    for (const map of [this.folded, this.exact]) for (const word of map.values()) seal(word);
    return this;
  }

  private static first<T>(list: Entry<T>[] | undefined, hay: string, start: number): Entry<T> | null {
    if (!list) return null;
    for (const entry of list) {
      if (!hay.startsWith(entry.name, start)) continue;
      if (entry.endsInWord && isAlnumCode(hay.charCodeAt(start + entry.name.length))) continue;
      return entry;
    }
    return null;
  }

  /** The longest name of this first word at start (the earlier of two as long). */
  private static longest<T>(word: FirstWord<T> | undefined, hay: string, start: number): Entry<T> | null {
    if (!word) return null;
    const single = AliasMatcher.first(word.single, hay, start);
    if (!word.bySecond) return single;
    const second = secondWord(hay, start);
    const paired = second === null ? null : AliasMatcher.first(word.bySecond.get(second), hay, start);
    if (!single) return paired;
    if (!paired) return single;
    return paired.rank < single.rank ? paired : single;
  }

  /** At each word start, the longest case-insensitive name and the longest case-sensitive name (whole words only). */
  scan(text: string): AliasHit<T>[] {
    const exactHay = text.replace(/\s/g, ' ');
    const foldedHay = exactHay.toLowerCase();
    const hits: AliasHit<T>[] = [];
    // walks the words by char code: a regex match and a lower-cased copy per word cost more than the lookups
    const length = exactHay.length;
    let i = 0;
    while (i < length) {
      while (i < length && !isAlnumCode(exactHay.charCodeAt(i))) i += 1;
      if (i >= length) break;
      const start = i;
      let upper = false;
      for (let c = exactHay.charCodeAt(i); i < length && isAlnumCode(c); c = exactHay.charCodeAt(++i)) if (c >= 65 && c <= 90) upper = true;
      if (this.mayStart[filterKey(exactHay.charCodeAt(start), i - start > 1 ? exactHay.charCodeAt(start + 1) : null, i - start)] === 0) continue;
      const word = exactHay.slice(start, i);
      const ci = AliasMatcher.longest(this.folded.get(upper ? word.toLowerCase() : word), foldedHay, start);
      if (ci) hits.push({ start, end: start + ci.name.length, text: text.slice(start, start + ci.name.length), tag: ci.tag, caseSensitive: false });
      const cs = AliasMatcher.longest(this.exact.get(word), exactHay, start);
      if (cs) hits.push({ start, end: start + cs.name.length, text: text.slice(start, start + cs.name.length), tag: cs.tag, caseSensitive: true });
    }
    return hits;
  }
}
