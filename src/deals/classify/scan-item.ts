import type { ClassifierInput } from '../types';
import type { CompiledCues, DealCue, MarkerGroup, VetoFamily } from './cue-data';
import { MARKER_GROUPS, VETO_FAMILIES } from './cue-data';
import type { Mention } from './find-mentions';
import { findMentions } from './find-mentions';
import { findUnknownOrgs } from './find-unknown-orgs';
import type { CompiledGazetteer } from './gazetteer';
import type { PatternHit } from './pattern';
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

export interface ItemScan {
  input: ClassifierInput;
  item: ItemText;
  mentions: Mention[];
  outlets: { start: number; end: number; text: string }[];
  dealHits: DealHit[];
  markers: Map<MarkerGroup, Located[]>;
  veto: Map<VetoFamily, Located[]>;
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

function scanDealCues(item: ItemText, cues: CompiledCues): DealHit[] {
  const hits: DealHit[] = [];
  for (const hit of cues.dealCi.scan(item.text)) {
    const cue = cues.dealCues[cues.dealCiIds[hit.index] ?? -1];
    if (cue) hits.push({ ...locate(item, hit), cue });
  }
  for (const hit of cues.dealCs.scan(item.text)) {
    const cue = cues.dealCues[cues.dealCsIds[hit.index] ?? -1];
    if (cue) hits.push({ ...locate(item, hit), cue });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Runs every matcher over the item once. */
export function scanItem(input: ClassifierInput, gaz: CompiledGazetteer, cues: CompiledCues): ItemScan {
  const item = segmentItem(input);
  const found = findMentions(item, gaz);
  const unknown = findUnknownOrgs(item, found);
  const mentions = [...found.mentions, ...unknown].sort((a, b) => a.start - b.start);
  const markers = new Map<MarkerGroup, Located[]>();
  for (const group of MARKER_GROUPS) {
    markers.set(
      group,
      (cues.markers.get(group)?.scan(item.text) ?? []).map((h) => locate(item, h)),
    );
  }
  const veto = new Map<VetoFamily, Located[]>();
  for (const family of VETO_FAMILIES) {
    veto.set(
      family,
      (cues.veto.get(family)?.set.scan(item.text) ?? []).map((h) => locate(item, h)),
    );
  }
  const names = [...mentions, ...found.outlets];
  const insideName = (h: DealHit): boolean => names.some((n) => h.start >= n.start && h.end <= n.end);
  return {
    input,
    item,
    mentions,
    outlets: found.outlets,
    dealHits: scanDealCues(item, cues).filter((h) => !insideName(h)),
    markers,
    veto,
    settlement: cues.settlementException.scan(item.text).map((h) => locate(item, h)),
    termination: cues.terminationException.scan(item.text).map((h) => locate(item, h)),
    year: yearOf(input.date),
    month: monthOf(input.date),
  };
}

/** Marker hits of one group inside one sentence (and clause, when given). */
export function markersIn(scan: ItemScan, group: MarkerGroup, sentence: number, clause?: number): Located[] {
  return (scan.markers.get(group) ?? []).filter(
    (m) => m.sentence === sentence && (clause === undefined || m.clause === clause),
  );
}
