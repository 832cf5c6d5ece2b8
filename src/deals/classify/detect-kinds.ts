import type { DealKind, Evidence } from '../types';
import type { CompiledCues } from './cue-data';
import type { SentenceInfo } from './analyze-sentences';
import type { Party } from './choose-parties';
import type { Mention } from './find-mentions';
import type { ItemScan } from './scan-item';
import { clauseAt } from './segment';

/**
 * Kinds from the kind cue families, read only in the deal's own sentences (headline cues count more),
 * plus what the parties are: a ticketing company makes a ticketing deal, a podcast company a podcast
 * deal, a festival or awards body a live-events deal. Ordered most salient first: headline kinds, then
 * the prior order of kinds.json.
 */

export interface KindDecision {
  kinds: DealKind[];
  evidence: Evidence[];
}

const TITLE_WEIGHT = 1.5;
const THRESHOLD = 1;
const MAX_KINDS = 3;

/** Entity types and subtypes that make a kind (a festival's awards subtype included). */
const TYPE_KINDS: [string, DealKind][] = [
  ['ticketing', 'ticketing'],
  ['podcast', 'playlists_podcasts'],
  ['festival', 'live_events'],
];

const isTyped = (m: Mention, type: string): boolean => m.type === type || m.subtype === type;

export function detectKinds(
  scan: ItemScan,
  cues: CompiledCues,
  infos: SentenceInfo[],
  scope: number[],
  parties: Party[],
): KindDecision {
  const score = new Map<DealKind, number>();
  const inTitle = new Set<DealKind>();
  const evidence: Evidence[] = [];
  const names = [...scan.mentions, ...scan.outlets];
  for (const s of scope) {
    const sentence = scan.item.sentences[s];
    const info = infos[s];
    if (!sentence || !info) continue;
    for (const [index, hits] of cues.kindBundle.scan(sentence.text)) {
      const cue = cues.kindCues[index];
      if (!cue) continue;
      const kind = cue.kind;
      for (const local of hits) {
        const hit = { ...local, start: local.start + sentence.start, end: local.end + sentence.start };
        if (names.some((n) => hit.start >= n.start && hit.end <= n.end)) continue;
        const flags = info.clauses[clauseAt(sentence, hit.start)];
        if (flags?.background || flags?.artist) continue;
        const weight = cue.weight * (info.isTitle ? TITLE_WEIGHT : 1);
        const before = score.get(kind) ?? 0;
        score.set(kind, before + weight);
        if (info.isTitle) inTitle.add(kind);
        if (before < THRESHOLD && before + weight >= THRESHOLD) {
          evidence.push({ field: 'kind', rule: `kind:${kind}:${cue.id}`, text: hit.text, start: hit.start, end: hit.end });
        }
      }
    }
  }
  for (const [type, kind] of TYPE_KINDS) {
    const party = parties.find((p) => p.mentions.some((m) => isTyped(m, type)));
    if (!party) continue;
    const before = score.get(kind) ?? 0;
    score.set(kind, before + THRESHOLD);
    if (before < THRESHOLD) {
      const m = party.mention;
      evidence.push({ field: 'kind', rule: `kind:${kind}:party-is-${type}`, text: m.text, start: m.start, end: m.end });
    }
  }
  const kinds = cues.kindOrder
    .filter((k) => (score.get(k) ?? 0) >= THRESHOLD)
    .sort((a, b) => Number(inTitle.has(b)) - Number(inTitle.has(a)) || cues.kindOrder.indexOf(a) - cues.kindOrder.indexOf(b))
    .slice(0, MAX_KINDS);
  if (kinds.length === 0) kinds.push(fallbackKind(score, parties));
  return { kinds, evidence: evidence.filter((e) => kinds.some((k) => e.rule.startsWith(`kind:${k}:`))) };
}

/** A deal always has a kind: the best-scored one, else what the parties suggest. */
function fallbackKind(score: Map<DealKind, number>, parties: Party[]): DealKind {
  const scored = [...score.entries()].sort((a, b) => b[1] - a[1])[0];
  if (scored && scored[1] > 0) return scored[0];
  const mentions = parties.flatMap((p) => p.mentions);
  const any = (list: string[]): boolean => list.some((t) => mentions.some((m) => isTyped(m, t)));
  if (any(['label', 'publisher', 'rights_body', 'ai_music', 'distributor'])) return 'licensing';
  if (any(['telco'])) return 'bundling';
  if (any(['video', 'tv', 'studio', 'pay_tv'])) return 'video';
  return 'distribution';
}
