import type { Mention, MentionScan } from './find-mentions';
import type { NameSpan } from './name-spans';
import { findNameSpans } from './name-spans';
import type { OrgKind, SpanEvidence } from './org-evidence';
import { ORG_DATA, spanEvidence, spanRole } from './org-evidence';
import type { ItemText, Sentence } from './segment';
import { clauseAt, sentenceAt } from './segment';

/**
 * Companies the gazetteer does not know, recognised from the text: a capitalised name is a company
 * when its words say so (a corporate suffix or head: "Sentric Music", "Brisk Holdings"), when the text
 * describes it as one ("indie label X", "X, the Lagos-based streaming service", "X-owned"), or when it
 * is the subject or object of a deal ("acquires X", "X and Y sign", "the X-Y merger"). A name that the
 * text makes a person, a place, a public body or the title of a work is never one, wherever else it
 * appears in the item. Every mention of an accepted name counts, short forms included ("Citadel" for
 * "Citadel Broadcasting"). They get lower confidence than gazetteer parties.
 */

const CORPORATE_TAIL = /(?:,?\s+(?:Inc\.?|Corp\.?|Corporation|Co\.?|Ltd\.?|Limited|LLC|LLP|plc|PLC|AG|SA|S\.A\.|SAS|SpA|AB|ASA|GmbH|NV|N\.V\.|BV|Pty|Pte|Oy|Oyj|SE|Bhd|Tbk))+$/;

