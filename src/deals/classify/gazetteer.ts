import { z } from 'zod';
import outletsJson from '../data/outlets.json';
import { AliasMatcher } from './alias-matcher';
import { ALL_SUBTYPES, ENTITY_TYPES, isMediaEntity, subtypeProblem } from './entity-types';
import type { EntitySubtype, EntityType } from './entity-types';
import { GAZETTEER_FILES } from './gazetteer-files';
import { escapeRegex, spacesToWhitespace, wholeWords } from './pattern';

export { ENTITY_TYPES, ENTITY_SUBTYPES, isMediaEntity } from './entity-types';
export type { EntitySubtype, EntityType } from './entity-types';

/**
 * The gazetteer (src/deals/data/gazetteer/<type>.json, one file per entity type) and the outlets list,
 * validated and compiled once. An entity:
 * - name: the canonical name (what parties are called);
 * - subtype: a finer kind within the file's type (ENTITY_SUBTYPES; required for some types);
 * - aliases: matched case-insensitively, except short all-caps ones (UMG, TIM), matched as written;
 * - cs: matched as written (case-sensitive);
 * - ctx: ambiguous aliases (common words and names: Believe, Orange, Epic, Max): matched as written and
 *   counted only when one of their context words is in the item or the entity is named unambiguously;
 * - parent: the owner, only where the ownership is sure and stable (a unit or brand it created or has
 *   long held); one family (root) is one company;
 * - yieldsTo: units a short name hands over to when they are named in the same item ("Sony" → Sony Music).
 */

const aliasContextSchema = z.object({ alias: z.string(), words: z.array(z.string()).min(1) });
const entitySchema = z
  .object({
    name: z.string().min(1),
    subtype: z.enum(ALL_SUBTYPES).optional(),
    aliases: z.array(z.string().min(1)).optional(),
    cs: z.array(z.string().min(1)).optional(),
    ctx: z.array(aliasContextSchema).optional(),
    parent: z.string().optional(),
    yieldsTo: z.array(z.string()).optional(),
  })
  .strict();
const gazetteerFileSchema = z.object({ _doc: z.string(), type: z.enum(ENTITY_TYPES), entities: z.array(entitySchema) }).strict();
const outletsSchema = z.object({
  outlets: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).optional(), cs: z.array(z.string()).optional() })),
});

export type RawEntity = z.infer<typeof entitySchema> & { type: EntityType };

/** Every entity of the data files with its file's type, validated (shape, type, subtype, some alias). */
export function loadGazetteerEntities(files: readonly unknown[] = GAZETTEER_FILES): RawEntity[] {
  const entities: RawEntity[] = [];
  for (const file of files) {
    const data = gazetteerFileSchema.parse(file);
    for (const e of data.entities) {
      const problem = subtypeProblem(data.type, e.subtype);
      if (problem) throw new Error(`gazetteer: ${e.name}: ${problem}`);
      if ((e.aliases ?? []).length + (e.cs ?? []).length + (e.ctx ?? []).length === 0) throw new Error(`gazetteer: ${e.name} has no alias`);
      entities.push({ ...e, type: data.type });
    }
  }
  return entities;
}

export interface Entity {
  name: string;
  type: EntityType;
  subtype?: EntitySubtype;
  parent?: string;
  /** The top owner (the entity itself when it has no parent): one family = one company. */
  root: string;
  media: boolean;
  yieldsTo: string[];
}

/** What a matched alias may refer to. */
export interface AliasRef {
  entity: string;
  /** Ambiguous alias: needs one of these words in the item, or the entity named elsewhere unambiguously. */
  context?: RegExp;
  /** A short name ("Sony") that may hand over to a longer-named unit named in the same item. */
  bare: boolean;
}

export interface CompiledGazetteer {
  entities: Map<string, Entity>;
  /** Every alias and outlet name; the tag says which. */
  names: AliasMatcher<'entity' | 'outlet'>;
  ciRefs: Map<string, AliasRef[]>;
  csRefs: Map<string, AliasRef[]>;
  outletNames: Set<string>;
}

/** Lower-cases and folds whitespace: the key under which an alias is looked up. */
export function aliasKey(text: string, caseSensitive: boolean): string {
  const folded = text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'");
  return caseSensitive ? folded : folded.toLowerCase();
}

/** Short all-caps aliases (UMG, TIM, CBS) are matched case-sensitively so that they never hit plain words. */
export function looksLikeAcronym(alias: string): boolean {
  const letters = alias.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase();
}

