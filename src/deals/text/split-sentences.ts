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
  'both', 'neither', 'there', 'today', 'earlier', 'last', 'now', 'according', 'terms', 'details',
]);

const BOUNDARY = /[.!?]+["')\]]*\s+(?=["'([]?[A-Z0-9])/g;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(line); m !== null; m = BOUNDARY.exec(line)) {
      const end = m.index + m[0].length;
      if (!isBoundary(line, m.index, end)) continue;
      pushTrimmed(out, line.slice(start, end));
      start = end;
    }
    pushTrimmed(out, line.slice(start));
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
