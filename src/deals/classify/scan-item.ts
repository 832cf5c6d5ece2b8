import type { ClassifierInput } from '../types';
import type { CompiledCues, DealCue, MarkerGroup, VetoFamily } from './cue-data';
import type { Mention } from './find-mentions';
import { findMentions } from './find-mentions';
import { findUnknownOrgs } from './find-unknown-orgs';
import type { CompiledGazetteer } from './gazetteer';
import type { PatternBundle, PatternHit, PatternSet } from './pattern';
import type { ItemText } from './segment';
import { clauseAt, segmentItem, sentenceAt } from './segment';

/** Everything the rules look at, found in one pass over the item and placed by sentence and clause. */

export interface Located {
  start: number;
  end: number;
  text: string;
  sentence: number;
  clause: number;
}

export interface DealHit extends Located {
  cue: DealCue;
}

/**
 * Marker and veto hits are found on first use only: most items never need most groups (a non-deal
 * needs no hedge or future markers), and each scan costs a pass over the text.
 */
export class LazyHits<K extends string> {
  private readonly full = new Map<K, Located[]>();
  private readonly title = new Map<K, Located[]>();

  /** prefix names this kind of key inside the shared bundles ("m:" markers, "v:" veto families); names are spans whose words are never cues ("Imagine Entertainment"). */
  constructor(
    private readonly item: ItemText,
    private readonly sets: (key: K) => PatternSet | undefined,
    private readonly prefix = '',
    private readonly bundles: BundleCache | null = null,
    private readonly names: readonly { start: number; end: number }[] = [],
    /** Every key's pattern in one bundle, to scan the headline once for all of them. */
    private readonly titleBundle: PatternBundle<K> | null = null,
  ) {}

  private outsideNames(hits: Located[]): Located[] {
    if (this.names.length === 0) return hits;
    return hits.filter((h) => !this.names.some((n) => h.start >= n.start && h.end <= n.end));
  }

  get(key: K): Located[] {
    let hits = this.full.get(key);
    if (hits) return hits;
    hits = this.bundles?.get(`${this.prefix}${key}`);
    if (!hits) hits = (this.sets(key)?.scan(this.item.text) ?? []).map((h) => locate(this.item, h));
    hits = this.outsideNames(hits);
    this.full.set(key, hits);
    return hits;
  }

  /** Hits in the headline only (a cheap scan of the headline when the full text was not scanned yet). */
  inTitle(key: K): Located[] {
    const done = this.full.get(key);
    if (done) return done.filter((h) => h.sentence === 0);
    let hits = this.title.get(key);
    if (!hits) {
      const titleText = this.item.text.slice(0, this.item.titleEnd);
      if (this.titleBundle) {
        for (const [k, list] of this.titleBundle.scan(titleText)) this.title.set(k, this.outsideNames(list.map((h) => locate(this.item, h))));
        hits = this.title.get(key) ?? [];
      } else hits = this.outsideNames((this.sets(key)?.scan(titleText) ?? []).map((h) => locate(this.item, h)));
      this.title.set(key, hits);
    }
    return hits;
  }
}

/** Bundled groups of one item: the whole bundle is scanned the first time one of its groups is asked for. */
export class BundleCache {
  private readonly hits = new Map<string, Located[]>();
  private readonly scanned = new Set<PatternBundle<string>>();

  constructor(
    private readonly item: ItemText,
    private readonly bundles: PatternBundle<string>[],
  ) {}

  get(key: string): Located[] | undefined {
    const bundle = this.bundles.find((b) => b.keys.includes(key));
    if (!bundle) return undefined;
    if (!this.scanned.has(bundle)) {
      this.scanned.add(bundle);
      for (const [k, list] of bundle.scan(this.item.text)) this.hits.set(k, list.map((h) => locate(this.item, h)));
    }
    return this.hits.get(key) ?? [];
  }
}

