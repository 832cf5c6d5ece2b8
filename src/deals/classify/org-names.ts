import type { NameSpan } from './name-spans';
import type { OrgKind, SpanEvidence } from './org-evidence';
import { ORG_DATA } from './org-evidence';
import type { Sentence } from './segment';

/**
 * What the item's capitalised names are, name by name: the evidence of every occurrence gathered
 * (a name the text makes a person anywhere is a person everywhere), the names that are the same
 * company (a short and a long form, an acronym in brackets or of the initials), the families of names
 * that share their brand words, and which names are companies.
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

export interface Occurrence {
  span: NameSpan;
  sentence: Sentence;
  key: string;
  name: string;
  evidence: SpanEvidence;
}

export interface NameFacts {
  name: string;
  /** How often the item names it. */
  count: number;
  org: Set<string>;
  role: string | null;
  never: string | null;
  kind: OrgKind;
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

function looksLikePerformer(f: NameFacts, occurrences: readonly Occurrence[]): boolean {
  const span = occurrences.find((o) => o.name === f.name)?.span;
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

export function accepted(f: NameFacts): boolean {
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


export interface ItemNames {
  facts: Map<string, NameFacts>;
  /** A short name's key to its long form's key. */
  long: Map<string, string>;
  /** A company's family root, for names that share their brand words. */
  roots: Map<string, string>;
}

/** Gathers the occurrences name by name: aliases joined (acronyms re-keyed in place), performers set aside, short forms folded into long ones, families found. */
export function nameFacts(occurrences: Occurrence[], text: string): ItemNames {
  const aliases = acronymAliases(occurrences, text);
  initialsAliases(occurrences, aliases);
  for (const o of occurrences) o.key = aliases.get(o.key) ?? o.key;
  const facts = collectFacts(occurrences.filter((o) => o.key.length >= 2));
  let performerItem: boolean | undefined;
  for (const f of facts.values()) {
    if (f.never || f.org.size > 0 || !looksLikePerformer(f, occurrences)) continue;
    performerItem ??= PERFORMER_ROLE.test(text) && PERSONAL_PRONOUN.test(text);
    if (performerItem) f.never = 'person';
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
  return { facts, long, roots };
}
