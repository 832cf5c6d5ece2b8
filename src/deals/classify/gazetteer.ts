import { z } from 'zod';
import gazetteerJson from '../data/gazetteer.json';
import outletsJson from '../data/outlets.json';
import { AliasMatcher } from './alias-matcher';
import { escapeRegex, spacesToWhitespace, wholeWords } from './pattern';

/** The gazetteer (src/deals/data/gazetteer.json) and the outlets list, validated and compiled once. */

/** Types that make a deal music or media business on their own (DEALS-LABELS.md section 2). */
const MEDIA_ENTITY_TYPES = [
  'label',
  'publisher',
  'distributor',
  'collective',
  'audio_streamer',
  'podcast',
  'radio',
  'video_streamer',
  'pay_tv',
  'tv_network',
  'studio',
  'media_company',
  'social_platform',
  'gaming_platform',
  'music_tech',
  'ticketing',
  'promoter',
  'venue',
  'festival',
  'ai_music',
  'awards',
] as const;

export const ENTITY_TYPES = [
  ...MEDIA_ENTITY_TYPES,
  'tech',
  'telco',
  'device_maker',
  'mobility',
  'retail',
  'fitness',
  'investor',
  'bank',
  'game_publisher',
  'sports',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const MEDIA_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(MEDIA_ENTITY_TYPES);

const aliasContextSchema = z.object({ alias: z.string(), words: z.array(z.string()).min(1) });
const entitySchema = z.object({
  name: z.string(),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string()).optional(),
  cs: z.array(z.string()).optional(),
  ctx: z.array(aliasContextSchema).optional(),
  parent: z.string().optional(),
  yieldsTo: z.array(z.string()).optional(),
});
const gazetteerSchema = z.object({ entities: z.array(entitySchema) });
const outletsSchema = z.object({
  outlets: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).optional(), cs: z.array(z.string()).optional() })),
});

export interface Entity {
  name: string;
  type: EntityType;
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
function looksLikeAcronym(alias: string): boolean {
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
  const seen = new Set<string>();
  for (;;) {
    const parent = parents.get(current);
    if (!parent || seen.has(parent)) return current;
    seen.add(current);
    current = parent;
  }
}

function contextRegex(words: string[]): RegExp {
  return new RegExp(wholeWords(words.map((w) => aliasSource(w)).join('|')), 'i');
}

type GazetteerData = z.infer<typeof gazetteerSchema>;

/** The gazetteer without some entities: links to a left-out parent or unit are dropped with them. */
function withoutEntities(data: GazetteerData, exclude: ReadonlySet<string>): GazetteerData {
  const entities = data.entities
    .filter((e) => !exclude.has(e.name))
    .map((e) => ({
      ...e,
      parent: e.parent && exclude.has(e.parent) ? undefined : e.parent,
      yieldsTo: e.yieldsTo?.filter((name) => !exclude.has(name)),
    }));
  return { entities };
}

export interface GazetteerOptions {
  /** Canonical names to leave out, as if the gazetteer had never heard of them (the unseen-companies evaluation). */
  exclude?: ReadonlySet<string>;
}

/** Validates the gazetteer and outlets files and builds the alias matchers. */
export function compileGazetteer(options: GazetteerOptions = {}): CompiledGazetteer {
  const parsed = gazetteerSchema.parse(gazetteerJson);
  const data = options.exclude ? withoutEntities(parsed, options.exclude) : parsed;
  const outlets = outletsSchema.parse(outletsJson);
  const parents = new Map(data.entities.map((e) => [e.name, e.parent] as const));
  for (const e of data.entities) {
    if (e.parent && !parents.has(e.parent)) throw new Error(`gazetteer: ${e.name} has unknown parent ${e.parent}`);
  }
  const entities = new Map<string, Entity>();
  const ciRefs = new Map<string, AliasRef[]>();
  const csRefs = new Map<string, AliasRef[]>();
  for (const e of data.entities) {
    if (entities.has(e.name)) throw new Error(`gazetteer: duplicate entity ${e.name}`);
    entities.set(e.name, {
      name: e.name,
      type: e.type,
      parent: e.parent,
      root: findRoot(e.name, parents),
      media: MEDIA_TYPES.has(e.type),
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
  for (const e of data.entities) {
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
