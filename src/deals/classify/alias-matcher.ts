import { isAlnum } from './char-codes';

/**
 * Finds many literal names in a text fast: an index from a name's first word to the names that start
 * with it, tried at each word start (longest first), case-insensitive and case-sensitive names in one
 * pass over the words. One big regex alternation of a thousand names is about a hundred times slower.
 * Whitespace inside a name matches one whitespace character.
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
}

const ALNUM = /[A-Za-z0-9]/;

function firstWord(s: string): string {
  const m = /^[A-Za-z0-9]+/.exec(s);
  if (!m) throw new Error(`alias "${s}" must start with a letter or digit`);
  return m[0];
}

function addEntry<T>(map: Map<string, Entry<T>[]>, key: string, entry: Entry<T>): void {
  const list = map.get(key) ?? [];
  if (!list.some((e) => e.name === entry.name && e.tag === entry.tag)) list.push(entry);
  map.set(key, list);
}

/** An index of a word's first three characters (lower-cased letters and digits: 36 values each). */
function prefixCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = 0; i < 3; i += 1) {
    const c = start + i < end ? text.charCodeAt(start + i) : 0;
    code = code * 37 + (c >= 48 && c <= 57 ? c - 47 : c >= 97 && c <= 122 ? c - 86 : c >= 65 && c <= 90 ? c - 54 : 0);
  }
  return code;
}

export class AliasMatcher<T> {
  private readonly folded = new Map<string, Entry<T>[]>();
  private readonly exact = new Map<string, Entry<T>[]>();
  /** Which first-word prefixes any name has: most words of a text start no name and are skipped without a lookup. */
  private readonly foldedPrefixes = new Uint8Array(37 * 37 * 37);
  private readonly exactPrefixes = new Uint8Array(37 * 37 * 37);

  add(alias: string, tag: T, caseSensitive: boolean): void {
    const clean = alias.replace(/\s+/g, ' ').trim();
    if (caseSensitive) addEntry(this.exact, firstWord(clean), { name: clean, tag });
    else addEntry(this.folded, firstWord(clean).toLowerCase(), { name: clean.toLowerCase(), tag });
  }

  /** Call once after the last add: longer names are tried first. */
  seal(): this {
    for (const map of [this.folded, this.exact]) for (const list of map.values()) list.sort((a, b) => b.name.length - a.name.length);
    for (const key of this.folded.keys()) this.foldedPrefixes[prefixCode(key, 0, key.length)] = 1;
    for (const key of this.exact.keys()) this.exactPrefixes[prefixCode(key.toLowerCase(), 0, key.length)] = 1;
    return this;
  }

  private static longest<T>(list: Entry<T>[] | undefined, hay: string, start: number): Entry<T> | null {
    if (!list) return null;
    for (const entry of list) {
      const end = start + entry.name.length;
      if (!hay.startsWith(entry.name, start)) continue;
      if (ALNUM.test(entry.name[entry.name.length - 1] ?? '') && ALNUM.test(hay[end] ?? '')) continue;
      return entry;
    }
    return null;
  }

  /** At each word start, the longest case-insensitive name and the longest case-sensitive name (whole words only). */
  scan(text: string): AliasHit<T>[] {
    const exactHay = text.replace(/\s/g, ' ');
    const foldedHay = exactHay.toLowerCase();
    const hits: AliasHit<T>[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isAlnum(foldedHay.charCodeAt(i))) {
        i += 1;
        continue;
      }
      const start = i;
      while (i < n && isAlnum(foldedHay.charCodeAt(i))) i += 1;
      const prefix = prefixCode(foldedHay, start, i);
      if (this.foldedPrefixes[prefix]) {
        const ci = AliasMatcher.longest(this.folded.get(foldedHay.slice(start, i)), foldedHay, start);
        if (ci) hits.push({ start, end: start + ci.name.length, text: text.slice(start, start + ci.name.length), tag: ci.tag, caseSensitive: false });
      }
      if (this.exactPrefixes[prefix]) {
        const cs = AliasMatcher.longest(this.exact.get(exactHay.slice(start, i)), exactHay, start);
        if (cs) hits.push({ start, end: start + cs.name.length, text: text.slice(start, start + cs.name.length), tag: cs.tag, caseSensitive: true });
      }
    }
    return hits;
  }
}
