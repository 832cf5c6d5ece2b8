import { compileGazetteer } from '../classify/gazetteer';
import { LOOKUP_ALIASES } from './party-words';

/** Every name a party is known by (lower case) → its canonical name: the gazetteer's names and aliases, and the deal lookup's short names. */
let known: Map<string, string> | undefined;

function knownNames(): Map<string, string> {
  if (known) return known;
  const gazetteer = compileGazetteer();
  const names = new Map<string, string>();
  for (const name of gazetteer.entities.keys()) names.set(name.toLowerCase(), name);
  for (const refs of [gazetteer.ciRefs, gazetteer.csRefs]) {
    for (const [alias, targets] of refs) {
      const target = targets.find((t) => !t.context) ?? targets[0];
      if (target && !names.has(alias.toLowerCase())) names.set(alias.toLowerCase(), target.entity);
    }
  }
  for (const [alias, party] of LOOKUP_ALIASES) if (!names.has(alias)) names.set(alias, party);
  return (known = names);
}

/** True when the classifier knows this canonical party name (so deals with it can be found). */
export function isKnownParty(canonical: string): boolean {
  return [...knownNames().values()].includes(canonical);
}

/**
 * The known party a mistyped name most likely means ("spotfy" → Spotify), or undefined when none
 * is close: the same first letter, and one edit (a letter added, missing, changed or two swapped)
 * for names up to 10 letters, two beyond.
 */
export function closestParty(typed: string): string | undefined {
  const wanted = typed.trim().toLowerCase();
  const allowed = wanted.length <= 10 ? 1 : 2;
  let best: { party: string; distance: number } | undefined;
  for (const [name, party] of knownNames()) {
    if (name[0] !== wanted[0] || Math.abs(name.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, name, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { party, distance };
  }
  return best?.party;
}

/**
 * Known parties for autocomplete: canonical names with a word starting with what was typed (or a
 * short name such as "umg" starting with it) first, then names containing it.
 */
export function partyChoices(typed: string, limit = 25): string[] {
  const wanted = typed.trim().toLowerCase();
  const starts = new Set<string>();
  const contains = new Set<string>();
  for (const party of new Set(knownNames().values())) {
    const name = party.toLowerCase();
    if (name.split(/[\s.-]+/).some((word) => word.startsWith(wanted)) || name.startsWith(wanted)) starts.add(party);
    else if (name.includes(wanted)) contains.add(party);
  }
  for (const [alias, party] of LOOKUP_ALIASES) if (wanted !== '' && alias.startsWith(wanted)) starts.add(party);
  const byLength = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
  return [...[...starts].sort(byLength), ...[...contains].filter((p) => !starts.has(p)).sort(byLength)].slice(0, limit);
}

/** Optimal string alignment distance (Levenshtein with swaps of neighbours), giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous = before;
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}