function addRef(map: Map<string, AliasRef[]>, key: string, ref: AliasRef): void {
  const list = map.get(key);
  if (list) {
    if (!list.some((r) => r.entity === ref.entity)) list.push(ref);
  } else map.set(key, [ref]);
}

function aliasSource(alias: string): string {
  return spacesToWhitespace(escapeRegex(alias));
}

function buildNames(ci: string[], cs: string[], outletCi: string[], outletCs: string[]): AliasMatcher<'entity' | 'outlet'> {
  const m = new AliasMatcher<'entity' | 'outlet'>();
  ci.forEach((a) => m.add(a, 'entity', false));
  cs.forEach((a) => m.add(a, 'entity', true));
  outletCi.forEach((a) => m.add(a, 'outlet', false));
  outletCs.forEach((a) => m.add(a, 'outlet', true));
  return m.seal();
}

function findRoot(name: string, parents: Map<string, string | undefined>): string {
  let current = name;
  const seen = new Set<string>([name]);
  for (;;) {
    const parent = parents.get(current);
    if (!parent) return current;
    if (seen.has(parent)) throw new Error(`gazetteer: parent cycle through ${name}`);
    seen.add(parent);
    current = parent;
  }
}

function contextRegex(words: string[]): RegExp {
  return new RegExp(wholeWords(words.map((w) => aliasSource(w)).join('|')), 'i');
}

/** The gazetteer without some entities: links to a left-out parent or unit are dropped with them. */
function withoutEntities(entities: RawEntity[], exclude: ReadonlySet<string>): RawEntity[] {
  return entities
    .filter((e) => !exclude.has(e.name))
    .map((e) => ({
      ...e,
      parent: e.parent && exclude.has(e.parent) ? undefined : e.parent,
      yieldsTo: e.yieldsTo?.filter((name) => !exclude.has(name)),
    }));
}

export interface GazetteerOptions {
  /** Canonical names to leave out, as if the gazetteer had never heard of them (the unseen-companies evaluation). */
  exclude?: ReadonlySet<string>;
}

/** Validates the gazetteer and outlets files and builds the alias matchers. */
export function compileGazetteer(files: readonly unknown[] = GAZETTEER_FILES, options: GazetteerOptions = {}): CompiledGazetteer {
  const loaded = loadGazetteerEntities(files);
  const raw = options.exclude ? withoutEntities(loaded, options.exclude) : loaded;
  const outlets = outletsSchema.parse(outletsJson);
  const parents = new Map(raw.map((e) => [e.name, e.parent] as const));
  for (const e of raw) {
    if (e.parent && !parents.has(e.parent)) throw new Error(`gazetteer: ${e.name} has unknown parent ${e.parent}`);
  }
  const entities = new Map<string, Entity>();
  const ciRefs = new Map<string, AliasRef[]>();
  const csRefs = new Map<string, AliasRef[]>();
  for (const e of raw) {
    if (entities.has(e.name)) throw new Error(`gazetteer: duplicate entity ${e.name}`);
    entities.set(e.name, {
      name: e.name,
      type: e.type,
      subtype: e.subtype,
      parent: e.parent,
      root: findRoot(e.name, parents),
      media: isMediaEntity(e.type, e.subtype),
      yieldsTo: e.yieldsTo ?? [],
    });
    for (const alias of e.aliases ?? []) {
      const cs = looksLikeAcronym(alias);
      addRef(cs ? csRefs : ciRefs, aliasKey(alias, cs), { entity: e.name, bare: false });
    }
    for (const alias of e.cs ?? []) {
      addRef(csRefs, aliasKey(alias, true), { entity: e.name, bare: (e.yieldsTo ?? []).length > 0 });
    }
    for (const c of e.ctx ?? []) {
      addRef(csRefs, aliasKey(c.alias, true), { entity: e.name, context: contextRegex(c.words), bare: false });
    }
  }
  for (const e of raw) {
    for (const target of e.yieldsTo ?? []) {
      if (!entities.has(target)) throw new Error(`gazetteer: ${e.name} yields to unknown ${target}`);
    }
  }
  const outletCi: string[] = [];
  const outletCs: string[] = [];
  for (const o of outlets.outlets) {
    for (const a of o.aliases ?? []) outletCi.push(a);
    for (const a of o.cs ?? []) outletCs.push(a);
  }
  return {
    entities,
    names: buildNames([...ciRefs.keys()], [...csRefs.keys()], outletCi, outletCs),
    ciRefs,
    csRefs,
    outletNames: new Set(outlets.outlets.map((o) => o.name)),
  };
}
