import { KINDS, STATUSES } from '../deals/types';
import type { DealKind, DealStatus } from '../deals/types';
import { kindLabel, STATUS_WORDS } from '../deals/vocabulary';
import { feedText } from './embeds/text';
import { UserFacingError } from './user-facing-error';

/**
 * Comma-separated option values ("licensing, live events") checked against the public vocabulary.
 * Forgiving about case, spaces, hyphens and the labels members see ("Live events", "In talks");
 * anything else is a clear error that names every allowed value.
 */
export const MAX_LIST_ITEMS = 20;

export function parseKinds(raw: string | null | undefined): DealKind[] {
  return parseVocabulary(raw, KINDS, (kind) => kindLabel(kind), 'kind');
}

export function parseStatuses(raw: string | null | undefined): DealStatus[] {
  return parseVocabulary(raw, STATUSES, (status) => STATUS_WORDS[status].label, 'status');
}

/**
 * Party names: each canonicalised when known ("umg" → "Universal Music Group"), else tidied as
 * typed; deduplicated (any case); at most MAX_LIST_ITEMS of 100 characters.
 */
export function parsePartyList(raw: string | null | undefined, canonical: (name: string) => string = (name) => name): string[] {
  const parts = splitList(raw);
  if (parts.length > MAX_LIST_ITEMS) throw new UserFacingError(`At most ${MAX_LIST_ITEMS} parties, please.`);
  const tooLong = parts.find((p) => p.length > 100);
  if (tooLong !== undefined) throw new UserFacingError('A party name can be at most 100 characters long.');
  const seen = new Set<string>();
  return parts.map((p) => canonical(p).trim() || p).filter((p) => {
    const key = p.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseVocabulary<T extends string>(raw: string | null | undefined, allowed: readonly T[], label: (value: T) => string, what: string): T[] {
  const lookup = new Map<string, T>();
  for (const value of allowed) {
    lookup.set(normalise(value), value);
    lookup.set(normalise(label(value)), value);
  }
  const out: T[] = [];
  for (const part of splitList(raw)) {
    const value = lookup.get(normalise(part));
    if (value === undefined) {
      throw new UserFacingError(
        `"${feedText(part.replace(/[`"]/g, ''), 40)}" is not a ${what}. Use one or more of: ${allowed.map((v) => `\`${v}\``).join(', ')} (comma-separated).`,
      );
    }
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

function splitList(raw: string | null | undefined): string[] {
  return (raw ?? '')
    .split(/[,;\n]/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
