import type { Placed } from './name-words';
import { CONNECTORS, confirmedInSummary, isCapitalised, isTitleCase, nameWords, splitPossessive, titleWords } from './name-words';
import type { ItemText } from './segment';

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
  personLead: boolean;
}

/** "of" joins a name only after these ("Bank of America", "City of Denver"), "for" only before a head ("PRS for Music"). */
const OF_HEADS = new Set(['Bank', 'City', 'University', 'Ministry', 'Department', 'Museum', 'House', 'Republic', 'Kingdom', 'Academy', 'Institute', 'Society', 'Association', 'Federation', 'Union', 'Council', 'Board', 'Court', 'Office', 'Church', 'Hall', 'State', 'Commonwealth', 'Port', 'Isle', 'Guild', 'Sound', 'Sounds', 'Church']);
const HYPHEN_ROLE = /^(.*[A-Za-z0-9])-(owned|backed|based|led|controlled|funded|born|founded|headquartered|focused|run|powered|made|generated|inspired|themed|style|era)$/;

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

/**
 * The capitalised spans of an item outside the given spans (names already known: their words are not
 * read again, and they end any span they touch).
 */
export function findNameSpans(item: ItemText, options: SpanOptions, known: readonly { start: number; end: number }[] = []): NameSpan[] {
  const text = item.text;
  const titleCase = isTitleCase(titleWords(item, options.keepDot)) && text.length - item.titleEnd > 40;
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
      personLead: false,
    });
  };

  for (const raw of words) {
    if (raw === null) {
      flush();
      lastEnd = -1;
      continue;
    }
    if (raw.known) {
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
    const previous = current?.tokens.at(-1)?.text ?? '';
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
