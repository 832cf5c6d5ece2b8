import type { ItemText } from './segment';
import { sentenceAt } from './segment';

/**
 * Capitalised spans of an item: the names it may mention ("Velvet Tide Music Group", "ROXi",
 * "E.W. Scripps", "Sony/ATV"). A possessive ("Zuno's") or a hyphenated role ("Kestrel-owned",
 * "Lagos-based") ends a span and is remembered. In a Title Case headline every word is capitalised,
 * so there a word counts only when the summary writes it capitalised too (or when it is not an
 * ordinary word at all).
 */

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  tokens: string[];
  sentence: number;
  inTitle: boolean;
  /** The first word of a sentence (capitalised whatever it is). */
  sentenceStart: boolean;
  possessive: boolean;
  /** "-owned", "-backed", "-based" … written right after the name. */
  hyphenRole: string | null;
  /** In quotes: the title of a work ('Lowlands'), not a company. */
  quoted: boolean;
  /** Written after a capitalised person role ("Rapper Kofi Blaze"). */
  personLead?: boolean;
}

interface Token {
  start: number;
  end: number;
  text: string;
}

const WORD = /[A-Za-z0-9][A-Za-z0-9.'’&+!/-]*/g;
const CONNECTORS = new Set(['of', 'de', 'du', 'des', 'la', 'le', 'del', 'della', 'di', 'da', 'dos', 'das', 'van', 'von', 'der', 'den', 'for', 'y']);
/** "of" joins a name only after these ("Bank of America", "City of Denver"), "for" only before a head ("PRS for Music"). */
const OF_HEADS = new Set(['Bank', 'City', 'University', 'Ministry', 'Department', 'Museum', 'House', 'Republic', 'Kingdom', 'Academy', 'Institute', 'Society', 'Association', 'Federation', 'Union', 'Council', 'Board', 'Court', 'Office', 'Church', 'Hall', 'State', 'Commonwealth', 'Port', 'Isle', 'Guild', 'Sound', 'Sounds', 'Church']);
const INITIALS = /^(?:[A-Z]\.){1,4}$/;
const HYPHEN_ROLE = /^(.*[A-Za-z0-9])-(owned|backed|based|led|controlled|funded|born|founded|headquartered|focused|run|powered|made|generated|inspired|themed|style|era)$/;

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Starts with a capital ("Zuno"), or with one or two small letters before one ("iHeart", "eBay"), or digits then letters with a capital ("4K"). */
function isCapitalised(word: string): boolean {
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
function trimWord(raw: string, keepDot: ReadonlySet<string>): string {
  let w = raw.includes('’') ? raw.replace(/[’]/g, "'") : raw;
  for (;;) {
    const last = w.charCodeAt(w.length - 1);
    // . ' / & + -
    if (last !== 46 && last !== 39 && last !== 47 && last !== 38 && last !== 43 && last !== 45) return w;
    if (last === 46 && (keepDot.has(w) || INITIALS.test(w))) return w;
    w = w.slice(0, -1);
  }
}

function tokens(text: string, from: number, to: number, keepDot: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null && m.index < to) {
    const word = trimWord(m[0], keepDot);
    if (word.length > 0) out.push({ start: m.index, end: m.index + word.length, text: word });
  }
  return out;
}

const isWordStart = (c: number): boolean => isDigit(c) || isUpper(c) || isLower(c);
// . ' ’ & + ! / -
const isWordChar = (c: number): boolean => isWordStart(c) || c === 46 || c === 39 || c === 8217 || c === 38 || c === 43 || c === 33 || c === 47 || c === 45;

/**
 * Walks the words of text[from, to) (what WORD matches) with their sentence and whether they open it,
 * without allocating: the visitor slices what it needs.
 */
function walkWords(item: ItemText, from: number, to: number, visit: (start: number, end: number, sentence: number, opens: boolean) => void): void {
  const text = item.text;
  let s = 0;
  let lastSentence = -1;
  let i = from;
  while (i < to) {
    if (!isWordStart(text.charCodeAt(i))) {
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

/** Words of a Title Case headline count as names only when the summary writes them capitalised too. */
function isTitleCase(words: Token[]): boolean {
  const long = words.slice(1).filter((w) => w.text.length >= 3 && /^[A-Za-z]/.test(w.text));
  if (long.length < 3) return false;
  return long.filter((w) => isCapitalised(w.text)).length / long.length >= 0.6;
}

export interface SpanOptions {
  /** Capitalised words that are never a name on their own. */
  notNames: ReadonlySet<string>;
  /** Words that start sentences and never names ("The", "After"): dropped from the front of a span. */
  openers: ReadonlySet<string>;
  /** Words that may end a name although they are ordinary words ("Music", "Records", "Group"). */
  heads: ReadonlySet<string>;
  /** Legal forms: a name ends with one ("Sirius XM Holdings Inc. Liberty Media" is two names). */
  suffixes: ReadonlySet<string>;
  /** Abbreviations that keep their dot ("Inc.", "Co."). */
  keepDot: ReadonlySet<string>;
}

interface Builder {
  tokens: Placed[];
  /** Touches a known name: dropped. */
  known?: boolean;
  possessive: boolean;
  hyphenRole: string | null;
}

function splitPossessive<T extends Token>(t: T, next = ''): { token: T; possessive: boolean } {
  if (!t.text.includes("'")) return { token: t, possessive: false };
  if (t.text.endsWith("s'") && /^ [A-Z]/.test(next)) return { token: t, possessive: false };
  const m = /^(.+?)(?:'s|s')$/.exec(t.text);
  if (m && m[1]) {
    const base = t.text.endsWith("s'") ? t.text.slice(0, -1) : (m[1] as string);
    return { token: { ...t, end: t.start + base.length, text: base }, possessive: true };
  }
  return { token: t, possessive: false };
}

interface Placed extends Token {
  sentence: number;
  /** The first word of its sentence. */
  opens: boolean;
}

/**
 * The words of the text that can be part of a name (capitalised words and connectors), placed in
 * their sentences; every other word only breaks a span, so it is not kept (a lower-case word costs no
 * allocation). Words and sentences are both in text order, so one walk places them.
 */
/** A word of a known name: it joins the span it touches, and that span is dropped. */
interface KnownWord {
  known: true;
  start: number;
  end: number;
  sentence: number;
}

function nameWords(item: ItemText, keepDot: ReadonlySet<string>, known: readonly { start: number; end: number }[]): (Placed | KnownWord | null)[] {
  const text = item.text;
  const out: (Placed | KnownWord | null)[] = [];
  const skip = [...known].sort((a, b) => a.start - b.start);
  let k = 0;
  walkWords(item, 0, text.length, (start, end, sentence, opens) => {
    while (k < skip.length && (skip[k]?.end ?? 0) <= start) k += 1;
    if (k < skip.length && (skip[k]?.start ?? Infinity) < end) {
      out.push({ known: true, start, end, sentence });
      return;
    }
    const c0 = text.charCodeAt(start);
    const capitalised = isUpper(c0) || isDigit(c0) || isUpper(text.charCodeAt(start + 1)) || isUpper(text.charCodeAt(start + 2));
    const raw = capitalised || end - start <= 4 ? text.slice(start, end) : '';
    if (!(capitalised && isCapitalised(raw)) && !CONNECTORS.has(raw)) {
      if (out[out.length - 1] !== null) out.push(null);
      return;
    }
    const word = trimWord(raw, keepDot);
    if (word.length > 0) out.push({ start, end: start + word.length, text: word, sentence, opens });
  });
  return out;
}

const isWordCode = (c: number): boolean => isDigit(c) || isUpper(c) || isLower(c);

/** The text has the word as a whole word at this position. */
function wholeWordAt(text: string, at: number, word: string): boolean {
  return !isWordCode(text.charCodeAt(at - 1)) && !isWordCode(text.charCodeAt(at + word.length));
}

/** The first word of its sentence: nothing but punctuation and spaces since the sentence began. */
function opensSentence(item: ItemText, at: number): boolean {
  const sentence = sentenceAt(item, at);
  for (let i = at - 1; i >= sentence.start; i -= 1) if (isWordCode(item.text.charCodeAt(i))) return false;
  return true;
}

/**
 * The summary writes the word capitalised: inside a sentence, or opening one when the word is never
 * written in lower case and is no ordinary opener (a Title Case headline's words count only so).
 */
function confirmedInSummary(item: ItemText, word: string, notNames: ReadonlySet<string>): boolean {
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

/**
 * The capitalised spans of an item outside the given spans (names already known: their words are not
 * read again, and they end any span they touch).
 */
export function findNameSpans(item: ItemText, options: SpanOptions, known: readonly { start: number; end: number }[] = []): NameSpan[] {
  const text = item.text;
  const titleWords = tokens(text, 0, item.titleEnd, options.keepDot);
  const titleCase = isTitleCase(titleWords) && text.length - item.titleEnd > 40;
  const confirmed = new Map<string, boolean>();
  const isConfirmed = (word: string): boolean => {
    let c = confirmed.get(word);
    if (c === undefined) confirmed.set(word, (c = confirmedInSummary(item, word, options.notNames)));
    return c;
  };
  const words = nameWords(item, options.keepDot, known);
  const spans: NameSpan[] = [];
  let current: Builder | null = null;
  let lastEnd = -1;
  let lastSentence = -1;

  const flush = (): void => {
    if (!current) return;
    const b = current;
    current = null;
    if (b.known) return;
    // no ordinary word at either end ("The", "Buys"), but a head may end a name
    while (b.tokens.length > 0 && options.openers.has(b.tokens[0]?.text ?? '')) b.tokens.shift();
    while (b.tokens.length > 0 && CONNECTORS.has(b.tokens[b.tokens.length - 1]?.text ?? '')) b.tokens.pop();
    const last = b.tokens[b.tokens.length - 1];
    if (!last) return;
    if (b.tokens.every((t) => options.notNames.has(t.text) || options.heads.has(t.text) || CONNECTORS.has(t.text))) return;
    const first = b.tokens[0] as Placed;
    spans.push({
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      tokens: b.tokens.map((t) => t.text),
      sentence: first.sentence,
      inTitle: first.start < item.titleEnd,
      sentenceStart: first.opens,
      possessive: b.possessive,
      hyphenRole: b.hyphenRole,
      quoted: /["']$/.test(text.slice(Math.max(0, first.start - 1), first.start)) && /^["']/.test(text.slice(last.end, last.end + 1)),
    });
  };

  for (const raw of words) {
    if (raw === null) {
      flush();
      lastEnd = -1;
      continue;
    }
    if ('known' in raw) {
      const touches = lastEnd >= 0 && raw.sentence === lastSentence && raw.start - lastEnd === 1;
      if (!touches) flush();
      current ??= { tokens: [], possessive: false, hyphenRole: null };
      current.known = true;
      lastEnd = raw.end;
      lastSentence = raw.sentence;
      continue;
    }
    const sentence = raw.sentence;
    const gapLength = raw.start - lastEnd;
    const joined = lastEnd >= 0 && sentence === lastSentence && (gapLength === 1 ? text[lastEnd] === ' ' : gapLength === 3 && text.slice(lastEnd, raw.start) === ' & ');
    let word: Placed = raw;
    let hyphenRole: string | null = null;
    const hyphen = raw.text.includes('-') ? HYPHEN_ROLE.exec(raw.text) : null;
    if (hyphen) {
      word = { ...raw, end: raw.start + (hyphen[1] as string).length, text: hyphen[1] as string };
      hyphenRole = hyphen[2] as string;
    }
    const { token, possessive } = splitPossessive(word, text.slice(raw.end, raw.end + 2));
    const inTitle = raw.start < item.titleEnd;
    const name =
      isCapitalised(token.text) &&
      (!inTitle || !titleCase || /[A-Z].*[A-Z]|\d/.test(token.text.slice(1)) || isConfirmed(token.text));
    const previous = (current as Builder | null)?.tokens.at(-1)?.text ?? '';
    const connector =
      CONNECTORS.has(token.text) &&
      current !== null &&
      joined &&
      (token.text !== 'of' || OF_HEADS.has(previous)) &&
      (token.text !== 'for' || options.heads.has(/^\s*(\S+)/.exec(text.slice(raw.end, raw.end + 20))?.[1] ?? ''));
    if (!joined || !(name || connector) || (current && !name && !connector)) flush();
    if (name || (connector && current)) {
      if (!current) current = { tokens: [], possessive: false, hyphenRole: null };
      current.tokens.push(token);
      if (possessive || hyphenRole || options.suffixes.has(token.text)) {
        current.possessive = possessive;
        current.hyphenRole = hyphenRole;
        flush();
      }
    }
    lastEnd = raw.end;
    lastSentence = sentence;
  }
  flush();
  return spans;
}
