import { isAlnum, isDigit, isLower, isUpper } from './char-codes';
import type { ItemText } from './segment';
import { sentenceAt } from './segment';

/**
 * The words names are made of: which are capitalised ("Zuno", "iHeart", "4K"), their trailing
 * punctuation, possessives, and whether a Title Case headline's word is written capitalised in the
 * summary too. Walks text by character codes, so that a word that cannot be a name costs nothing.
 */

export interface Token {
  start: number;
  end: number;
  text: string;
}

/** Small words that may join a name's words ("Bank of America", "Banco de Chile", "PRS for Music"). */
export const CONNECTORS = new Set(['of', 'de', 'du', 'des', 'la', 'le', 'del', 'della', 'di', 'da', 'dos', 'das', 'van', 'von', 'der', 'den', 'for', 'y']);
const INITIALS = /^(?:[A-Z]\.){1,4}$/;

/** Starts with a capital ("Zuno"), or with one or two small letters before one ("iHeart", "eBay"), or digits then letters with a capital ("4K"). */
export function isCapitalised(word: string): boolean {
  const c0 = word.charCodeAt(0);
  if (isUpper(c0)) return true;
  if (isLower(c0)) return isUpper(word.charCodeAt(1)) || (isLower(word.charCodeAt(1)) && isUpper(word.charCodeAt(2)));
  if (!isDigit(c0)) return false;
  let i = 1;
  while (isDigit(word.charCodeAt(i))) i += 1;
  for (; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (isUpper(c)) return true;
    if (!isLower(c)) return false;
  }
  return false;
}

/** Trailing punctuation that is not part of the word ("Inc." keeps its dot, "Co." too, "E.W." its initials). */
export function trimWord(raw: string, keepDot: ReadonlySet<string>): string {
  let w = raw.includes('’') ? raw.replace(/[’]/g, "'") : raw;
  for (;;) {
    const last = w.charCodeAt(w.length - 1);
    // . ' / & + -
    if (last !== 46 && last !== 39 && last !== 47 && last !== 38 && last !== 43 && last !== 45) return w;
    if (last === 46 && (keepDot.has(w) || INITIALS.test(w))) return w;
    w = w.slice(0, -1);
  }
}

// a word starts with a letter or digit and goes on through . ' ’ & + ! / -
const isWordChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 39 || c === 8217 || c === 38 || c === 43 || c === 33 || c === 47 || c === 45;

/**
 * Walks the words of text[from, to) with their sentence and whether they open it,
 * without allocating: the visitor slices what it needs.
 */
