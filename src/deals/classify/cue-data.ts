import { z } from 'zod';
import { KINDS, STATUSES } from '../types';
import type { DealKind, DealStatus } from '../types';
import dealStatusJson from '../data/cues/deal-status.json';
import kindsJson from '../data/cues/kinds.json';
import markersJson from '../data/cues/markers.json';
import vetoJson from '../data/cues/veto.json';
import { PatternBundle, PatternSet, compileDataPattern, wholeWords } from './pattern';

/** The cue data files (src/deals/data/cues), validated and compiled once. */

const dealStatusSchema = z.object({
  cues: z.array(
    z.object({
      id: z.string(),
      re: z.string(),
      deal: z.enum(['strong', 'weak']).optional(),
      status: z.enum(STATUSES).optional(),
      tier: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
      needs: z.literal('dealWord').optional(),
      none: z.boolean().optional(),
      cs: z.boolean().optional(),
    }),
  ),
});

const kindsSchema = z.object({
  order: z.array(z.enum(KINDS)),
  cues: z.array(z.object({ id: z.string(), re: z.string(), kind: z.enum(KINDS), weight: z.number().optional() })),
});

export const MARKER_GROUPS = [
  'competitor',
  'competitorBefore',
  'attribution',
  'attributionAfter',
  'owner',
  'ownerBefore',
  'madeFor',
  'background',
  'backgroundMonth',
  'otherDeal',
  'hedge',
  'confirm',
  'future',
  'modal',
  'proposal',
  'notClosed',
  'artist',
  'generic',
  'anaphor',
  'update',
  'mediaContext',
] as const;
export type MarkerGroup = (typeof MARKER_GROUPS)[number];

const markersSchema = z.object({ groups: z.record(z.enum(MARKER_GROUPS), z.string()) });

export const VETO_FAMILIES = [
  'lawsuit',
  'earnings',
  'price',
  'layoffs',
  'exec_move',
  'charts_awards',
  'own_launch',
  'policy',
  'opinion',
  'stats',
  'roundup',
] as const;
export type VetoFamily = (typeof VETO_FAMILIES)[number];

const vetoSchema = z.object({
  families: z.record(
    z.enum(VETO_FAMILIES),
    z.object({ re: z.string(), clauseLevel: z.boolean(), singleParty: z.boolean().optional() }),
  ),
  exceptions: z.object({
    settlement: z.object({ trigger: z.string(), with: z.string() }),
    termination: z.object({ trigger: z.string(), with: z.string() }),
  }),
});

export interface VetoEntry {
  set: PatternSet;
  clauseLevel: boolean;
  /** Only when the headline names one company at most. */
  singleParty: boolean;
}

export interface DealCue {
  id: string;
  deal?: 'strong' | 'weak';
  status?: DealStatus;
  /** 2 an explicit stage, 1 a reporting verb, 0 a bare deal verb. */
  tier: 0 | 1 | 2;
  needsDealWord: boolean;
  /** Absorbs a phrase that must mean nothing ("declined to comment"). */
  none: boolean;
}

export interface KindCue {
  id: string;
  kind: DealKind;
  weight: number;
}

export interface CompiledCues {
  dealCues: DealCue[];
  dealCi: PatternSet;
  dealCs: PatternSet;
  /** Index into dealCues for the hits of dealCi and dealCs. */
  dealCiIds: number[];
  dealCsIds: number[];
  kindOrder: DealKind[];
  kindCues: KindCue[];
  /** Every kind cue in one bundle (key = index into kindCues), so that one phrase can count for several kinds. */
  kindBundle: PatternBundle<number>;
  markers: Map<MarkerGroup, PatternSet>;
  /** Groups that are (almost) always read together, scanned in one pass: keys are "m:<group>" and "v:<family>". */
  bundles: PatternBundle<string>[];
  veto: Map<VetoFamily, VetoEntry>;
  /** Every veto family in one bundle: a headline is scanned once for all of them. */
  titleVeto: PatternBundle<VetoFamily>;
  /** A lawsuit that is still a deal: a trigger ("settled", "terminated") with a licence or agreement word in the same sentence. */
  exceptions: { name: 'settlement' | 'termination'; trigger: PatternSet; with: RegExp }[];
  /** Words that make announce/deny/confirm cues about a deal. */
  dealWord: RegExp;
}

const DEAL_WORD =
  /\b(?:deals?|agreements?|partner\w*|pacts?|merg\w*|a?c?quisitions?|aquisition|acquir\w*|buy\w*|bought|sales?|sell\w*|takeover|bid\w*|offers?|talks|discussions|negotiat\w*|conversations|licen[cs]\w*|stakes?|invest\w*|ventures?|alliance|tie-?up|collaborat\w*|contracts?|bundle|purchas\w*|approach\w*|rumou?rs?|reports?|speculation|plans?|interest\w*|team\w* up|joint)\b/i;

function bySourceLengthDesc<T extends { source: string }>(items: T[]): T[] {
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.source.length - a.item.source.length || a.order - b.order)
    .map((x) => x.item);
}

