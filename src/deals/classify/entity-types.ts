/**
 * What kind of company a gazetteer entity is (issue 7's taxonomy). The names are stable: the data
 * files (src/deals/data/gazetteer/<type>.json), the classifier and the takeaways all use them.
 */
export const ENTITY_TYPES = [
  'streaming',
  'label',
  'publisher',
  'distributor',
  'rights_body',
  'promoter',
  'festival',
  'venue_operator',
  'ticketing',
  'telco',
  'device_maker',
  'social_tech',
  'gaming',
  'ai_music',
  'media_network',
  'investor',
  'sports',
  'brand',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Finer kinds within a type, where the scope rules, kinds or takeaways need the difference. */
export const ENTITY_SUBTYPES = {
  streaming: ['audio', 'video'],
  media_network: ['tv', 'pay_tv', 'radio', 'podcast', 'studio', 'group'],
  social_tech: ['social', 'music_tech', 'tech'],
  gaming: ['platform', 'game_publisher'],
  festival: ['awards'],
  device_maker: ['car'],
  investor: ['bank'],
} as const satisfies Partial<Record<EntityType, readonly string[]>>;
type SubtypeLists = typeof ENTITY_SUBTYPES;
export type EntitySubtype = SubtypeLists[keyof SubtypeLists][number];
export const ALL_SUBTYPES = [...new Set(Object.values(ENTITY_SUBTYPES).flat())] as [EntitySubtype, ...EntitySubtype[]];

/** Types whose entities must give a subtype: the type alone does not say enough. */
const SUBTYPE_REQUIRED: ReadonlySet<EntityType> = new Set<EntityType>(['streaming', 'media_network', 'social_tech', 'gaming']);

/**
 * Not music or media business on their own: a deal needs another party that is (DEALS-LABELS.md
 * section 2). Telcos, device makers, investors and brands are in scope only as partners of a media company.
 */
const NON_MEDIA_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['telco', 'device_maker', 'investor', 'sports', 'brand']);
const NON_MEDIA_SUBTYPES: ReadonlySet<string> = new Set<EntitySubtype>(['tech', 'game_publisher']);

export function isMediaEntity(type: EntityType, subtype: EntitySubtype | undefined): boolean {
  return !NON_MEDIA_TYPES.has(type) && !(subtype !== undefined && NON_MEDIA_SUBTYPES.has(subtype));
}

/** Why a type/subtype pair is not allowed, or null when it is. */
export function subtypeProblem(type: EntityType, subtype: string | undefined): string | null {
  const allowed: readonly string[] = (ENTITY_SUBTYPES as Partial<Record<EntityType, readonly string[]>>)[type] ?? [];
  if (subtype === undefined) return SUBTYPE_REQUIRED.has(type) ? `type ${type} needs a subtype (${allowed.join(', ')})` : null;
  return allowed.includes(subtype) ? null : `type ${type} has no subtype ${subtype}`;
}
