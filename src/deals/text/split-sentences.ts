/**
 * A careful regex sentence splitter for news text: no NLP package, deterministic.
 *
 * A boundary is `.`, `!` or `?` (plus closing quotes or brackets), then whitespace, then something
 * that can open a sentence. It is not a boundary after a title ("Dr."), a month ("Jan."), a single
 * initial ("John F.") or inside a number ("2.5"). After a company suffix or a dotted acronym
 * ("Inc.", "U.S.") it is a boundary only when the next word commonly opens a sentence.
 */

/** Never end a sentence: titles, months, initials-like short forms. */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ave', 'gov', 'sen', 'rep', 'gen', 'capt', 'lt',
  'col', 'vs', 'v', 'no', 'nos', 'approx', 'est', 'fig', 'vol', 'ed', 'e.g', 'i.e', 'cf', 'al',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** End a sentence only before a typical sentence opener: company suffixes and "etc". */
const MAYBE_FINAL = new Set(['inc', 'ltd', 'co', 'corp', 'llc', 'plc', 'bros', 'etc', 'jr']);

const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'it', 'its', 'this', 'that', 'these', 'those', 'they', 'he', 'she', 'we', 'i', 'in',
  'on', 'at', 'but', 'and', 'however', 'meanwhile', 'under', 'after', 'before', 'as', 'if', 'while',
  'both', 'neither', 'there', 'today', 'earlier', 'last', 'now', 'according', 'terms', 'details', 'moreover',
]);

const BOUNDARY = /[.!?]+["')\]]*\s+(?=["'([]?[A-Z0-9])/g;

/** A sentence as offsets into the text it was found in (its trailing space left out). */
export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * The sentences of `text` from `from` to `to`, as offsets (the classifier keeps them to point its
 * evidence into the item's text). A sentence starts where the previous one's space ends.
 */
export function sentenceSpans(text: string, from = 0, to = text.length): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const boundary = new RegExp(BOUNDARY);
  boundary.lastIndex = from;
  let start = from;
  for (let m = boundary.exec(text); m !== null && m.index < to; m = boundary.exec(text)) {
    if (!isBoundary(text, m.index, m.index + m[0].length)) continue;
    const end = m.index + m[0].trimEnd().length;
    if (end > start) out.push({ start, end });
    start = m.index + m[0].length;
  }
  if (to > start) out.push({ start, end: to });
  return out;
}

/** The sentences of a text, line by line, trimmed. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const span of sentenceSpans(line)) pushTrimmed(out, line.slice(span.start, span.end));
  }
  return out;
}

function pushTrimmed(out: string[], s: string): void {
  const t = s.trim();
  if (t.length > 0) out.push(t);
}

/** `at` is the position of the punctuation, `next` the start of the following text. */
function isBoundary(line: string, at: number, next: number): boolean {
  if (line[at] !== '.') return true;
  const before = /([A-Za-z][A-Za-z.]*)$/.exec(line.slice(Math.max(0, at - 24), at))?.[1] ?? '';
  const word = before.toLowerCase();
  if (word.length === 0) return true;
  if (NEVER_FINAL.has(word)) return false;
  // A single capital initial: "John F. Kennedy".
  if (/^[A-Z]$/.test(before)) return false;
  const nextWord = (/^["'([]?([A-Za-z]+)/.exec(line.slice(next))?.[1] ?? '').toLowerCase();
  // Dotted acronyms ("U.S", "U.K") and company suffixes end a sentence only before an opener.
  if (MAYBE_FINAL.has(word) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(before)) {
    return SENTENCE_OPENERS.has(nextWord);
  }
  return true;
}