function walkWords(item: ItemText, from: number, to: number, visit: (start: number, end: number, sentence: number, opens: boolean) => void): void {
  const text = item.text;
  let s = 0;
  let lastSentence = -1;
  let i = from;
  while (i < to) {
    if (!isAlnum(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    i += 1;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i += 1;
    while (s + 1 < item.sentences.length && (item.sentences[s + 1]?.start ?? Infinity) <= start) s += 1;
    visit(start, i, s, s !== lastSentence);
    lastSentence = s;
  }
}

/** The words of the headline, trimmed. */
export function titleWords(item: ItemText, keepDot: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  walkWords(item, 0, item.titleEnd, (start, end) => {
    const word = trimWord(item.text.slice(start, end), keepDot);
    if (word.length > 0) out.push({ start, end: start + word.length, text: word });
  });
  return out;
}

/** Words of a Title Case headline count as names only when the summary writes them capitalised too. */
export function isTitleCase(words: Token[]): boolean {
  const long = words.slice(1).filter((w) => w.text.length >= 3 && /^[A-Za-z]/.test(w.text));
  if (long.length < 3) return false;
  return long.filter((w) => isCapitalised(w.text)).length / long.length >= 0.6;
}

/** "Zuno's" is Zuno, possessive; "Publishers' Association" goes on. */
export function splitPossessive<T extends Token>(t: T, next = ''): { token: T; possessive: boolean } {
  if (!t.text.includes("'")) return { token: t, possessive: false };
  if (t.text.endsWith("s'") && /^ [A-Z]/.test(next)) return { token: t, possessive: false };
  const m = /^(.+?)(?:'s|s')$/.exec(t.text);
  if (m && m[1]) {
    const base = t.text.endsWith("s'") ? t.text.slice(0, -1) : m[1];
    return { token: { ...t, end: t.start + base.length, text: base }, possessive: true };
  }
  return { token: t, possessive: false };
}

export interface Placed extends Token {
  sentence: number;
  /** The first word of its sentence. */
  opens: boolean;
  /** A word of a known name: it joins the span it touches, and that span is dropped. */
  known: boolean;
}

/**
 * The words of the text that can be part of a name (capitalised words and connectors), placed in
 * their sentences, words of known names marked; every other word only breaks a span (null), so it is
 * not kept (a lower-case word costs no allocation).
 */
/**
 * Where a word may start a name: a capital, a digit, one or two small letters before a capital
 * ("iHeart"), or a connector; never inside another word (after a letter or digit and any of . ' & + ! / -).
 */
const NAME_WORD = /(?<![A-Za-z0-9][.'’&+!/-]*)(?:(?:[A-Z0-9]|[a-z]{1,2}[A-Z])[A-Za-z0-9.'’&+!/-]*|(?:of|de|du|des|la|le|del|della|di|da|dos|das|van|von|der|den|for|y)(?![A-Za-z0-9.'’&+!/-]))/g;

export function nameWords(item: ItemText, keepDot: ReadonlySet<string>, known: readonly { start: number; end: number }[]): (Placed | null)[] {
  const text = item.text;
  const out: (Placed | null)[] = [];
  const skip = [...known].sort((a, b) => a.start - b.start);
  let k = 0;
  let s = 0;
  NAME_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  // every other word only breaks a span, and the gap between two kept words says so
  while ((m = NAME_WORD.exec(text)) !== null) {
    const start = m.index;
    const raw = m[0];
    const end = start + raw.length;
    while (s + 1 < item.sentences.length && (item.sentences[s + 1]?.start ?? Infinity) <= start) s += 1;
    let opens = true;
    for (let i = start - 1; i >= (item.sentences[s]?.start ?? 0); i -= 1) {
      if (isAlnum(text.charCodeAt(i))) {
        opens = false;
        break;
      }
    }
    while (k < skip.length && (skip[k]?.end ?? 0) <= start) k += 1;
    if (k < skip.length && (skip[k]?.start ?? Infinity) < end) {
      out.push({ start, end, text: '', sentence: s, opens, known: true });
      continue;
    }
    if (!isCapitalised(raw) && !CONNECTORS.has(raw)) {
      out.push(null);
      continue;
    }
    const word = trimWord(raw, keepDot);
    if (word.length > 0) out.push({ start, end: start + word.length, text: word, sentence: s, opens, known: false });
  }
  return out;
}

/** The text has the word as a whole word at this position. */
function wholeWordAt(text: string, at: number, word: string): boolean {
  return !isAlnum(text.charCodeAt(at - 1)) && !isAlnum(text.charCodeAt(at + word.length));
}

/** The first word of its sentence: nothing but punctuation and spaces since the sentence began. */
function opensSentence(item: ItemText, at: number): boolean {
  const sentence = sentenceAt(item, at);
  for (let i = at - 1; i >= sentence.start; i -= 1) if (isAlnum(item.text.charCodeAt(i))) return false;
  return true;
}

/**
 * The summary writes the word capitalised: inside a sentence, or opening one when the word is never
 * written in lower case and is no ordinary opener (a Title Case headline's words count only so).
 */
export function confirmedInSummary(item: ItemText, word: string, notNames: ReadonlySet<string>): boolean {
  const text = item.text;
  let opening = false;
  for (let at = text.indexOf(word, item.titleEnd + 1); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!wholeWordAt(text, at, word) && !text.startsWith("'", at + word.length)) continue;
    if (!opensSentence(item, at)) return true;
    opening = true;
  }
  if (!opening || notNames.has(word)) return false;
  const lower = word.toLowerCase();
  const folded = text.slice(item.titleEnd + 1).toLowerCase();
  for (let at = folded.indexOf(lower); at >= 0; at = folded.indexOf(lower, at + 1)) {
    if (wholeWordAt(folded, at, lower) && text.charCodeAt(item.titleEnd + 1 + at) !== word.charCodeAt(0)) return false;
  }
  return true;
}

