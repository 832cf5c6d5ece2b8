/**
 * Shortens an article sentence to fit a takeaway, cleanly: drop a leading connector, then (only if
 * still too long) attribution clauses, then cut at a clause boundary, then at a word with "…".
 * It only ever removes text: a shortened sentence never says anything the article did not.
 */

const LEADING_CONNECTOR =
  /^(?:however|meanwhile|additionally|also|but|and|so|first|moreover|furthermore|further|in addition|as a result|today|now|indeed|still|instead|yet),?\s+/i;

const ATTRIBUTIONS: readonly RegExp[] = [
  /,?\s+according to (?:(?:a|an|the|one|two|several) )?(?:(?:new|recent|earlier|published|press|media|news) )*(?:reports?|reporting|people|person|sources?|someone|insiders?|documents?|filings?|[A-Z][\w&'.-]*)[^,;.]*(?:,\s*(?:citing|who|which) [^,;.]+)?(?=[,;.]|$)/g,
  /,\s*(?:citing|said|say|says|reports|reported|sources tell|sources told|sources said) [^,;.]+(?=[.]$)/g,
  /,\s*(?:the )?(?:sources?|people|person|someone|companies|company)(?: [\w' ]+?)? (?:said|say|says|told [\w' ]+)(?=[,;.]|$)/g,
  /,\s*[A-Z][\w&'. ]{1,40} (?:reports|reported|said|says)(?: on \w+day| today| yesterday| this \w+| last \w+)?(?=[.]$)/g,
];

/** Clause boundaries, preferred in this order when a cut is needed. */
const CLAUSE_BREAKS: readonly string[] = [
  '; ', ' -- ', ', which ', ', while ', ', but ', ', as ', ', with ', ', after ', ', and ', ', including ',
];

/**
 * A bare comma is a clean cut only before an appended clause ("..., deals that would ...",
 * "..., creating a ...") and only when the head has no appositive left open (an even comma count).
 */
const APPENDED_CLAUSE =
  /^(?:[a-z]+ing|deals? that|a (?:deal|move|step|sign|pact) that|part of|according to|citing|following|despite|in a)\b/;

/** A head opening on a subordinator is not a sentence on its own ("While Snap has secured ..."). */
const SUBORDINATE_OPENING =
  /^["'(]?(?:while|although|though|as|if|when|whether|after|before|because|since|unless|whereas|despite|in order)\b/i;

/** Words a cut sentence must not end on. */
const DANGLING = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'that',
  'its', 'their', 'his', 'her', 'is', 'are', 'was', 'were', 'be', 'has', 'have', 'had', 'will', 'would',
  'into', 'than', 'over', 'about', 'who', 'which', 'while', 'but', 'so', 'such', 'this', 'these', 'both',
]);

const MIN_HEAD = 40;

/** The sentence, at most `maxLength` characters, or null when it cannot be cut cleanly. */
export function shortenSentence(sentence: string, maxLength: number): string | null {
  let s = tidy(sentence);
  if (s.length <= maxLength) return s;
  for (const re of ATTRIBUTIONS) s = tidy(s.replace(re, ''));
  if (s.length <= maxLength) return s;
  return cutAtClause(s, maxLength) ?? cutAtWord(s, maxLength);
}

function tidy(sentence: string): string {
  let s = sentence.replace(/\s+/g, ' ').trim();
  s = s.replace(LEADING_CONNECTOR, '');
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (!/[.!?]["')\]]*$/.test(s)) s = s.replace(/[,;:\s-]+$/, '') + '.';
  return s;
}

function cutAtClause(s: string, maxLength: number): string | null {
  if (SUBORDINATE_OPENING.test(s)) return null;
  for (const brk of CLAUSE_BREAKS) {
    let at = s.lastIndexOf(brk, maxLength - 1);
    while (at >= MIN_HEAD) {
      const head = closeQuotes(endSentence(s.slice(0, at)));
      if (head.length <= maxLength && !endsDangling(head)) return head;
      at = s.lastIndexOf(brk, at - 1);
    }
  }
  return cutAtAppendedClause(s, maxLength);
}

function cutAtAppendedClause(s: string, maxLength: number): string | null {
  for (let at = s.lastIndexOf(', ', maxLength - 1); at >= MIN_HEAD; at = s.lastIndexOf(', ', at - 1)) {
    const head = s.slice(0, at);
    if (!APPENDED_CLAUSE.test(s.slice(at + 2)) || (head.match(/,/g) ?? []).length % 2 === 1) continue;
    const out = closeQuotes(endSentence(head));
    if (out.length <= maxLength && !endsDangling(out)) return out;
  }
  return null;
}

function cutAtWord(s: string, maxLength: number): string | null {
  const words = s.slice(0, maxLength - 2).split(' ');
  words.pop(); // the last word may be cut in half
  while (words.length > 0 && isDangling(words[words.length - 1] ?? '')) words.pop();
  const head = closeQuotes(words.join(' ').replace(/[,;:\s-]+$/, '') + '…');
  if (head.length - 1 < MIN_HEAD || head.length > maxLength) return null;
  return head;
}

/** Closes a cut head with a full stop ("Inc." keeps its own). */
function endSentence(head: string): string {
  const h = head.replace(/[,;:\s-]+$/, '');
  return h.endsWith('.') ? h : h + '.';
}

function endsDangling(head: string): boolean {
  const last = head.replace(/[.…"]+$/, '').split(' ').pop() ?? '';
  return isDangling(last);
}

/** A cut must not end on a function word, or on a number (it may have lost its "billion"). */
function isDangling(word: string): boolean {
  const w = word.replace(/^["'(]+|["'),;:.]+$/g, '');
  return DANGLING.has(w.toLowerCase()) || /\d/.test(w) || /^[$€£¥]|^(?:US|USD|EUR|GBP)$/.test(w);
}

function closeQuotes(head: string): string {
  let h = head;
  const opens = (h.match(/\(/g) ?? []).length;
  const closes = (h.match(/\)/g) ?? []).length;
  if (opens > closes) {
    const cut = h.lastIndexOf('(');
    h = h.slice(0, cut).replace(/[,;:\s-]+$/, '') + (h.endsWith('…') ? '…' : '.');
  }
  if ((h.match(/"/g) ?? []).length % 2 === 1) h += '"';
  return h;
}
