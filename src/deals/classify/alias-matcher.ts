/**
 * Finds many literal names in a text fast: an index from a name's first word to the names that start
 * with it, tried at each word start (longest first), case-insensitive and case-sensitive names in one
 * pass over the words. One big regex alternation of a thousand names is about a hundred times slower.
 * A first word that starts many names ("the") indexes them again by their second word, so a common
 * word costs one more lookup instead of a hundred comparisons. Whitespace inside a name matches one
 * whitespace character.
 */

import { isAlnum, lowerAscii } from './char-codes';

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


function firstWord(s: string): string {
  const m = /^[A-Za-z0-9]+/.exec(s);
  if (!m) throw new Error(`alias "${s}" must start with a letter or digit`);
  return m[0];
}

/** The run of letters and digits after the first one (skipping what separates them), or null. */
function secondWord(s: string, from: number): string | null {
  let i = from;
  while (i < s.length && isAlnum(s.charCodeAt(i))) i += 1;
  while (i < s.length && !isAlnum(s.charCodeAt(i))) i += 1;
  if (i >= s.length) return null;
  const start = i;
  while (i < s.length && isAlnum(s.charCodeAt(i))) i += 1;
  return s.slice(start, i);
}

function addEntry<T>(map: Map<string, FirstWord<T>>, key: string, name: string, tag: T): void {
  const word = map.get(key) ?? { all: [], single: [], bySecond: null };
  if (!word.all.some((e) => e.name === name && e.tag === tag)) word.all.push({ name, tag, rank: 0, endsInWord: isAlnum(name.charCodeAt(name.length - 1)) });
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

/** Hashes stay small non-negative integers (never a heap number). */
const HASH_MASK = 0x3fffffff;

/** The next step of a word's hash (its char codes in order, letters lower-cased when the index is folded). */
function hashStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) & HASH_MASK;
}

function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i += 1) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

/** hay has the key as the word at start (its letters lower-cased when folded). */
function sameWord(key: string, hay: string, start: number, fold: boolean): boolean {
  for (let k = 0; k < key.length; k += 1) {
    let c = hay.charCodeAt(start + k);
    if (fold) c = lowerAscii(c);
    if (c !== key.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * First words by their hash, in an open-addressing table: the words of a text are looked up from
 * their char codes, never sliced or lower-cased, and a word no name starts with (most of them) usually
 * costs one probe of an empty slot.
 */
class WordIndex<T> {
  /** 0 for an empty slot, else 1 + the entry's position. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly entries: { hash: number; key: string; word: FirstWord<T> }[] = [];

  constructor(
    words: Map<string, FirstWord<T>>,
    private readonly fold: boolean,
  ) {
    let size = 16;
    while (size < words.size * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const [key, word] of words) {
      const hash = hashOf(key);
      let i = hash & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.entries.push({ hash, key, word });
      this.slots[i] = this.entries.length;
    }
  }

  /** The first word that hay[start, end) is (its hash already computed). */
  find(hash: number, hay: string, start: number, end: number): FirstWord<T> | undefined {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return undefined;
      const e = this.entries[slot - 1] as { hash: number; key: string; word: FirstWord<T> };
      if (e.hash === hash && e.key.length === end - start && sameWord(e.key, hay, start, this.fold)) return e.word;
    }
  }
}

export class AliasMatcher<T> {
  private readonly folded = new Map<string, FirstWord<T>>();
  private readonly exact = new Map<string, FirstWord<T>>();
  private foldedIndex = new WordIndex<T>(new Map(), true);
  private exactIndex = new WordIndex<T>(new Map(), false);

  add(alias: string, tag: T, caseSensitive: boolean): void {
    const clean = alias.replace(/\s+/g, ' ').trim();
    if (caseSensitive) addEntry(this.exact, firstWord(clean), clean, tag);
    else addEntry(this.folded, firstWord(clean).toLowerCase(), clean.toLowerCase(), tag);
  }

  /** Call once after the last add: longer names are tried first. */
  seal(): this {
    for (const map of [this.folded, this.exact]) for (const word of map.values()) seal(word);
    this.foldedIndex = new WordIndex(this.folded, true);
    this.exactIndex = new WordIndex(this.exact, false);
    return this;
  }

  private static first<T>(list: Entry<T>[] | undefined, hay: string, start: number): Entry<T> | null {
    if (!list) return null;
    for (const entry of list) {
      if (!hay.startsWith(entry.name, start)) continue;
      if (entry.endsInWord && isAlnum(hay.charCodeAt(start + entry.name.length))) continue;
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
    // whitespace other than a space is rare: replacing only that is much cheaper than every space
    const exactHay = text.replace(/[^\S ]/g, ' ');
    const foldedHay = exactHay.toLowerCase();
    const hits: AliasHit<T>[] = [];
    // walks the words by char code, hashing them on the way: a slice, a lower-cased copy and a string
    // lookup per word cost more than the rest of the scan
    const length = exactHay.length;
    let i = 0;
    while (i < length) {
      while (i < length && !isAlnum(exactHay.charCodeAt(i))) i += 1;
      if (i >= length) break;
      const start = i;
      let exactHash = 0;
      let foldedHash = 0;
      for (let c = exactHay.charCodeAt(i); i < length && isAlnum(c); c = exactHay.charCodeAt(++i)) {
        exactHash = hashStep(exactHash, c);
        foldedHash = hashStep(foldedHash, lowerAscii(c));
      }
      const ci = AliasMatcher.longest(this.foldedIndex.find(foldedHash, exactHay, start, i), foldedHay, start);
      if (ci) hits.push({ start, end: start + ci.name.length, text: text.slice(start, start + ci.name.length), tag: ci.tag, caseSensitive: false });
      const cs = AliasMatcher.longest(this.exactIndex.find(exactHash, exactHay, start, i), exactHay, start);
      if (cs) hits.push({ start, end: start + cs.name.length, text: text.slice(start, start + cs.name.length), tag: cs.tag, caseSensitive: true });
    }
    return hits;
  }
}
