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

function isCapitalised(word: string): boolean {
  return /^[A-Z]/.test(word) || /^[a-z]{1,2}[A-Z]/.test(word) || /^\d+[A-Za-z]*[A-Z]/.test(word);
}

/** Trailing punctuation that is not part of the word ("Inc." keeps its dot, "Co." too, "E.W." its initials). */
function trimWord(raw: string, keepDot: ReadonlySet<string>): string {
  let w = raw.replace(/[’]/g, "'");
  while (/[.'/&+-]$/.test(w) && !(w.endsWith('.') && (keepDot.has(w) || INITIALS.test(w)))) w = w.slice(0, -1);
  return w;
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
  tokens: Token[];
  possessive: boolean;
  hyphenRole: string | null;
}

function splitPossessive(t: Token, next = ''): { token: Token; possessive: boolean } {
  if (t.text.endsWith("s'") && /^ [A-Z]/.test(next)) return { token: t, possessive: false };
  const m = /^(.+?)(?:'s|s')$/.exec(t.text);
  if (m && m[1]) {
    const base = t.text.endsWith("s'") ? t.text.slice(0, -1) : (m[1] as string);
    return { token: { start: t.start, end: t.start + base.length, text: base }, possessive: true };
  }
  return { token: t, possessive: false };
}

export function findNameSpans(item: ItemText, options: SpanOptions): NameSpan[] {
  const text = item.text;
  const summaryWords = tokens(text, item.titleEnd + 1, text.length, options.keepDot);
  // words the summary writes capitalised: mid-sentence, or opening a sentence when the word is never
  // written in lower case and is no ordinary opener
  const midSentence = new Set<string>();
  const opening = new Set<string>();
  const lowerInText = new Set<string>();
  for (const w of summaryWords) {
    const word = splitPossessive(w).token.text;
    if (!isCapitalised(word)) lowerInText.add(word.toLowerCase());
    else if (text.slice(sentenceAt(item, w.start).start, w.start).replace(/["'(]/g, '').trim() !== '') midSentence.add(word);
    else opening.add(word);
  }
  const capitalisedInSummary = new Set([...midSentence, ...[...opening].filter((w) => !lowerInText.has(w.toLowerCase()) && !options.notNames.has(w))]);
  const titleWords = tokens(text, 0, item.titleEnd, options.keepDot);
  const titleCase = isTitleCase(titleWords) && summaryWords.length >= 8;
  const spans: NameSpan[] = [];
  let current: Builder | null = null;
  let lastEnd = -1;
  let lastSentence = -1;

  const flush = (): void => {
    if (!current) return;
    const b = current;
    current = null;
    // no ordinary word at either end ("The", "Buys"), but a head may end a name
    while (b.tokens.length > 0 && options.openers.has(b.tokens[0]?.text ?? '')) b.tokens.shift();
    while (b.tokens.length > 0 && CONNECTORS.has(b.tokens[b.tokens.length - 1]?.text ?? '')) b.tokens.pop();
    const last = b.tokens[b.tokens.length - 1];
    if (!last) return;
    if (b.tokens.every((t) => options.notNames.has(t.text) || options.heads.has(t.text) || CONNECTORS.has(t.text))) return;
    const first = b.tokens[0] as Token;
    const sentence = sentenceAt(item, first.start);
    spans.push({
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      tokens: b.tokens.map((t) => t.text),
      sentence: sentence.index,
      inTitle: first.start < item.titleEnd,
      sentenceStart: text.slice(sentence.start, first.start).trim().replace(/^["'(]+/, '') === '',
      possessive: b.possessive,
      hyphenRole: b.hyphenRole,
      quoted: /["']$/.test(text.slice(Math.max(0, first.start - 1), first.start)) && /^["']/.test(text.slice(last.end, last.end + 1)),
    });
  };

  for (const raw of [...titleWords, ...summaryWords]) {
    const sentence = sentenceAt(item, raw.start).index;
    const gap = text.slice(lastEnd, raw.start);
    const joined = lastEnd >= 0 && sentence === lastSentence && /^ (?:& )?$/.test(gap);
    let word = raw;
    let hyphenRole: string | null = null;
    const hyphen = HYPHEN_ROLE.exec(raw.text);
    if (hyphen) {
      word = { start: raw.start, end: raw.start + (hyphen[1] as string).length, text: hyphen[1] as string };
      hyphenRole = hyphen[2] as string;
    }
    const { token, possessive } = splitPossessive(word, text.slice(raw.end, raw.end + 2));
    const inTitle = raw.start < item.titleEnd;
    const name =
      isCapitalised(token.text) &&
      (!inTitle || !titleCase || capitalisedInSummary.has(token.text) || /[A-Z].*[A-Z]|\d/.test(token.text.slice(1)));
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
