import { canonicalOrgName } from './org-names';
import { ORG_DATA } from './org-evidence';
import type { CompiledGazetteer } from './gazetteer';
import { aliasKey, compileGazetteer } from './gazetteer';

/**
 * Canonical party name for any spelling: a gazetteer alias gives its entity ("UMG" → "Universal Music
 * Group", "Twitter" → "X"); anything else is tidied like an unknown organisation ("Foo Media Inc." →
 * "Foo Media"). Used by the evaluation and by anyone matching party names typed by people.
 */
let gazetteer: CompiledGazetteer | null = null;

export function canonicalizePartyName(name: string): string {
  gazetteer ??= compileGazetteer();
  const trimmed = name.trim();
  if (gazetteer.entities.has(trimmed)) return trimmed;
  const refs = gazetteer.csRefs.get(aliasKey(trimmed, true)) ?? gazetteer.ciRefs.get(aliasKey(trimmed, false));
  const plain = refs?.find((r) => !r.context) ?? refs?.[0];
  return plain ? plain.entity : canonicalOrgName(trimmed);
}

/**
 * A key under which two spellings of one company compare equal: the canonical name, and for a name
 * the gazetteer does not know, without the generic words that end it ("Permira Advisors" and
 * "Permira", "Sentric Music" and "Sentric" are one company). Gazetteer names stay exact: "Sony Music"
 * is not "Sony".
 */
export function partyKey(name: string): string {
  const canonical = canonicalizePartyName(name);
  if (gazetteer?.entities.has(canonical)) return canonical.toLowerCase();
  const words = canonical.split(/\s+/);
  while (words.length > 1 && (ORG_DATA.mediaHeads.has(words[words.length - 1] ?? '') || ORG_DATA.otherHeads.has(words[words.length - 1] ?? '') || ORG_DATA.suffixes.has(words[words.length - 1] ?? ''))) words.pop();
  return words.join(' ').toLowerCase();
}
