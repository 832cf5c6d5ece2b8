import { canonicalOrgName } from './find-unknown-orgs';
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