function compileDealCues(): Pick<CompiledCues, 'dealCues' | 'dealCi' | 'dealCs' | 'dealCiIds' | 'dealCsIds'> {
  const data = dealStatusSchema.parse(dealStatusJson);
  const dealCues: DealCue[] = [];
  const ci: { source: string; id: number }[] = [];
  const cs: { source: string; id: number }[] = [];
  data.cues.forEach((cue, id) => {
    dealCues.push({
      id: cue.id,
      deal: cue.deal,
      status: cue.status,
      tier: cue.tier ?? 2,
      needsDealWord: cue.needs === 'dealWord',
      none: cue.none ?? false,
    });
    const source = compileDataPattern(cue.re, `deal-status.json ${cue.id}`);
    (cue.cs ? cs : ci).push({ source, id });
  });
  const ciSorted = bySourceLengthDesc(ci);
  const csSorted = bySourceLengthDesc(cs);
  return {
    dealCues,
    dealCi: new PatternSet(
      ciSorted.map((x) => x.source),
      'gi',
    ),
    dealCs: new PatternSet(
      csSorted.map((x) => x.source),
      'g',
    ),
    dealCiIds: ciSorted.map((x) => x.id),
    dealCsIds: csSorted.map((x) => x.id),
  };
}

function compileKinds(): Pick<CompiledCues, 'kindOrder' | 'kindCues' | 'kindBundle'> {
  const data = kindsSchema.parse(kindsJson);
  const kindCues = data.cues.map((c) => ({ id: c.id, kind: c.kind, weight: c.weight ?? 1 }));
  const kindBundle = new PatternBundle(data.cues.map((c, i) => ({ key: i, source: compileDataPattern(c.re, `kinds.json ${c.id}`) })));
  const missing = KINDS.filter((k) => !data.order.includes(k));
  if (missing.length > 0) throw new Error(`kinds.json order lacks ${missing.join(', ')}`);
  return { kindOrder: data.order, kindCues, kindBundle };
}

function compileMarkers(): { markers: Map<MarkerGroup, PatternSet>; sources: Map<MarkerGroup, string> } {
  const data = markersSchema.parse(markersJson);
  const markers = new Map<MarkerGroup, PatternSet>();
  const sources = new Map<MarkerGroup, string>();
  for (const group of MARKER_GROUPS) {
    const re = data.groups[group];
    if (re === undefined) throw new Error(`markers.json lacks group ${group}`);
    const source = compileDataPattern(re, `markers.json ${group}`);
    sources.set(group, source);
    markers.set(group, new PatternSet([source], 'gi'));
  }
  return { markers, sources };
}

/** Every item with two companies reads the structure groups; every deal reads the detail groups. */
const STRUCTURE_MARKERS: MarkerGroup[] = ['competitor', 'competitorBefore', 'attribution', 'attributionAfter', 'owner', 'ownerBefore', 'madeFor', 'background', 'backgroundMonth', 'proposal', 'artist', 'otherDeal', 'generic'];
const DETAIL_MARKERS: MarkerGroup[] = ['hedge', 'confirm', 'future', 'modal', 'notClosed', 'update', 'anaphor'];

function buildBundles(markerSources: Map<MarkerGroup, string>, vetoSources: Map<VetoFamily, { source: string; clauseLevel: boolean }>): PatternBundle<string>[] {
  const marker = (g: MarkerGroup) => ({ key: `m:${g}`, source: markerSources.get(g) ?? '' });
  const structure = [
    ...STRUCTURE_MARKERS.map(marker),
    ...[...vetoSources].filter(([, v]) => v.clauseLevel).map(([f, v]) => ({ key: `v:${f}`, source: v.source })),
  ];
  return [new PatternBundle(structure), new PatternBundle(DETAIL_MARKERS.map(marker))];
}

function compileVeto(): Pick<CompiledCues, 'veto' | 'exceptions'> & { sources: Map<VetoFamily, { source: string; clauseLevel: boolean }> } {
  const data = vetoSchema.parse(vetoJson);
  const veto = new Map<VetoFamily, VetoEntry>();
  const sources = new Map<VetoFamily, { source: string; clauseLevel: boolean }>();
  for (const family of VETO_FAMILIES) {
    const entry = data.families[family];
    if (!entry) throw new Error(`veto.json lacks family ${family}`);
    const source = compileDataPattern(entry.re, `veto.json ${family}`);
    sources.set(family, { source, clauseLevel: entry.clauseLevel });
    veto.set(family, {
      set: new PatternSet([source], 'gi'),
      clauseLevel: entry.clauseLevel,
      singleParty: entry.singleParty ?? false,
    });
  }
  const exception = (name: 'settlement' | 'termination') => ({
    name,
    trigger: new PatternSet([compileDataPattern(data.exceptions[name].trigger, `veto.json ${name}`)], 'gi'),
    with: new RegExp(wholeWords(compileDataPattern(data.exceptions[name].with, `veto.json ${name} with`)), 'i'),
  });
  return { veto, sources, exceptions: [exception('settlement'), exception('termination')] };
}

/** Validates and compiles every cue file; throws with the file and cue id when one is wrong. */
export function compileCues(): CompiledCues {
  const markers = compileMarkers();
  const { sources: vetoSources, ...veto } = compileVeto();
  return {
    ...compileDealCues(),
    ...compileKinds(),
    markers: markers.markers,
    ...veto,
    bundles: buildBundles(markers.sources, vetoSources),
    titleVeto: new PatternBundle([...vetoSources].map(([key, v]) => ({ key, source: v.source }))),
    dealWord: DEAL_WORD,
  };
}
