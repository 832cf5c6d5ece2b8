/**
 * Deal identity: a deal is its canonical party set, so its id is derived from the sorted party
 * names ("Netflix" + "Spotify" → "netflix+spotify"). Stable across processes and rebuilds.
 */

const slugs = new Map<string, string>();
const SLUG_MEMO_MAX = 50_000;

/** A party's name as it appears in ids: lower case ASCII, words joined by "-". */
export function partySlug(party: string): string {
  let slug = slugs.get(party);
  if (slug === undefined) {
    slug = slugify(party);
    if (slugs.size >= SLUG_MEMO_MAX) slugs.clear();
    slugs.set(party, slug);
  }
  return slug;
}

function slugify(party: string): string {
  return party
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Canonical parties, deduplicated by slug, in slug order (the order of the deal id). */
export function canonicalParties(parties: readonly string[]): string[] {
  const bySlug = new Map<string, string>();
  for (const raw of parties) {
    const party = raw.trim().replace(/\s+/g, ' ');
    const slug = partySlug(party);
    if (slug !== '' && !bySlug.has(slug)) bySlug.set(slug, party);
  }
  return [...bySlug.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, party]) => party);
}

export function dealIdFor(parties: readonly string[]): string {
  return canonicalParties(parties).map(partySlug).join('+');
}

/** Every pair of parties, as keys ("netflix+spotify"): a 3-party deal is found by each of its pairs. */
export function partyPairKeys(parties: readonly string[]): string[] {
  const slugs = canonicalParties(parties).map(partySlug);
  const keys: string[] = [];
  for (let i = 0; i < slugs.length; i += 1) {
    for (let j = i + 1; j < slugs.length; j += 1) keys.push(`${slugs[i]}+${slugs[j]}`);
  }
  return keys;
}

/** "Netflix × Spotify". */
export function dealLabel(parties: readonly string[]): string {
  return parties.join(' × ');
}