/** Canonical form of an unknown organisation name: corporate tails, an owner's possessive ("Scooter Braun's") and trailing punctuation dropped. */
export function canonicalOrgName(raw: string): string {
  if (!/['’(,.&]|^The\s/.test(raw) && !CORPORATE_TAIL.test(raw)) return raw.trim();
  return raw
    .replace(/^.*['’]s\s+(?=\S)/, '')
    .replace(/['’]s$/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(CORPORATE_TAIL, '')
    .replace(/^The\s+(?=\S)/, '')
    .replace(/[.,&\s]+$/, '')
    .trim();
}

const SPAN_OPTIONS = {
  notNames: ORG_DATA.notNames,
  openers: ORG_DATA.openers,
  heads: new Set([...ORG_DATA.mediaHeads, ...ORG_DATA.otherHeads, ...ORG_DATA.suffixes]),
  suffixes: new Set([...ORG_DATA.suffixes].filter((x) => !['Company', 'Holdings', 'Holding', 'Corporation'].includes(x))),
  keepDot: new Set(['Inc.', 'Corp.', 'Co.', 'Ltd.', 'S.A.', 'N.V.', 'B.V.', 'K.K.', 'S.p.A.', 'S.L.', 'Calif.', 'Bros.']),
};

const JOINT_GAP = /^\s*(?:,|and|&|x|×|\/)\s*(?:the\s+)?$/i;
const PAIR_TOKEN = /^([A-Z][\w.]*)-([A-Z][\w.]*)$/;

interface Occurrence {
  span: NameSpan;
  sentence: Sentence;
  key: string;
  name: string;
  evidence: SpanEvidence;
}

interface NameFacts {
  name: string;
  /** How often the item names it. */
  count: number;
  org: Set<string>;
  role: string | null;
  never: string | null;
  kind: OrgKind;
}

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

function collectFacts(occurrences: Occurrence[]): Map<string, NameFacts> {
  const facts = new Map<string, NameFacts>();
  for (const o of occurrences) {
    const f = facts.get(o.key) ?? { name: o.name, count: 0, org: new Set<string>(), role: null, never: null, kind: 'unknown' as OrgKind };
    f.count += 1;
    o.evidence.org.forEach((e) => f.org.add(e));
    f.role ??= o.evidence.role ?? null;
    f.never ??= o.evidence.never;
    if (o.evidence.kind === 'media' || (o.evidence.kind === 'other' && f.kind === 'unknown')) f.kind = o.evidence.kind;
    if (o.name.length > f.name.length) f.name = o.name;
    facts.set(o.key, f);
  }
  return facts;
}

/** A short name ("Citadel", "Velvet Tide") stands for the longer one that starts with it. */
function longForms(facts: Map<string, NameFacts>): Map<string, string> {
  const keys = [...facts.keys()].sort((a, b) => b.length - a.length);
  const to = new Map<string, string>();
  for (const short of keys) {
    const long = keys.find((k) => k.length > short.length && k.startsWith(`${short} `) && !facts.get(k)?.never && (facts.get(k)?.org.size ?? 0) > 0);
    if (long) to.set(short, to.get(long) ?? long);
  }
  return to;
}

/** An item about a performer: a person role noun and a personal pronoun ("The singer signed her deal"). */
const PERFORMER_ROLE = /\b(?:singer|rapper|artist|band|musician|star|DJ|producer|songwriter|host|podcaster|comedian|actor|actress|frontman|frontwoman|duo|trio)\b/i;
const PERSONAL_PRONOUN = /\b(?:she|he|her|his|him|hers|herself|himself|they've|their band)\b/i;
/** Shaped like a person's name: two or three plain capitalised words, no company word among them. */
const PERSON_SHAPE = /^(?:[A-Z][a-z]+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)$/;

function looksLikePerformer(f: NameFacts, spans: NameSpan[], performerItem: boolean): boolean {
  if (!performerItem || f.org.size > 0) return false;
  const span = spans.find((s) => canonicalOrgName(s.text) === f.name);
  return !!span && span.tokens.length >= 2 && span.tokens.length <= 3 && span.tokens.every((t) => PERSON_SHAPE.test(t));
}

/** The brand words a company's name starts with: its first word, or two when the first is an ordinary one ("Big Loud"). */
function brandKey(name: string): string {
  const words = name.split(/\s+/);
  const first = words[0] ?? '';
  return (ORG_DATA.notNames.has(first) || ORG_DATA.places.has(first) ? words.slice(0, 2) : words.slice(0, 1)).join(' ').toLowerCase();
}

/**
 * Names that share their brand words are one family ("Hipgnosis Songs Fund" and "Hipgnosis Songs
 * Capital", "Crestmoor Radio" and "Crestmoor Audio"): units of one owner, never a deal between them.
 */
function familyRoots(names: string[]): Map<string, string> {
  const byBrand = new Map<string, string[]>();
  for (const n of names) if (n.includes(' ')) byBrand.set(brandKey(n), [...(byBrand.get(brandKey(n)) ?? []), n]);
  const roots = new Map<string, string>();
  for (const group of byBrand.values()) {
    if (group.length < 2) continue;
    const root = [...group].sort((a, b) => a.length - b.length || a.localeCompare(b))[0] as string;
    for (const n of group) roots.set(n, root);
  }
  return roots;
}

function accepted(f: NameFacts): boolean {
  return !f.never && (f.org.size > 0 || f.role !== null || f.count >= 2);
}

const ACRONYM_AFTER = /^ \(([A-Z][A-Za-z0-9&.]{1,9})\)/;

/** "United Arab Bank (UAB)": the acronym in brackets is another name of the company before it. */
function acronymAliases(occurrences: Occurrence[], text: string): Map<string, string> {
  const to = new Map<string, string>();
  for (const o of occurrences) {
    const m = ACRONYM_AFTER.exec(text.slice(o.span.end, o.span.end + 14));
    if (m?.[1] && m[1].toLowerCase() !== o.key) to.set(m[1].toLowerCase(), o.key);
  }
  return to;
}

/** "UMG" in an item that names "Universal Music Group": an acronym of another name's initials is that name. */
function initialsAliases(occurrences: Occurrence[], aliases: Map<string, string>): void {
  const acronyms = occurrences.filter((o) => /^[A-Z]{2,6}$/.test(o.name) && !aliases.has(o.key));
  if (acronyms.length === 0) return;
  const byInitials = new Map<string, string>();
  for (const o of occurrences) {
    const words = o.name.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
    if (words.length >= 2) byInitials.set(words.map((w) => w[0]).join('').toLowerCase(), o.key);
  }
  for (const o of acronyms) {
    const to = byInitials.get(o.key);
    if (to && to !== o.key) aliases.set(o.key, to);
  }
}

/** "Downtown" where the item also names "Downtown Music", a gazetteer company: it is that company. */
function knownLongForm(key: string, known: readonly Mention[], knownTexts: readonly string[]): Mention | null {
  const i = knownTexts.findIndex((t) => t.length > key.length && t.startsWith(key) && t[key.length] === ' ');
  return i < 0 ? null : (known[i] ?? null);
}

/** Adds the organisations the text names that the gazetteer does not know; returns only the new mentions. */
export function findUnknownOrgs(item: ItemText, scan: MentionScan): Mention[] {
  const taken = [...scan.mentions, ...scan.outlets];
  const text = item.text;
  const spans = splitPairs(splitAtRoles(findNameSpans(item, SPAN_OPTIONS, taken)), text)
    .map(trimSpan)
    .filter((s): s is NameSpan => s !== null && !overlaps(s.start, s.end, taken));
  if (spans.length === 0) return [];
  const occurrences: Occurrence[] = spans.map((span) => {
    const name = canonicalOrgName(span.text);
    const sentence = item.sentences[span.sentence] ?? sentenceAt(item, span.start);
    return { span, name, key: name.toLowerCase(), sentence, evidence: spanEvidence(text, span, sentence) };
  });
  const roleOf = (o: Occurrence): string | null => (o.evidence.role ??= spanRole(text, o.span, o.sentence));
  // where a name stands matters only for names nothing else makes a company
  occurrences.forEach((o, i) => {
    if (o.evidence.never || o.evidence.org.length > 0 || roleOf(o)) return;
    // "X and Y sign …": the first of two joined names shares the second's role
    const next = occurrences[i + 1];
    if (next && next.span.sentence === o.span.sentence && JOINT_GAP.test(text.slice(o.span.end, next.span.start)) && roleOf(next) === 'deal-subject') {
      o.evidence.role = 'joint-subject';
    }
  });
  const aliases = acronymAliases(occurrences, text);
  initialsAliases(occurrences, aliases);
  for (const o of occurrences) {
    const to = aliases.get(o.key);
    if (to) o.key = to;
  }
  const facts = collectFacts(occurrences.filter((o) => o.key.length >= 2));
  let performerItem: boolean | undefined;
  for (const f of facts.values()) {
    if (f.never || f.org.size > 0) continue;
    performerItem ??= PERFORMER_ROLE.test(text) && PERSONAL_PRONOUN.test(text);
    if (looksLikePerformer(f, spans, performerItem)) f.never = 'person';
  }
  const long = longForms(facts);
  for (const [short, to] of long) {
    const s = facts.get(short);
    const l = facts.get(to);
    if (!s || !l) continue;
    s.org.forEach((e) => l.org.add(e));
    l.role ??= s.role;
    l.count += s.count;
  }
  const roots = familyRoots([...facts.values()].filter(accepted).map((f) => f.name));
  const knownTexts = scan.mentions.map((m) => m.text.toLowerCase());
  const found: Mention[] = [];
  for (const o of occurrences) {
    const key = long.get(o.key) ?? o.key;
    const f = facts.get(key);
    if (!f || !accepted(f)) continue;
    const sentence = o.sentence;
    const same = knownLongForm(key, scan.mentions, knownTexts);
    if (same) {
      const where = { start: o.span.start, end: o.span.end, text: o.span.text, sentence: sentence.index, clause: clauseAt(sentence, o.span.start) };
      found.push({ ...same, ...where, strong: false, rule: 'short-name:named-elsewhere' });
      continue;
    }
    const evidence = [...f.org][0] ?? f.role ?? 'repeated';
    found.push({
      entity: f.name,
      known: false,
      type: f.kind === 'media' ? 'unknown_media' : 'unknown',
      media: f.kind === 'media',
      root: roots.get(f.name) ?? f.name,
      start: o.span.start,
      end: o.span.end,
      text: o.span.text,
      sentence: sentence.index,
      clause: clauseAt(sentence, o.span.start),
      strong: false,
      rule: `unknown-org:${evidence}`,
    });
  }
  return found;
}
