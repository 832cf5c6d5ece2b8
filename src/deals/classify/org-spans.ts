import type { NameSpan } from './name-spans';
import { findNameSpans } from './name-spans';
import { ORG_DATA } from './org-evidence';
import type { ItemText } from './segment';

/**
 * The capitalised spans that may name a company the gazetteer does not know, shaped: a job title
 * inside a span ends the company ("Chrysalis Music CEO Jeremy Lascelles"), a hyphenated pair before a
 * deal word is two names ("the Zee-Sony merger"), leading places and descriptors and trailing product
 * tiers are not part of a name ("Brazilian DSP Batuque", "Zuno Premium").
 */

const SPAN_OPTIONS = {
  notNames: ORG_DATA.notNames,
  openers: ORG_DATA.openers,
  heads: new Set([...ORG_DATA.mediaHeads, ...ORG_DATA.otherHeads, ...ORG_DATA.suffixes]),
  suffixes: new Set([...ORG_DATA.suffixes].filter((x) => !['Company', 'Holdings', 'Holding', 'Corporation'].includes(x))),
  keepDot: new Set(['Inc.', 'Corp.', 'Co.', 'Ltd.', 'S.A.', 'N.V.', 'B.V.', 'K.K.', 'S.p.A.', 'S.L.', 'Calif.', 'Bros.']),
};

const PAIR_TOKEN = /^([A-Z][\w.]*)-([A-Z][\w.]*)$/;

function overlaps(start: number, end: number, spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((s) => start < s.end && s.start < end);
}

/** "Chrysalis Music CEO Jeremy Lascelles": a job title inside a span ends the company; the person follows. */
function splitAtRoles(spans: NameSpan[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (const s of spans) {
    const at = s.tokens.findIndex((t, i) => i > 0 && i < s.tokens.length - 1 && ORG_DATA.roleTitles.has(t));
    if (at < 0) {
      out.push(s);
      continue;
    }
    const head = s.tokens.slice(0, at);
    const tail = s.tokens.slice(at + 1);
    const headText = s.text.slice(0, s.text.indexOf(s.tokens[at] as string)).trimEnd();
    const tailStart = s.text.lastIndexOf(tail[0] as string);
    out.push({ ...s, end: s.start + headText.length, text: headText, tokens: head, possessive: false, hyphenRole: null });
    out.push({ ...s, start: s.start + tailStart, text: s.text.slice(tailStart), tokens: tail, sentenceStart: false, personLead: true });
  }
  return out;
}

/** "the Zee-Sony merger": a hyphenated pair of names before a deal word is two names. */
function splitPairs(spans: NameSpan[], text: string): NameSpan[] {
  const out: NameSpan[] = [];
  for (const s of spans) {
    const pair = s.tokens.length === 1 ? PAIR_TOKEN.exec(s.text) : null;
    if (!pair || !/^(?:'s)?\s+(?:[\w-]+\s+)?(?:deal|merger|tie-up|partnership|pact|agreement|talks|venture|combination|alliance)\b/i.test(text.slice(s.end, s.end + 40))) {
      out.push(s);
      continue;
    }
    const a = pair[1] as string;
    const b = pair[2] as string;
    out.push({ ...s, end: s.start + a.length, text: a, tokens: [a], possessive: false });
    out.push({ ...s, start: s.end - b.length, text: b, tokens: [b] });
  }
  return out;
}

/**
 * Leading places, ordinary words and descriptors ("Brazilian DSP Batuque", "Owner Kestrel Media") and
 * trailing product tiers ("Zuno Premium") are not part of the name; a leading person role ("Rapper
 * Kofi Blaze") makes the rest a person.
 */
function trimSpan(s: NameSpan): NameSpan | null {
  let first = 0;
  let last = s.tokens.length;
  let person = false;
  for (;;) {
    const t = s.tokens[first] ?? '';
    if (first >= last - 1 && !ORG_DATA.places.has(t) && !ORG_DATA.notNames.has(t)) break;
    // a place that names the company stays: "Northern Sound Group" is not "Sound Group"
    const generic = (w: string): boolean => ORG_DATA.notNames.has(w) || ORG_DATA.mediaHeads.has(w) || ORG_DATA.otherHeads.has(w) || ORG_DATA.suffixes.has(w);
    if (ORG_DATA.places.has(t) && s.tokens.slice(first + 1, last).every(generic)) break;
    // a role or descriptor is capitalised only because it opens the sentence ("Owner Kestrel Media said")
    const opensSentence = (first === 0 && s.sentenceStart) || /^[A-Z]{2,}s?$/.test(t);
    if (opensSentence && ORG_DATA.personRoleWords.has(t.toLowerCase())) person = true;
    else if (!ORG_DATA.places.has(t) && !ORG_DATA.openers.has(t) && !(opensSentence && ORG_DATA.descriptorWords.has(t.toLowerCase())) && !ORG_DATA.notNames.has(t)) break;
    // a content word that starts a company's name ("Live Nation", "Big Machine") stays
    if (ORG_DATA.notNames.has(t) && !ORG_DATA.openers.has(t) && !ORG_DATA.places.has(t) && !(opensSentence && ORG_DATA.descriptorWords.has(t.toLowerCase()))) break;
    first += 1;
    if (first >= last) return null;
  }
  while (last - 1 > first && (ORG_DATA.productTiers.has(s.tokens[last - 1] ?? '') || ORG_DATA.roleTitles.has(s.tokens[last - 1] ?? ''))) last -= 1;
  if (first === 0 && last === s.tokens.length) return s;
  if (first >= last) return null;
  if (person) return { ...s, personLead: true };
  const tokens = s.tokens.slice(first, last);
  const start = s.text.indexOf(tokens[0] as string, first === 0 ? 0 : s.tokens.slice(0, first).join(' ').length) + s.start;
  const end = s.start + s.text.lastIndexOf(tokens[tokens.length - 1] as string) + (tokens[tokens.length - 1] as string).length;
  return { ...s, start, end, text: s.text.slice(start - s.start, end - s.start), tokens, sentenceStart: s.sentenceStart && first === 0, possessive: s.possessive && last === s.tokens.length };
}

/** The spans of the item that may name a company the gazetteer does not know (outside the known names and outlets). */
export function orgSpans(item: ItemText, known: readonly { start: number; end: number }[]): NameSpan[] {
  return splitPairs(splitAtRoles(findNameSpans(item, SPAN_OPTIONS, known)), item.text)
    .map(trimSpan)
    .filter((s): s is NameSpan => s !== null && !overlaps(s.start, s.end, known));
}