export interface ItemScan {
  input: ClassifierInput;
  item: ItemText;
  mentions: Mention[];
  outlets: { start: number; end: number; text: string }[];
  dealHits: DealHit[];
  markers: LazyHits<MarkerGroup>;
  veto: LazyHits<VetoFamily>;
  settlement: Located[];
  termination: Located[];
  /** The item's year when its date is known (years before it are history). */
  year: number | null;
  /** The item's month (1-12) when known: "in March" in a March item is news, not history. */
  month: number | null;
}

function locate(item: ItemText, hit: PatternHit): Located {
  const sentence = sentenceAt(item, hit.start);
  return { start: hit.start, end: hit.end, text: hit.text, sentence: sentence.index, clause: clauseAt(sentence, hit.start) };
}

function yearOf(date: string | undefined): number | null {
  const m = /^(\d{4})/.exec(date ?? '');
  return m ? Number(m[1]) : null;
}

function monthOf(date: string | undefined): number | null {
  const m = /^\d{4}-(\d{2})/.exec(date ?? '');
  return m ? Number(m[1]) : null;
}

/** A deal hit written out field by field (spreading a located hit into a new object costs more than the scan's bookkeeping). */
function dealHit(item: ItemText, hit: PatternHit, cue: DealCue): DealHit {
  const { start, end, text, sentence, clause } = locate(item, hit);
  return { start, end, text, sentence, clause, cue };
}

function scanDealCues(item: ItemText, cues: CompiledCues): DealHit[] {
  const hits: DealHit[] = [];
  for (const hit of cues.dealCi.scan(item.text)) {
    const cue = cues.dealCues[cues.dealCiIds[hit.index] ?? -1];
    if (cue) hits.push(dealHit(item, hit, cue));
  }
  for (const hit of cues.dealCs.scan(item.text)) {
    const cue = cues.dealCues[cues.dealCsIds[hit.index] ?? -1];
    if (cue) hits.push(dealHit(item, hit, cue));
  }
  return hits.sort((a, b) => a.start - b.start);
}

function findExceptions(item: ItemText, cues: CompiledCues): { settlement: Located[]; termination: Located[] } {
  const found = { settlement: [] as Located[], termination: [] as Located[] };
  for (const ex of cues.exceptions) {
    for (const hit of ex.trigger.scan(item.text)) {
      const where = locate(item, hit);
      const sentence = item.sentences[where.sentence];
      if (sentence && ex.with.test(sentence.text.replace(hit.text, ' '))) found[ex.name].push(where);
    }
  }
  return found;
}

/** The cheap first pass: the text cut into sentences and the companies and outlets it names. */
export interface NameScan {
  input: ClassifierInput;
  item: ItemText;
  mentions: Mention[];
  outlets: { start: number; end: number; text: string }[];
}

export function scanNames(input: ClassifierInput, gaz: CompiledGazetteer): NameScan {
  const item = segmentItem(input);
  const found = findMentions(item, gaz);
  const unknown = findUnknownOrgs(item, found);
  const mentions = [...found.mentions, ...unknown].sort((a, b) => a.start - b.start);
  return { input, item, mentions, outlets: found.outlets };
}

/** Runs every matcher over the item once (the markers and veto families on first use). */
export function scanItem(input: ClassifierInput, gaz: CompiledGazetteer, cues: CompiledCues, names?: NameScan): ItemScan {
  const { item, mentions, outlets } = names ?? scanNames(input, gaz);
  const bundles = new BundleCache(item, cues.bundles);
  const spans = [...mentions, ...outlets];
  const markers = new LazyHits<MarkerGroup>(item, (g) => cues.markers.get(g), 'm:', bundles, spans);
  const veto = new LazyHits<VetoFamily>(item, (f) => cues.veto.get(f)?.set, 'v:', bundles, spans, cues.titleVeto);
  const insideName = (h: DealHit): boolean => spans.some((n) => h.start >= n.start && h.end <= n.end);
  return {
    input,
    item,
    mentions,
    outlets,
    dealHits: scanDealCues(item, cues).filter((h) => !insideName(h)),
    markers,
    veto,
    ...findExceptions(item, cues),
    year: yearOf(input.date),
    month: monthOf(input.date),
  };
}
