import { aliasKey, looksLikeAcronym } from '../../../src/deals/classify/gazetteer';
import type { RawEntity } from '../../../src/deals/classify/gazetteer';

/**
 * The review rules for gazetteer aliases, as functions that list what breaks them (so that a test can
 * show each rule catching a bad entry): aliases do not collide, and common words need context.
 */

export interface AliasUse {
  entity: string;
  alias: string;
  /** plain: counts wherever it is matched; ctx: only with a context word or the entity named elsewhere. */
  mode: 'plain' | 'ctx';
  caseSensitive: boolean;
}

export function aliasUses(e: RawEntity): AliasUse[] {
  return [
    ...(e.aliases ?? []).map((alias) => ({ entity: e.name, alias, mode: 'plain' as const, caseSensitive: looksLikeAcronym(alias) })),
    ...(e.cs ?? []).map((alias) => ({ entity: e.name, alias, mode: 'plain' as const, caseSensitive: true })),
    ...(e.ctx ?? []).map((c) => ({ entity: e.name, alias: c.alias, mode: 'ctx' as const, caseSensitive: true })),
  ];
}

/** The matcher's key for an alias, compared case-insensitively. */
export function foldedKey(alias: string): string {
  return aliasKey(alias.trim(), false);
}

/**
 * Aliases (compared case-insensitively) that two entities share. Allowed on purpose: ambiguous (ctx)
 * aliases whose context decides between the entities, and an entity that yields to the other.
 */
export function aliasCollisions(entities: RawEntity[]): string[] {
  const byKey = new Map<string, AliasUse[]>();
  for (const e of entities) for (const use of aliasUses(e)) byKey.set(foldedKey(use.alias), [...(byKey.get(foldedKey(use.alias)) ?? []), use]);
  const yields = new Map(entities.map((e) => [e.name, new Set(e.yieldsTo ?? [])]));
  const related = (a: string, b: string): boolean => !!yields.get(a)?.has(b) || !!yields.get(b)?.has(a);
  const problems: string[] = [];
  for (const [key, uses] of byKey) {
    const clash = uses.some((a) => uses.some((b) => a.entity !== b.entity && a.mode === 'plain' && !related(a.entity, b.entity)));
    if (clash) problems.push(`"${key}": ${[...new Set(uses.map((u) => u.entity))].join(', ')}`);
  }
  return problems;
}

export interface WordLists {
  words: ReadonlySet<string>;
  firstNames: ReadonlySet<string>;
}

function isCommonWord(token: string, lists: WordLists): boolean {
  const t = token.toLowerCase();
  if (!/^[a-z']+$/.test(t)) return false;
  return lists.words.has(t) || (t.endsWith('s') && lists.words.has(t.slice(0, -1)));
}

function isCommonName(token: string, lists: WordLists): boolean {
  return lists.firstNames.has(token.toLowerCase());
}

/** The tokens of an alias ("Sub Pop" → Sub, Pop; "T-Mobile" → T, Mobile; "7digital" stays one token). */
function tokens(alias: string): string[] {
  return alias.split(/[\s\-/&.,:!]+/).filter((w) => w.length > 0);
}

/** An alias written all in capitals and matched as written (DICE, TIDAL) reads as a name, not a word. */
function capitalsOnly(use: AliasUse): boolean {
  return use.caseSensitive && !/[a-z]/.test(use.alias);
}

/**
 * Plain aliases that should be ambiguous: a common word or first name on its own must be a ctx alias;
 * a name made only of common words ("Round Hill") must at least be matched case-sensitively.
 */
export function commonWordProblems(entities: RawEntity[], lists: WordLists): string[] {
  const problems: string[] = [];
  for (const e of entities) {
    for (const use of aliasUses(e)) {
      if (use.mode === 'ctx' || capitalsOnly(use)) continue;
      const ws = tokens(use.alias);
      const single = ws.length === 1 ? (ws[0] ?? '') : null;
      if (single !== null && (isCommonWord(single, lists) || isCommonName(single, lists))) {
        problems.push(`${e.name}: "${use.alias}" is a common word or name: make it a ctx alias`);
      } else if (!use.caseSensitive && ws.length > 0 && ws.every((w) => isCommonWord(w, lists))) {
        problems.push(`${e.name}: "${use.alias}" is made of common words: make it cs or ctx`);
      }
    }
  }
  return problems;
}
